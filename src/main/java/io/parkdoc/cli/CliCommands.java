package io.parkdoc.cli;

import io.parkdoc.shell.Commands;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line's commands, for the shell: every subcommand of {@code parkdoc} but the shell
 * itself, {@code help} (the shell has its own) and {@code search} (in the shell a line is a
 * search).
 *
 * <p>Each run parses its arguments with a new {@link CommandLine} on new command objects, so no
 * option carries over from one run to the next (picocli issues #1531, #1532), and returns the
 * command's exit code (which picocli-shell-jline3's {@code PicocliCommands.invoke} drops, #2353).
 * Immutable.
 */
public final class CliCommands implements Commands {
  private static final Set<String> NOT_IN_SHELL = Set.of("shell", "help", "search", "completion");

  private final Environment env;
  private final io.parkdoc.core.IndexLocation index;
  private final boolean color;
  private final boolean verbose;
  private final Map<String, String> list = new LinkedHashMap<>();
  private final Map<String, List<String>> options = new HashMap<>();

  /**
   * @param env the environment the commands see (their standard input is always empty: it belongs
   *     to the shell)
   * @param index the index every command works on
   * @param color whether commands write colour
   * @param verbose whether commands say more (--verbose)
   */
  public CliCommands(
      Environment env, io.parkdoc.core.IndexLocation index, boolean color, boolean verbose) {
    this.env = env;
    this.index = index;
    this.color = color;
    this.verbose = verbose;
    CommandLine model = new CommandLine(new ParkdocCommand(env));
    model
        .getSubcommands()
        .forEach(
            (name, sub) -> {
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
  public boolean interrupt() {
    return StopOnInterrupt.stopAll();
  }

  @Override
  public int run(List<String> args, PrintWriter out, PrintWriter err, int width) {
    List<String> all = new ArrayList<>();
    // The shell's own index and colour, whatever the environment says.
    all.add("--index=" + index);
    all.add("--color=" + (color ? "always" : "never"));
    if (verbose) {
      all.add("--verbose");
    }
    all.addAll(args);
    Map<String, String> vars = new HashMap<>(env.variables());
    if (width > 0) {
      vars.put("COLUMNS", String.valueOf(width));
    }
    // Standard input belongs to the shell: a command reading it would take the user's keys.
    Environment inner =
        new Environment(vars, InputStream.nullInputStream(), env.terminal(), env.cwd());
    return ParkdocCommand.execute(out, err, inner, all.toArray(new String[0]));
  }
}
