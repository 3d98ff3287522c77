package io.parkdoc.shell;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * The commands of the one-shot command line ({@code parkdoc status}, {@code parkdoc index}, ...),
 * which the shell offers as {@code :status}, {@code :index}: a command added to the command line
 * works in the shell with nothing more. Each run must start from fresh command objects, so no
 * option carries over from one run to the next.
 */
public interface Commands {
  /** Each command's name and one-line description, in the order {@code --help} lists them. */
  Map<String, String> list();

  /** The option names of {@code command}, for completion. */
  List<String> options(String command);

  /**
   * Runs {@code args} ({@code args.get(0)} is the command) as if typed after {@code parkdoc},
   * writing to {@code out} and {@code err}, wrapping to {@code width} columns (0 for none).
   *
   * @return the command's exit code
   */
  int run(List<String> args, PrintWriter out, PrintWriter err, int width);

  /**
   * Asks the command running now (in another thread's {@link #run}) to stop as Ctrl-C stops it on
   * the command line: {@code :index} commits what it has indexed and says so.
   *
   * @return true when a command was running and was asked to stop
   */
  default boolean interrupt() {
    return false;
  }
}
