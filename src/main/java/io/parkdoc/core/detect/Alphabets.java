package io.parkdoc.core.detect;

import com.ibm.icu.text.UnicodeSet;
import com.ibm.icu.util.LocaleData;
import com.ibm.icu.util.ULocale;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which languages write a sentence's letters, by ICU's exemplar characters (CLDR's standard
 * alphabet of each language): ć, š and đ are Serbian or Croatian, never Spanish; ř is Czech; ő is
 * Hungarian. Stop words cannot tell a Serbian sentence from a Spanish one ("se", "da" are stop
 * words of both), the letters can.
 *
 * <p>Only letters beyond Latin-1 (U+0100 on) are looked at: Western European languages write
 * nothing there but œ, so their sentences cost nothing, and a sentence holding such letters is rare
 * enough that reading CLDR's data for it (about 20 ms the first time, then ~1 ms a language) is
 * cheap. Thread-safe.
 */
public final class Alphabets {
  /** Each language's standard alphabet, lower case, read on first use. */
  private static final Map<String, UnicodeSet> ALPHABETS = new ConcurrentHashMap<>();

  /** Languages written in two alphabets: Serbian in Cyrillic and in Latin letters. */
  private static final Map<String, String> ALSO = Map.of("sr", "sr_Latn");

  private Alphabets() {}

  /**
   * The languages among {@code candidates} whose alphabet holds every letter of {@code sentence}
   * from U+0100 on (lower-cased), in {@code candidates}' order; null when the sentence has no such
   * letter (nothing to tell by).
   */
  public static Set<String> writing(String sentence, Set<String> candidates) {
    String lower = sentence.toLowerCase(Locale.ROOT);
    UnicodeSet letters = new UnicodeSet();
    for (int i = 0; i < lower.length(); ) {
      int cp = lower.codePointAt(i);
      i += Character.charCount(cp);
      if (cp >= 0x100 && Character.isLetter(cp)) {
        letters.add(cp);
      }
    }
    if (letters.isEmpty()) {
      return null;
    }
    Set<String> out = new LinkedHashSet<>();
    for (String lang : candidates) {
      if (alphabet(lang).containsAll(letters)) {
        out.add(lang);
      }
    }
    return out;
  }

  private static UnicodeSet alphabet(String lang) {
    return ALPHABETS.computeIfAbsent(
        lang,
        l -> {
          UnicodeSet set = new UnicodeSet(exemplars(l));
          String also = ALSO.get(l);
          if (also != null) {
            set.addAll(exemplars(also));
          }
          return set.freeze();
        });
  }

  private static UnicodeSet exemplars(String locale) {
    // CASE_INSENSITIVE would add upper case too; the sentence is lower-cased instead.
    return LocaleData.getExemplarSet(new ULocale(locale), 0, LocaleData.ES_STANDARD);
  }
}
