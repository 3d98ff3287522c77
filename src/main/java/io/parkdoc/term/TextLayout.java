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

  /**
   * Wraps {@code text} into lines of at most {@code width} columns, each after {@code indent}
   * spaces. Breaks at a space when one is near, else between any two characters (CJK text has no
   * spaces to break at), never inside a character.
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
      // Back up to a space only to keep a Latin word whole; CJK text breaks anywhere.
      if (i < s.length() && lastSpace > start && i - lastSpace < 20
          && WCWidth.wcwidth(s.codePointAt(i)) < 2 && WCWidth.wcwidth(s.codePointBefore(i)) < 2) {
        end = lastSpace;
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
