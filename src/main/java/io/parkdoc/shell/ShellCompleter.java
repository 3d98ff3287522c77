package io.parkdoc.shell;

import io.parkdoc.core.analysis.Languages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: command names after a colon, language codes (after {@code :lang}, a {@code
 * --lang} option and {@code lang:} in a query), paths (after {@code :index} and {@code :detect}),
 * and the options of the command line's commands. Immutable.
 */
final class ShellCompleter implements Completer {
  private final Commands commands;
  private final Completer files;

  ShellCompleter(Commands commands, Path cwd) {
    this.commands = commands;
    this.files =
        new Completers.FileNameCompleter() {
          @Override
          protected Path getUserDir() {
            return cwd;
          }
        };
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    List<String> words = line.words();
    String word = line.word();
    if (words.isEmpty() || !words.get(0).startsWith(":")) {
      if (word.startsWith("lang:")) {
        languages("lang:", word.substring("lang:".length()), candidates);
      }
      return;
    }
    if (line.wordIndex() == 0) {
      Session.OWN.forEach(c -> candidates.add(candidate(":" + c.name(), c.description(), "shell")));
      commands
          .list()
          .forEach((name, header) -> candidates.add(candidate(":" + name, header, "command line")));
      return;
    }
    String command = words.get(0).substring(1).toLowerCase(Locale.ROOT);
    String previous = words.get(line.wordIndex() - 1);
    if (command.equals("lang")) {
      languages("", word, candidates);
      candidates.add(new Candidate("all", "all", null, "every language", null, null, true));
    } else if (command.equals("help")) {
      Session.OWN.forEach(c -> candidates.add(candidate(c.name(), null, null)));
      commands.list().keySet().forEach(name -> candidates.add(candidate(name, null, null)));
    } else if (commands.list().containsKey(command)) {
      if (previous.equals("--lang") || previous.equals("-l")) {
        languages("", word, candidates);
      } else if (word.startsWith("-")) {
        commands.options(command).forEach(o -> candidates.add(candidate(o, null, null)));
      } else if (command.equals("index") || command.equals("detect")) {
        files.complete(reader, line, candidates);
      }
    }
  }

  private static Candidate candidate(String value, String description, String group) {
    return new Candidate(value, value, group, description, null, null, true);
  }

  /** Language codes for the last of a comma-separated list: {@code ko,j} offers {@code ko,ja}. */
  private static void languages(String prefix, String typed, List<Candidate> candidates) {
    String head = prefix + typed.substring(0, typed.lastIndexOf(',') + 1);
    List<String> codes = new ArrayList<>(Languages.indexLanguages());
    codes.add(Languages.SIMPLIFIED_CHINESE);
    codes.add(Languages.TRADITIONAL_CHINESE);
    for (String code : codes) {
      candidates.add(new Candidate(head + code, code, null, null, null, null, false));
    }
  }
}
