package io.parkdoc.shell;

import java.io.PrintWriter;
import java.util.List;
import org.jline.utils.AttributedString;

/** Where a session writes: a terminal, or plain output in scripted use. */
interface Screen {
  PrintWriter out();

  PrintWriter err();

  /** Columns to wrap to, read afresh each time (the terminal may have been resized); 0 for none. */
  int width();

  /** Whether this is a person at a terminal, who gets timings and hints; false in a script. */
  boolean interactive();

  /**
   * Shows {@code lines}: through a pager when they do not fit the terminal, else printed.
   *
   * @param title what the pager's status line calls them
   * @return true when they went through the pager (and are no longer on the screen)
   */
  boolean show(String title, List<AttributedString> lines);

  /** Renders {@code s} with or without colour, as the session was told. */
  String render(AttributedString s);
}
