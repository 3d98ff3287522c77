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

  /**
   * A first column followed by two or more spaces: a table row, continued under its second column.
   */
  private static final java.util.regex.Pattern ROW =
      java.util.regex.Pattern.compile("^( *\\S+(?: \\S+)*? {2,})\\S");

  /**
   * {@code text}, line by line, with each line longer than {@code width} columns wrapped between
   * words, never inside one: a continuation starts under the line's text (after its leading
   * spaces), or, for a table row (" PAGER the shell's pager ..."), under its second column. A word
   * longer than a whole line is broken after a '/' when it holds one (a path), else at the edge. A
   * {@code width} of 0 or less leaves the text as it is (a pipe).
   */
  public static String wrapBlock(String text, int width) {
    if (width <= 0) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      if (n > 0) {
        out.append('\n');
      }
      out.append(String.join("\n", wrapLine(lines[n], width)));
    }
    return out.toString();
  }

  /** One line wrapped by words as {@link #wrapBlock} wraps it. */
  public static List<String> wrapLine(String line, int width) {
    List<String> out = new ArrayList<>();
    if (width <= 0 || width(line) <= width) {
      out.add(line);
      return out;
    }
    int lead = 0;
    while (lead < line.length() && line.charAt(lead) == ' ') {
      lead++;
    }
    int hanging = lead;
    java.util.regex.Matcher row = ROW.matcher(line);
    if (row.find() && width(row.group(1)) <= Math.min(28, width / 2)) {
      hanging = width(row.group(1));
    }
    if (hanging > width / 2) {
      hanging = Math.min(lead, width / 4);
    }
    String prefix = line.substring(0, lead);
    int start = lead;
    while (start < line.length()) {
      int avail = width - width(prefix);
      int cols = 0;
      int i = start;
      int lastSpace = -1;
      int lastSlash = -1;
      while (i < line.length()) {
        int cp = line.codePointAt(i);
        int w = Math.max(0, WCWidth.wcwidth(cp));
        if (cols + w > avail) {
          break;
        }
        if (cp == ' ') {
          lastSpace = i;
        } else if (cp == '/'
            || cp == '-' && i > start && Character.isLetterOrDigit(line.charAt(i - 1))) {
          lastSlash = i + 1;
        }
        cols += w;
        i += Character.charCount(cp);
      }
      int end;
      if (i >= line.length()) {
        end = line.length();
      } else if (line.charAt(i) == ' ') {
        end = i;
      } else if (lastSpace > start) {
        end = lastSpace;
      } else if (lastSlash > start) {
        end = lastSlash;
      } else {
        // one word longer than the line, with no '/' or '-' to break after: kept whole
        end = i;
        while (end < line.length() && line.charAt(end) != ' ') {
          end++;
        }
      }
      out.add(prefix + stripEnd(line.substring(start, end)));
      start = end;
      while (start < line.length() && line.charAt(start) == ' ') {
        start++;
      }
      prefix = " ".repeat(hanging);
    }
    return out;
  }

  private static String stripEnd(String s) {
    int e = s.length();
    while (e > 0 && s.charAt(e - 1) == ' ') {
      e--;
    }
    return s.substring(0, e);
  }
}
