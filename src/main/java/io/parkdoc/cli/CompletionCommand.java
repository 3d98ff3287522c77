package io.parkdoc.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code parkdoc completion bash|zsh|fish}: a completion script generated from the picocli model,
 * so it never falls behind the commands. Bash and zsh get picocli's {@link AutoComplete} script
 * (zsh through its bashcompinit); fish gets one written here from the same model.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    header = "Print a shell completion script (bash, zsh or fish).",
    description = {
      "Completes commands, options, --lang codes and paths. Install it with one of:",
      "  bash: parkdoc completion bash > ~/.local/share/bash-completion/completions/parkdoc",
      "  zsh:  parkdoc completion zsh > ~/.zfunc/_parkdoc   (with fpath+=~/.zfunc before compinit in ~/.zshrc)",
      "  fish: parkdoc completion fish > ~/.config/fish/completions/parkdoc.fish",
      "or, for the current shell only: source <(parkdoc completion bash).",
    })
final class CompletionCommand implements Callable<Integer> {
  @ParentCommand ParkdocCommand parent;

  @Parameters(
      paramLabel = "SHELL",
      completionCandidates = Shells.class,
      description = "bash, zsh or fish.")
  String shell;

  /** The shells a script is made for. */
  static final class Shells implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("bash", "zsh", "fish").iterator();
    }
  }

  @Override
  public Integer call() {
    CommandLine root = parent.spec.root().commandLine();
    PrintWriter out = parent.spec.commandLine().getOut();
    switch (shell.toLowerCase(Locale.ROOT)) {
      case "bash" -> out.print(AutoComplete.bash("parkdoc", root));
      case "zsh" -> {
        out.println("#compdef parkdoc");
        out.println("# parkdoc's bash completion, through zsh's bashcompinit");
        out.println("autoload -U +X compinit && compinit");
        out.println("autoload -U +X bashcompinit && bashcompinit");
        out.print(AutoComplete.bash("parkdoc", root));
      }
      case "fish" -> out.print(fish(root.getCommandSpec()));
      default ->
          throw new CommandLine.ParameterException(
              parent.spec.commandLine(), "completion takes bash, zsh or fish, not '" + shell + "'");
    }
    out.flush();
    return ExitCodes.FOUND;
  }

  /** A fish completion script for {@code root} and its subcommands. */
  static String fish(CommandSpec root) {
    StringBuilder s = new StringBuilder();
    String name = root.name();
    s.append("# fish completion for ").append(name).append(", generated from its options\n");
    s.append("complete -c ").append(name).append(" -f\n");
    List<String> commands = new ArrayList<>(root.subcommands().keySet());
    for (OptionSpec o : root.options()) {
      s.append(option(name, null, o));
    }
    for (String cmd : commands) {
      CommandSpec sub = root.subcommands().get(cmd).getCommandSpec();
      s.append("complete -c ")
          .append(name)
          .append(" -n '__fish_use_subcommand' -a ")
          .append(quote(cmd))
          .append(" -d ")
          .append(quote(firstLine(sub.usageMessage().header())))
          .append('\n');
      for (OptionSpec o : sub.options()) {
        if (o.inherited()) {
          continue;
        }
        s.append(option(name, cmd, o));
      }
      boolean paths =
          sub.positionalParameters().stream()
              .anyMatch(p -> isPath(p.auxiliaryTypes()[0]) || isPath(p.type()));
      if (paths) {
        s.append("complete -c ")
            .append(name)
            .append(" -n '__fish_seen_subcommand_from ")
            .append(cmd)
            .append("' -F\n");
      }
      sub.positionalParameters().stream()
          .filter(p -> p.completionCandidates() != null)
          .forEach(
              p ->
                  s.append("complete -c ")
                      .append(name)
                      .append(" -n '__fish_seen_subcommand_from ")
                      .append(cmd)
                      .append("' -a ")
                      .append(quote(String.join(" ", p.completionCandidates())))
                      .append('\n'));
    }
    return s.toString();
  }

  private static String option(String name, String cmd, OptionSpec o) {
    StringBuilder s = new StringBuilder("complete -c ").append(name);
    if (cmd != null) {
      s.append(" -n '__fish_seen_subcommand_from ").append(cmd).append("'");
    }
    for (String n : o.names()) {
      if (n.startsWith("--")) {
        s.append(" -l ").append(n.substring(2));
      } else if (n.startsWith("-") && n.length() == 2) {
        s.append(" -s ").append(n.substring(1));
      }
    }
    if (o.arity().max() > 0) {
      Iterable<String> candidates =
          o.longestName().equals("--lang") ? new LanguageCodes() : o.completionCandidates();
      if (candidates != null) {
        s.append(" -x -a ").append(quote(String.join(" ", candidates)));
      } else if (isPath(o.type()) || o.longestName().equals("--index")) {
        s.append(" -r -F");
      } else {
        s.append(" -x");
      }
    }
    String[] description = o.description();
    if (description.length > 0) {
      s.append(" -d ").append(quote(firstSentence(description[0])));
    }
    return s.append('\n').toString();
  }

  private static boolean isPath(Class<?> type) {
    return type == Path.class || type == java.io.File.class;
  }

  private static String firstLine(String[] lines) {
    return lines.length == 0 ? "" : lines[0];
  }

  private static String firstSentence(String text) {
    String t = text.replaceAll("\\$\\{[A-Z-]+\\}", "").strip();
    int dot = t.indexOf(". ");
    return dot > 0 ? t.substring(0, dot) : t.replaceAll("\\.$", "");
  }

  /** {@code text} in fish's single quotes. */
  static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
