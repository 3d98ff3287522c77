package io.parkdoc.core.snippet;

import java.text.BreakIterator;
import java.text.CharacterIterator;
import java.text.StringCharacterIterator;
import java.util.Arrays;
import java.util.Locale;

/**
 * A sentence {@link BreakIterator} for passages in any language parkdoc indexes.
 *
 * <p>It takes the JDK's sentence boundaries (which know 。！？ and the Latin ones) and adds two that
 * the JDK misses: a line break, because plain-text documents put headings and list items on lines
 * of their own (but not one inside a Chinese or Japanese sentence, between two Han or kana
 * characters: man pages and statutes wrap lines inside words), and a Korean sentence end (다. 요. 까?
 * …) followed directly by the next sentence with no space, common in Korean news text. Boundaries
 * are computed once per text. Not thread-safe, like every {@code BreakIterator}.
 */
public final class SentenceBreaker extends BreakIterator {
  private CharacterIterator text = new StringCharacterIterator("");
  private int[] bounds = {0};
  private int index;

  @Override
  public void setText(CharacterIterator newText) {
    this.text = newText;
    StringBuilder sb = new StringBuilder(newText.getEndIndex() - newText.getBeginIndex());
    for (char c = newText.first(); c != CharacterIterator.DONE; c = newText.next()) {
      sb.append(c);
    }
    bounds = boundaries(sb, newText.getBeginIndex());
    index = 0;
  }

  /** The sentence boundaries of {@code s}, shifted by {@code base}, ascending and distinct. */
  static int[] boundaries(CharSequence s, int base) {
    BreakIterator jdk = BreakIterator.getSentenceInstance(Locale.ROOT);
    String str = s.toString();
    jdk.setText(str);
    int[] out = new int[16];
    int n = 0;
    int next = jdk.first();
    for (int i = 0; i <= str.length(); i++) {
      boolean boundary = false;
      while (next != DONE && next < i) {
        next = jdk.next();
      }
      if (next == i) {
        boundary = true;
      } else if (i > 0 && i < str.length()) {
        char prev = str.charAt(i - 1);
        char cur = str.charAt(i);
        boundary =
            (prev == '\n' && cur != '\n' && cur != '\r' && !insideCjkSentence(str, i))
                || ((prev == '.' || prev == '?' || prev == '!')
                    && i >= 2
                    && isHangul(str.charAt(i - 2))
                    && isHangul(cur));
      }
      if (boundary) {
        if (n == out.length) {
          out = Arrays.copyOf(out, n * 2);
        }
        out[n++] = base + i;
      }
    }
    if (n == 0 || out[0] != base) {
      int[] withStart = new int[n + 1];
      withStart[0] = base;
      System.arraycopy(out, 0, withStart, 1, n);
      return withStart;
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * True when the line break just before {@code i} falls inside a Chinese or Japanese sentence: one
   * line break (not a blank line) between two Han or kana characters, the first not ending a
   * sentence. Man pages and statutes break their lines wherever the width runs out, inside words
   * (フォ / ントサイズ); such a break is no sentence boundary.
   */
  static boolean insideCjkSentence(CharSequence s, int i) {
    int before = i - 1; // the '\n'
    while (before > 0 && isInlineBlank(s.charAt(before - 1))) {
      before--;
    }
    if (before <= 0 || s.charAt(before - 1) == '\n') {
      return false;
    }
    int after = i;
    while (after < s.length() && isInlineBlank(s.charAt(after))) {
      after++;
    }
    if (after >= s.length()) {
      return false;
    }
    int last = Character.codePointBefore(s, before);
    int next = Character.codePointAt(s, after);
    return (cjkLetter(last) || last == '、' || last == '，' || last == '・') && cjkLetter(next);
  }

  /** Blanks inside a line: spaces, tabs, a carriage return, the ideographic space. */
  private static boolean isInlineBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\u3000';
  }

  /**
   * A character of Chinese or Japanese words: Han, hiragana, katakana and the marks written inside
   * their words (ー, 々).
   */
  public static boolean cjkLetter(int cp) {
    if (cp == 'ー' || cp == '々' || cp == '〆') {
      return true;
    }
    return switch (Character.UnicodeScript.of(cp)) {
      case HAN, HIRAGANA, KATAKANA -> Character.isLetter(cp);
      default -> false;
    };
  }

  /**
   * A character of Chinese or Japanese text: {@link #cjkLetter} or its full-width punctuation (、，。
   * 「」 and the like), which needs no space beside it.
   */
  public static boolean cjkText(int cp) {
    return cjkLetter(cp)
        || (cp >= 0x3000 && cp <= 0x303F)
        || (cp >= 0xFF01 && cp <= 0xFF0F)
        || (cp >= 0xFF1A && cp <= 0xFF1F)
        || cp == 0x30FB;
  }

  private static boolean isHangul(char c) {
    return (c >= '\uAC00' && c <= '\uD7A3')
        || (c >= '\u1100' && c <= '\u11FF')
        || (c >= '\u3130' && c <= '\u318F');
  }

  @Override
  public int first() {
    index = 0;
    return bounds[0];
  }

  @Override
  public int last() {
    index = bounds.length - 1;
    return bounds[index];
  }

  @Override
  public int next(int n) {
    int target = index + n;
    if (target < 0 || target >= bounds.length) {
      index = target < 0 ? 0 : bounds.length - 1;
      return DONE;
    }
    index = target;
    return bounds[index];
  }

  @Override
  public int next() {
    return next(1);
  }

  @Override
  public int previous() {
    return next(-1);
  }

  @Override
  public int following(int offset) {
    int pos = Arrays.binarySearch(bounds, offset + 1);
    int i = pos >= 0 ? pos : -pos - 1;
    if (i >= bounds.length) {
      index = bounds.length - 1;
      return DONE;
    }
    index = i;
    return bounds[i];
  }

  @Override
  public int preceding(int offset) {
    int pos = Arrays.binarySearch(bounds, offset);
    int i = (pos >= 0 ? pos : -pos - 1) - 1;
    if (i < 0) {
      index = 0;
      return DONE;
    }
    index = i;
    return bounds[i];
  }

  @Override
  public int current() {
    return bounds[index];
  }

  @Override
  public CharacterIterator getText() {
    return text;
  }
}
