package io.parkdoc.core.query;

import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.detect.Alphabets;
import io.parkdoc.core.detect.StopwordGuess;
import java.lang.Character.UnicodeScript;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Chooses the language indices a query can match by the scripts it is written in, never by a
 * statistical detector.
 *
 * <p>Hangul is only in Korean text, kana only in Japanese, Han alone in Japanese or Chinese (a
 * whole sentence of Han alone, in Chinese), Cyrillic only in the Cyrillic-script languages, and so
 * on. A short Latin-script query also searches Korean, Japanese and Chinese, whose documents often
 * carry Latin words (LED, Nd:YAG); a Latin-script sentence does not. Routing saves loading
 * analyzers a query cannot use, and keeps an analyzer that does not know a script (smartcn cuts
 * Cyrillic into letters) from matching a document on fragments. A query with OR may mix scripts on
 * purpose, so it is not routed. A sentence in a script several languages share (Latin, Cyrillic)
 * goes to the languages whose stop words it uses, when they say so clearly: otherwise the English
 * field would rank a Spanish question by its "de" and "la". Stateless.
 */
public final class QueryRouting {
  private static final Pattern OR = Pattern.compile("(^|\\s)(OR|\\|\\|)(\\s|$)");
  private static final Pattern FILTER =
      Pattern.compile("(?i)(^|\\s)[-+]?(lang|path):(\"[^\"]*\"|\\S+)");

  /** The script of each index language; those not listed are written in Latin script. */
  private static final Map<String, UnicodeScript> SCRIPT =
      Map.ofEntries(
          Map.entry("ru", UnicodeScript.CYRILLIC),
          Map.entry("bg", UnicodeScript.CYRILLIC),
          Map.entry("uk", UnicodeScript.CYRILLIC),
          Map.entry("sr", UnicodeScript.CYRILLIC),
          Map.entry("el", UnicodeScript.GREEK),
          Map.entry("ar", UnicodeScript.ARABIC),
          Map.entry("fa", UnicodeScript.ARABIC),
          Map.entry("hi", UnicodeScript.DEVANAGARI),
          Map.entry("ne", UnicodeScript.DEVANAGARI),
          Map.entry("bn", UnicodeScript.BENGALI),
          Map.entry("ta", UnicodeScript.TAMIL),
          Map.entry("te", UnicodeScript.TELUGU),
          Map.entry("th", UnicodeScript.THAI),
          Map.entry("hy", UnicodeScript.ARMENIAN));

  /**
   * Languages written in Latin letters as well as in their own script: Serbian in both alphabets
   * (and Croatian, Bosnian and Montenegrin text, which the detector calls Serbian).
   */
  private static final Set<String> LATIN_TOO = Set.of("sr");

  /**
   * Languages close enough that their stop words cannot tell them apart: a Croatian sentence uses
   * Czech stop words (i, od, po, se, u) as much as Serbian ones, a Danish one Norwegian ones. A
   * sentence routed to one of them goes to its kin too: the known-item evaluation ({@code
   * PastedTextEvalTest}) lost every Croatian sentence to Czech, Croatian text being indexed as
   * Serbian.
   */
  private static final List<Set<String>> KIN =
      List.of(
          Set.of("cs", "sk", "sl", "sr", "hr", "bs", "pl"),
          Set.of("da", "no", "nb", "nn", "sv"),
          Set.of("es", "gl", "pt", "ca"),
          // Lucene's Serbian stop words are only forms of biti, hteti and moći: a Serbian Cyrillic
          // sentence shows the function words of Russian, Ukrainian and Bulgarian (на, у, за, од),
          // and was lost to them (the known-item evaluation: sr .45).
          Set.of("ru", "uk", "be", "bg", "sr"));

  /** {@code guessed} and, among {@code candidates}, their kin. */
  private static Set<String> withKin(Set<String> guessed, Set<String> candidates) {
    Set<String> out = new LinkedHashSet<>(guessed);
    for (Set<String> kin : KIN) {
      if (guessed.stream().anyMatch(kin::contains)) {
        candidates.stream().filter(kin::contains).forEach(out::add);
      }
    }
    return out;
  }

  private QueryRouting() {}

  private static boolean cjk(UnicodeScript s) {
    return s == UnicodeScript.HAN
        || s == UnicodeScript.HIRAGANA
        || s == UnicodeScript.KATAKANA
        || s == UnicodeScript.HANGUL;
  }

  /** The index languages worth searching for {@code query}, or null for all of them. */
  public static Set<String> languagesFor(String rawQuery, boolean natural) {
    return languagesFor(rawQuery, natural, null);
  }

  /**
   * The index languages worth searching for {@code query} in an index holding {@code indexed}
   * (null: any language), or null for all of them. The stop-word guess chooses only among the
   * languages indexed: "work on small oscillation re entry motions" has two Czech stop words (on,
   * re) and one English one, and must not be sent to a Czech index that is not there.
   */
  public static Set<String> languagesFor(
      String rawQuery, boolean natural, java.util.Collection<String> indexed) {
    return languagesFor(rawQuery, natural, indexed, true);
  }

  /**
   * As {@link #languagesFor(String, boolean, java.util.Collection)}; without {@code byStopWords}, a
   * sentence goes to every language of its script (the second try of a sentence its stop words sent
   * to languages where nothing matched).
   */
  public static Set<String> languagesFor(
      String rawQuery, boolean natural, java.util.Collection<String> indexed, boolean byStopWords) {
    if (OR.matcher(rawQuery).find()) {
      return null;
    }
    // Filters are not text: lang:en says nothing about the script of the words.
    String query = FILTER.matcher(rawQuery).replaceAll(" ");
    Map<UnicodeScript, Integer> letters = new EnumMap<>(UnicodeScript.class);
    for (int i = 0; i < query.length(); ) {
      int cp = query.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetter(cp)) {
        UnicodeScript script = UnicodeScript.of(cp);
        // A Han, kana or Hangul character carries about as much as a short Latin word.
        int weight =
            script == UnicodeScript.HAN
                    || script == UnicodeScript.HIRAGANA
                    || script == UnicodeScript.KATAKANA
                    || script == UnicodeScript.HANGUL
                ? 4
                : 1;
        letters.merge(script, weight, Integer::sum);
      }
    }
    Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
    int total = letters.values().stream().mapToInt(Integer::intValue).sum();
    int top = letters.values().stream().max(Integer::compare).orElse(0);
    if (!letters.isEmpty() && (natural || top >= 3 * (total - top))) {
      // A sentence is written in one script; a Latin name inside a Thai or Russian question
      // does not make it a question for every Latin-script language. Han, kana or Hangul with a
      // third of the leader's weight or more is the sentence's script: OpenCourseWare 指什么？
      // (14 Latin letters, three Han characters weighing 12) is a Chinese question about a
      // Latin name.
      letters.forEach(
          (script, n) -> {
            if (n == top || (natural && 3 * n >= top && cjk(script))) {
              scripts.add(script);
            }
          });
      if (scripts.contains(UnicodeScript.HAN)
          || scripts.contains(UnicodeScript.HIRAGANA)
          || scripts.contains(UnicodeScript.KATAKANA)) {
        // Japanese writes Han and kana together: keep both once either leads.
        for (UnicodeScript s :
            List.of(UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA)) {
          if (letters.containsKey(s)) {
            scripts.add(s);
          }
        }
      }
    } else {
      scripts.addAll(letters.keySet());
    }
    boolean hangul = scripts.contains(UnicodeScript.HANGUL);
    boolean kana =
        scripts.contains(UnicodeScript.HIRAGANA) || scripts.contains(UnicodeScript.KATAKANA);
    boolean han = scripts.contains(UnicodeScript.HAN);
    Set<String> langs = new LinkedHashSet<>();
    if (hangul || kana || han) {
      if (hangul) {
        langs.add(Languages.KOREAN);
      }
      if (kana) {
        langs.add(Languages.JAPANESE);
      }
      if (han && !hangul && !kana) {
        if (!natural) {
          langs.add(Languages.JAPANESE);
        }
        langs.add(Languages.CHINESE);
      }
    } else if (scripts.isEmpty()) {
      return null;
    } else {
      for (String lang : Languages.indexLanguages()) {
        if (Languages.isCjk(lang) || lang.equals(Languages.UNDETERMINED)) {
          continue;
        }
        if (scripts.contains(SCRIPT.getOrDefault(lang, UnicodeScript.LATIN))
            || LATIN_TOO.contains(lang) && scripts.contains(UnicodeScript.LATIN)) {
          langs.add(lang);
        }
      }
      if (natural && byStopWords && langs.size() > 1) {
        Set<String> candidates = new LinkedHashSet<>(langs);
        if (indexed != null) {
          candidates.retainAll(indexed);
        }
        Set<String> byStopwords = StopwordGuess.languagesOf(query, candidates);
        if (!byStopwords.isEmpty()) {
          // Stop words shared across families ("se", "da" are Spanish and Serbian) must not send
          // a sentence away from the only languages that write its letters (ć, š: Serbian). The
          // letters add languages, never remove them: a name (Dvořák) in an English sentence
          // leaves it English.
          Set<String> byLetters = Alphabets.writing(query, candidates);
          if (byLetters != null && Collections.disjoint(byLetters, byStopwords)) {
            byStopwords = new LinkedHashSet<>(byStopwords);
            byStopwords.addAll(byLetters);
          }
          return withKin(byStopwords, langs);
        }
      }
      if (scripts.contains(UnicodeScript.LATIN) && !natural) {
        langs.add(Languages.KOREAN);
        langs.add(Languages.JAPANESE);
        langs.add(Languages.CHINESE);
      }
    }
    langs.add(Languages.UNDETERMINED);
    return langs;
  }
}
