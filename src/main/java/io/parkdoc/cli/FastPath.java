package io.parkdoc.cli;

import io.parkdoc.backend.Prefetch;
import io.parkdoc.core.IndexLocation;
import io.parkdoc.core.SearchBackend;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.term.ColorMode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/**
 * What is read of a command line before picocli parses it: the one command line that skips picocli
 * (a plain search, about 100 ms sooner in a fresh JVM), and the guesses (index, query, colour) that
 * let a search's index open and its dictionaries load while picocli parses. A wrong guess only
 * wastes a warm-up: picocli's parse decides. Stateless.
 */
public final class FastPath {
  private FastPath() {}

  /**
   * The one command line that skips picocli: {@code parkdoc [--index DIR] search WORD...} with no
   * other option than {@code --translate on|off} and no word that starts with '-' or '@' (an
   * option, a NOT, an argument file). Picocli builds its model of the commands by reflection, which
   * takes about 100 ms in a fresh JVM, more than the search itself; for this form its parse could
   * only give the defaults of every option, so the search runs at once, exactly as {@link
   * SearchCommand} would run it (CliTest compares the two). Anything else, null: picocli parses it.
   */
  static Integer plainSearch(ParkdocCommand top, PrintWriter out, PrintWriter err, String... args) {
    Plain plain = Plain.of(args, "search");
    if (plain == null) {
      return null;
    }
    List<String> words = new ArrayList<>();
    String translate = null;
    for (int w = plain.rest(); w < args.length; w++) {
      String a = args[w];
      String value = null;
      if (a.startsWith("--translate=")) {
        value = a.substring("--translate=".length());
      } else if (a.equals("--translate") && w + 1 < args.length) {
        value = args[++w];
      } else if (a.isEmpty() || a.startsWith("-") || a.startsWith("@")) {
        return null;
      } else {
        words.add(a);
        continue;
      }
      if (translate != null || !(value.equals("on") || value.equals("off"))) {
        return null; // picocli says what is wrong with it
      }
      translate = value;
    }
    if (words.isEmpty() || !plain.locate(top)) {
      return null;
    }
    String query = String.join(" ", words);
    try {
      if (prefetching() && !query.chars().allMatch(c -> c < 0x80)) {
        // The query's dictionaries load on the other core while the index opens. An ASCII query
        // needs none to start with: a thread would only cost its start.
        top.prefetch = Prefetch.start(top.location(), query);
      }
      try (Prefetch unused = top.prefetch;
          SearchBackend searcher = top.openSearcher()) {
        return SearchCommand.searchAndPrint(
            top,
            searcher,
            new SearchRequest(
                query,
                Set.of(),
                SearchCommand.DEFAULT_LIMIT,
                0,
                SearchCommand.DEFAULT_PASSAGES,
                false,
                !"off".equals(translate)),
            false,
            out,
            err);
      }
    } catch (RuntimeException e) {
      return top.report(e, err);
    }
  }

  /**
   * The index command line that skips picocli: {@code parkdoc [--index DIR] index [-q|--quiet]
   * PATH...}, no other option and no path that starts with '-' or '@'. Re-indexing a folder that
   * has not changed takes about half a second of CPU, and picocli's model of every command was a
   * fifth of it; for this form its parse could only give the defaults, so {@link IndexCommand} runs
   * at once (CliTest compares the two). Anything else, null: picocli parses it.
   */
  static Integer plainIndex(ParkdocCommand top, PrintWriter out, PrintWriter err, String... args) {
    Plain plain = Plain.of(args, "index");
    if (plain == null) {
      return null;
    }
    boolean quiet = false;
    List<java.nio.file.Path> paths = new ArrayList<>();
    for (int a = plain.rest(); a < args.length; a++) {
      String arg = args[a];
      if (arg.equals("-q") || arg.equals("--quiet")) {
        if (quiet) {
          return null;
        }
        quiet = true;
      } else if (arg.isEmpty() || arg.startsWith("-") || arg.startsWith("@")) {
        return null;
      } else {
        try {
          paths.add(java.nio.file.Path.of(arg));
        } catch (RuntimeException e) {
          return null; // picocli says what is wrong with it
        }
      }
    }
    if (paths.isEmpty() || !plain.locate(top)) {
      return null;
    }
    try {
      return IndexCommand.plain(top, paths, quiet).run(out, err);
    } catch (RuntimeException e) {
      return top.report(e, err);
    }
  }

  /**
   * A command line of the form {@code [--index DIR] COMMAND ARG...}: the index given (null for the
   * default) and where the command's own arguments start.
   */
  private record Plain(String index, int rest) {
    /** The line read so, when its command is {@code command} with an argument; else null. */
    static Plain of(String[] args, String command) {
      if ("false".equals(System.getProperty("parkdoc.fastpath"))) {
        return null;
      }
      int i = 0;
      String index = null;
      if (args.length > 1 && args[0].equals("--index")) {
        index = args[1];
        i = 2;
      } else if (args.length > 0 && args[0].startsWith("--index=")) {
        index = args[0].substring("--index=".length());
        i = 1;
      }
      return i + 1 < args.length && args[i].equals(command) ? new Plain(index, i + 1) : null;
    }

    /** Sets {@code top}'s index; false when it is no usable location (picocli then says why). */
    boolean locate(ParkdocCommand top) {
      try {
        top.index = index;
        top.location();
        return true;
      } catch (RuntimeException e) {
        return false;
      }
    }
  }

  static boolean prefetching() {
    return !"false".equals(System.getProperty("parkdoc.prefetch"));
  }

  /**
   * The words of a search's query in a command line, read before picocli does (a guess, as above).
   */
  static String guessQuery(String... args) {
    java.util.Set<String> withValue =
        java.util.Set.of(
            "--index", "--color", "-n", "--limit", "--offset", "--lang", "--passages", "--batch");
    StringBuilder query = new StringBuilder();
    boolean inSearch = false;
    for (int i = 0; i < args.length; i++) {
      if (withValue.contains(args[i])) {
        i++;
      } else if (!inSearch) {
        inSearch = args[i].equals("search");
      } else if (!args[i].startsWith("-") || args[i].length() == 1) {
        query.append(query.length() > 0 ? " " : "").append(args[i]);
      }
    }
    return query.toString();
  }

  /**
   * The {@code --color} a command line names, read before picocli does (AUTO when none or not
   * valid).
   */
  static ColorMode guessColor(String... args) {
    ColorMode mode = ColorMode.AUTO;
    for (int i = 0; i < args.length; i++) {
      String value =
          args[i].startsWith("--color=")
              ? args[i].substring("--color=".length())
              : args[i].equals("--color") && i + 1 < args.length ? args[i + 1] : null;
      if (value != null) {
        try {
          mode = new ParkdocCommand.ColorConverter().convert(value);
        } catch (CommandLine.TypeConversionException e) {
          // picocli says what is wrong with it
        }
      }
    }
    return mode;
  }

  /**
   * The index a command line names, read before picocli does (a wrong guess only wastes a warm-up).
   */
  public static IndexLocation guessIndex(Environment env, String... args) {
    String dir = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--index") && i + 1 < args.length) {
        dir = args[i + 1];
      } else if (args[i].startsWith("--index=")) {
        dir = args[i].substring("--index=".length());
      }
    }
    if (dir == null) {
      dir = env.get("PARKDOC_INDEX");
    }
    try {
      return IndexLocation.parse(dir != null ? dir : "index", env.cwd());
    } catch (RuntimeException e) {
      return IndexLocation.of(env.cwd().resolve("index"));
    }
  }
}
