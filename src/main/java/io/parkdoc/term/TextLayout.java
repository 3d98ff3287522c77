package io.parkdoc.term;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.WCWidth;

/**
 * Lays out styled text by display width: a Hangul syllable or a Han character takes two terminal
 * columns, a combining mark none. Stateless.
 */
public final class TextLayout {
  private TextLayout() {}

  /** The terminal columns {@code s} takes. */
  public static int width(CharSequence s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = Character.codePointAt(s, i);
      i += Character.charCount(cp);
      w += Math.max(0, WCWidth.wcwidth(cp));
    }
    return w;
  }

  /** Characters a line must not start with: closing brackets and punctuation (kinsoku shori). */
  private static final String NO_LINE_START = "。、，．・：；？！）」』】〕〉》”’ー…ゝゞヽヾ々,.;:!?)]}";

  /** Characters a line must not end with: opening brackets. */
  private static final String NO_LINE_END = "（「『【〔〈《“‘([{";

  /**
   * Moves a break between two characters back by a character or two, so that no line starts with a
   * closing mark (。 、 」) nor ends with an opening one (「): the rule of Japanese and Chinese
   * typesetting. Keeps the break where it was when that would empty the line.
   */
  private static int kinsoku(String s, int start, int end) {
    int e = end;
    for (int step = 0; step < 2 && e > start; step++) {
      int before = s.offsetByCodePoints(e, -1);
      // A whole character: not between a base and its zero-width marks (decomposed Hangul,
      // accents).
      while (before > start && WCWidth.wcwidth(s.codePointAt(before)) == 0) {
        before = s.offsetByCodePoints(before, -1);
      }
      boolean badStart = e < s.length() && NO_LINE_START.indexOf(s.charAt(e)) >= 0;
      boolean badEnd = NO_LINE_END.indexOf(s.charAt(before)) >= 0;
      if (!badStart && !badEnd) {
        return e;
      }
      e = before;
    }
    return e > start ? e : end;
  }

  /**
   * {@code text} as it fits in {@code columns}: whole when it fits, else its end after an ellipsis,
   * cut after a slash where one is near (a path keeps its file name and closest folders).
   */
  public static String fitLeft(String text, int columns) {
    if (width(text) <= columns || columns < 2) {
      return text;
    }
    int cols = 1;
    int i = text.length();
    while (i > 0) {
      int cp = text.codePointBefore(i);
      int w = Math.max(0, WCWidth.wcwidth(cp));
      if (cols + w > columns) {
        break;
      }
      cols += w;
      i -= Character.charCount(cp);
    }
    int slash = text.indexOf('/', i);
    if (slash >= 0 && slash < text.length() - 1 && slash - i < 20) {
      i = slash;
    }
    return "…" + text.substring(i);
  }

  /** True for a character of text written with spaces between words: narrow ones, and Hangul. */
  private static boolean spacedScript(int cp) {
    return WCWidth.wcwidth(cp) < 2
        || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL;
  }

  /**
   * Wraps {@code text} into lines of at most {@code width} columns, each after {@code indent}
   * spaces. Breaks at a space when one is near, except inside Chinese and Japanese text, which has
   * no spaces to break at and breaks between any two characters, never inside a character, and not
   * before a closing mark such as 。 or 」.
   */
  public static List<AttributedString> wrap(AttributedString text, int indent, int width) {
    List<AttributedString> lines = new ArrayList<>();
    int avail = Math.max(10, width - indent);
    String s = text.toString();
    int start = 0;
    while (start < s.length()) {
      int cols = 0;
      int i = start;
      int lastSpace = -1;
      while (i < s.length()) {
        int cp = s.codePointAt(i);
        int w = Math.max(0, WCWidth.wcwidth(cp));
        if (cols + w > avail) {
          break;
        }
        if (cp == ' ') {
          lastSpace = i;
        }
        cols += w;
        i += Character.charCount(cp);
      }
      int end = i;
      // Back up to a space only to keep a word whole where words are spaced (Latin, Korean);
      // Chinese and Japanese text breaks anywhere.
      if (i < s.length()
          && lastSpace > start
          && i - lastSpace < 20
          && spacedScript(s.codePointAt(i))
          && spacedScript(s.codePointBefore(i))) {
        end = lastSpace;
      } else if (i < s.length()) {
        end = kinsoku(s, start, end);
      }
      AttributedStringBuilder line = new AttributedStringBuilder();
      line.append(" ".repeat(indent));
      line.append(text.subSequence(start, end));
      lines.add(line.toAttributedString());
      start = end;
      while (start < s.length() && s.charAt(start) == ' ') {
        start++;
      }
    }
    return lines;
  }
}
