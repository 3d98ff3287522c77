package io.parkdoc.term;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * The few styles parkdoc uses, in the colours ripgrep users know: paths magenta, matches bold red.
 */
public final class Styles {
  public static final AttributedStyle PATH =
      AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
  public static final AttributedStyle MATCH = AttributedStyle.BOLD.foreground(AttributedStyle.RED);
  public static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();
  public static final AttributedStyle LANG =
      AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
  public static final AttributedStyle PLAIN = AttributedStyle.DEFAULT;

  private Styles() {}

  /** ANSI text when {@code color}, plain text otherwise. */
  public static String render(AttributedString s, boolean color) {
    return color ? s.toAnsi() : s.toString();
  }
}
