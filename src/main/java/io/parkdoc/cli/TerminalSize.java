package io.parkdoc.cli;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** The width of the terminal parkdoc writes to, asked of JLine only when output is a terminal. */
final class TerminalSize {
  private static final int FALLBACK = 100;

  private TerminalSize() {}

  static int columns() {
    try (Terminal t = TerminalBuilder.builder().system(true).dumb(true).build()) {
      int w = t.getWidth();
      return w > 0 ? w : FALLBACK;
    } catch (Exception | LinkageError e) {
      return FALLBACK;
    }
  }
}
