package io.parkdoc.cli;

import io.parkdoc.core.ParkdocException;
import io.parkdoc.shell.Commands;
import io.parkdoc.shell.Shell;
import io.parkdoc.shell.ShellSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParentCommand;

/** {@code parkdoc shell}: the interactive shell; a bare {@code parkdoc} on a terminal opens it too. */
@Command(name = "shell", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Explore the index interactively: type a query, read the hits, open one, refine.",
    description = {
      "Open the interactive shell. A line is a query, with the syntax, ranking and passages of search; "
          + ":open N shows hit N whole, :more the next hits, :explain N why hit N matched, :lang and :limit "
          + "refine, and every other command runs as :index, :status, :analyze ... (:help lists them). "
          + "History is kept in $PARKDOC_HISTORY, else $XDG_STATE_HOME/parkdoc/history, else "
          + "~/.local/state/parkdoc/history.",
      "",
      "With standard input not a terminal, each line read is run as if typed and plain results are "
          + "printed, as in: printf '레이저\\n:open 1\\n' | parkdoc shell",
    })
final class ShellCommand implements Callable<Integer> {
  /** Commands the shell does not offer as :name: itself, help (it has its own), and search (a line is one). */
  private static final Set<String> NOT_IN_SHELL = Set.of("shell", "help", "search");

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
    Shell shell = new Shell(settings(parent), new CliCommands(parent));
    if (!env.terminal()) {
      BufferedReader in = new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8));
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
    return new ShellSettings(parent.layout(), env.cwd(), parent::display, parent.color(), parent.verbose,
        historyFile(env), env.get("PAGER"), env.variables());
  }

  /** $PARKDOC_HISTORY, else $XDG_STATE_HOME/parkdoc/history, else ~/.local/state/parkdoc/history; null without a home. */
  static Path historyFile(Environment env) {
    if (env.get("PARKDOC_HISTORY") != null) {
      return env.cwd().resolve(env.get("PARKDOC_HISTORY"));
    }
    if (env.get("XDG_STATE_HOME") != null) {
      return Path.of(env.get("XDG_STATE_HOME"), "parkdoc", "history");
    }
    return env.get("HOME") == null ? null : Path.of(env.get("HOME"), ".local", "state", "parkdoc", "history");
  }

  /**
   * The command line's commands for the shell: each run parses its arguments with a new
   * {@link CommandLine} on new command objects (picocli issues #1531 and #1532: options must not
   * carry over between runs) and returns the command's exit code (which picocli-shell-jline3's
   * {@code PicocliCommands.invoke} drops, #2353).
   */
  private static final class CliCommands implements Commands {
    private final ParkdocCommand parent;
    private final Map<String, String> list = new LinkedHashMap<>();
    private final Map<String, List<String>> options = new HashMap<>();

    CliCommands(ParkdocCommand parent) {
      this.parent = parent;
      CommandLine model = new CommandLine(new ParkdocCommand(parent.env()));
      model.getSubcommands().forEach((name, sub) -> {
        if (!NOT_IN_SHELL.contains(name)) {
          list.put(name, String.join(" ", sub.getCommandSpec().usageMessage().header()));
          List<String> names = new ArrayList<>();
          for (OptionSpec o : sub.getCommandSpec().options()) {
            names.addAll(List.of(o.names()));
          }
          options.put(name, List.copyOf(names));
        }
      });
    }

    @Override
    public Map<String, String> list() {
      return list;
    }

    @Override
    public List<String> options(String command) {
      return options.getOrDefault(command, List.of());
    }

    @Override
    public int run(List<String> args, PrintWriter out, PrintWriter err, int width) {
      List<String> all = new ArrayList<>();
      // The shell's own index and colour, whatever the environment says.
      all.add("--index=" + parent.layout().root());
      all.add("--color=" + (parent.color() ? "always" : "never"));
      if (parent.verbose) {
        all.add("--verbose");
      }
      all.addAll(args);
      Environment env = parent.env();
      Map<String, String> vars = new HashMap<>(env.variables());
      if (width > 0) {
        vars.put("COLUMNS", String.valueOf(width));
      }
      // Standard input belongs to the shell: a command reading it would take the user's keys.
      Environment inner = new Environment(vars, InputStream.nullInputStream(), env.terminal(), env.cwd());
      return ParkdocCommand.execute(out, err, inner, all.toArray(new String[0]));
    }
  }
}
