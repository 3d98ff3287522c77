package io.parkdoc.core.query.translate;

import java.util.List;

/**
 * What the translation line shows of a word's Korean translations: the first that is not a piece of
 * another one kept (导航 -> 이터, 내비게이터, 비게 shows 내비게이터). Pairs mined from parallel text pair a word
 * with a Korean compound and with the pieces nori indexes it as alike (내비게이터 is 내 + 비게 + 이터); all
 * are searched in their order, which ranks better than the whole word first (tuning half R@10 into
 * Korean .705 -> .699 from Chinese, .739 -> .731 from Japanese), but a piece does not read as a
 * word. Stateless, thread-safe.
 */
final class KoreanCandidates {
  private KoreanCandidates() {}

  /** The translation of {@code kept} (best first, into {@code lang}) the line shows. */
  static String shown(List<String> kept, String lang) {
    String first = kept.get(0);
    if (!"ko".equals(lang)) {
      return first;
    }
    for (String c : kept) {
      if (kept.stream().noneMatch(w -> isPiece(c, w))) {
        return c;
      }
    }
    return first;
  }

  /** Whether {@code c} is a shorter Hangul word inside the Hangul word {@code w}. */
  private static boolean isPiece(String c, String w) {
    return w.length() > c.length() && hangul(c) && hangul(w) && w.contains(c);
  }

  private static boolean hangul(String s) {
    return !s.isEmpty() && s.chars().allMatch(Translator::isHangul);
  }
}
