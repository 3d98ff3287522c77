package io.parkdoc.cli;

import io.parkdoc.core.ParkdocException;
import io.parkdoc.shell.Shell;
import io.parkdoc.shell.ShellSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code parkdoc shell}: the interactive shell; a bare {@code parkdoc} on a terminal opens it too.
 */
@Command(
    name = "shell",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Explore the index interactively: type a query, read the hits, open one, refine.",
    description = {
      "Open the interactive shell. Each line typed is a query, with the syntax, ranking and passages of the "
          + "search command, or one of these commands:",
      "  :open N         the whole document of hit N, every match highlighted",
      "  :more           the next page of hits",
      "  :explain N      why hit N matched: terms, fields and parts of the score",
      "  :lang LANG,...  search only these languages; :lang all for every one",
      "  :limit N        hits per page",
      "  :help           every command, including :index, :status and :analyze",
      "  :quit           leave the shell (or Ctrl-D)",
      "",
      "Tab completes commands, languages and paths. Ctrl-R searches the history, which is kept in "
          + "$PARKDOC_HISTORY, else in $XDG_STATE_HOME/parkdoc/history, else in the file "
          + "$HOME/.local/state/parkdoc/history.",
      "",
      "With standard input not a terminal, each line read is run as if typed and plain results are printed, "
          + "as in: printf '레이저\\n:open 1\\n' | parkdoc shell",
    })
final class ShellCommand implements Callable<Integer> {
  @ParentCommand ParkdocCommand parent;

  @Override
  public Integer call() {
    return open(parent);
  }

  /** Opens the shell for {@code parent}'s index and options; returns the exit code. */
  static int open(ParkdocCommand parent) {
    Environment env = parent.env();
    PrintWriter out = parent.spec.commandLine().getOut();
    PrintWriter err = parent.spec.commandLine().getErr();
    Shell shell =
        new Shell(
            settings(parent),
            new CliCommands(env, parent.location(), parent.color(), parent.verbose));
    if (!env.terminal()) {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8));
      return shell.script(in, out, err);
    }
    out.flush();
    err.flush();
    try (Terminal terminal = Shell.systemTerminal()) {
      return shell.interactive(terminal);
    } catch (IOException e) {
      throw new ParkdocException("cannot open the terminal: " + e.getMessage(), e);
    }
  }

  private static ShellSettings settings(ParkdocCommand parent) {
    Environment env = parent.env();
    return new ShellSettings(
        parent.location(),
        env.cwd(),
        parent.paths()::display,
        parent.color(),
        parent.verbose,
        historyFile(env),
        env.get("PAGER"),
        env.variables());
  }

  /**
   * $PARKDOC_HISTORY, else $XDG_STATE_HOME/parkdoc/history, else ~/.local/state/parkdoc/history;
   * null without a home.
   */
  static Path historyFile(Environment env) {
    if (env.get("PARKDOC_HISTORY") != null) {
      return env.cwd().resolve(env.get("PARKDOC_HISTORY"));
    }
    if (env.get("XDG_STATE_HOME") != null) {
      return Path.of(env.get("XDG_STATE_HOME"), "parkdoc", "history");
    }
    return env.get("HOME") == null
        ? null
        : Path.of(env.get("HOME"), ".local", "state", "parkdoc", "history");
  }
}
