package io.parkdoc.term;

import java.nio.file.Path;

/**
 * Paths as the user should see them: relative to the working directory when under it, and, on a
 * terminal, with control characters escaped so that a file name cannot break a line or drive the
 * terminal. Immutable.
 *
 * @param cwd the working directory
 */
public record Paths(Path cwd) {
  /**
   * A path for a terminal: relative to the working directory when under it, with control characters
   * (a newline, an escape sequence in a file name) shown as {@code \n}, {@code \x1B}.
   */
  public String display(String absolute) {
    return visible(relative(absolute));
  }

  /** A path relative to the working directory when under it, exactly (for JSON, which escapes). */
  public String relative(String absolute) {
    String dir = cwd.toString();
    String prefix = dir.endsWith("/") ? dir : dir + "/";
    return absolute.startsWith(prefix) ? absolute.substring(prefix.length()) : absolute;
  }

  /**
   * {@code s} with control characters written as escapes ({@code \n}, {@code \t}, {@code \xNN}).
   */
  public static String visible(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
      if (control && b == null) {
        b = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (b == null) {
        continue;
      }
      if (!control) {
        b.append(c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\t') {
        b.append("\\t");
      } else if (c == '\r') {
        b.append("\\r");
      } else {
        b.append(String.format("\\x%02X", (int) c));
      }
    }
    return b == null ? s : b.toString();
  }
}
