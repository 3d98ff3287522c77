package io.parkdoc.shell;

import io.parkdoc.core.IndexLocation;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What the shell takes from the command line that opened it.
 *
 * @param location the index to search
 * @param cwd the working directory: paths are completed and shown relative to it
 * @param display turns a document's absolute path into the path the user should see
 * @param color whether to write colour (decided once, by the command line's rules)
 * @param verbose show the stack trace of an internal error
 * @param history the history file, or null to keep history for this session only
 * @param pager the user's pager command ({@code $PAGER}), or null for the built-in one
 * @param variables the environment, for the pager's own settings ({@code LESS})
 * @param translate whether queries start out translated into the other languages ({@code
 *     :translate} changes it)
 */
public record ShellSettings(
    IndexLocation location,
    Path cwd,
    UnaryOperator<String> display,
    boolean color,
    boolean verbose,
    Path history,
    String pager,
    Map<String, String> variables,
    boolean translate) {
  /** Settings with translation on, as the shell starts by default. */
  public ShellSettings(
      IndexLocation location,
      Path cwd,
      UnaryOperator<String> display,
      boolean color,
      boolean verbose,
      Path history,
      String pager,
      Map<String, String> variables) {
    this(location, cwd, display, color, verbose, history, pager, variables, true);
  }
}
