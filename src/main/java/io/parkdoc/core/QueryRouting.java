package io.parkdoc.core;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Chooses the language indices a query can match by the scripts it is written in, never by a
 * statistical detector: Hangul is only in Korean text, kana only in Japanese, and Han without
 * either in Japanese or Chinese (a whole sentence of Han alone, in Chinese).
 *
 * <p>Saves loading analyzers a query cannot use, and keeps a Chinese question from matching
 * Japanese passages that share its characters. A query with OR may mix scripts on purpose, so it
 * is not routed. Stateless.
 */
final class QueryRouting {
  private static final Pattern OR = Pattern.compile("(^|\\s)(OR|\\|\\|)(\\s|$)");

  private QueryRouting() {}

  /** The index languages worth searching for {@code query}, or null for all of them. */
  static Set<String> languagesFor(String query, boolean natural) {
    if (OR.matcher(query).find()) {
      return null;
    }
    boolean hangul = false;
    boolean kana = false;
    boolean han = false;
    for (int i = 0; i < query.length(); ) {
      int cp = query.codePointAt(i);
      i += Character.charCount(cp);
      Character.UnicodeScript script = Character.UnicodeScript.of(cp);
      switch (script) {
        case HANGUL -> hangul = true;
        case HIRAGANA, KATAKANA -> kana = true;
        case HAN -> han = true;
        default -> { }
      }
    }
    if (hangul && !kana && !han) {
      return Set.of(Languages.KOREAN);
    }
    if (kana && !hangul) {
      return Set.of(Languages.JAPANESE);
    }
    if (han && !hangul) {
      return natural ? Set.of(Languages.CHINESE) : Set.of(Languages.JAPANESE, Languages.CHINESE);
    }
    return null;
  }
}
