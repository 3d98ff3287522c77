package io.parkdoc.cli;

import io.parkdoc.core.IndexLayout;
import io.parkdoc.core.ParkdocException;
import io.parkdoc.core.Prefetch;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.Searcher;
import io.parkdoc.core.Version;
import io.parkdoc.term.ColorMode;
import io.parkdoc.term.HitPrinter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code parkdoc} command: global options and the subcommands. */
@Command(
    name = "parkdoc",
    mixinStandardHelpOptions = true,
    versionProvider = ParkdocCommand.VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    header = "Index and search documents in Korean, Japanese, Chinese, English and 40 more languages.",
    description = {
      "parkdoc detects each file's language, indexes it with that language's analyzer "
          + "(nori, kuromoji, smartcn, Lucene's language analyzers), and searches every language at once, "
          + "ranked by BM25, with the matching words highlighted in readable passages.",
    },
    subcommands = {
      IndexCommand.class, SearchCommand.class, ShellCommand.class, AnalyzeCommand.class, DetectCommand.class,
      StatusCommand.class,
      CommandLine.HelpCommand.class,
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:found something (search), or success",
      "1:nothing found (search)",
      "2:an error: usage, a malformed query, no index, I/O; for index, files skipped because of errors",
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  PARKDOC_INDEX   the index folder when --index is not given (default: ./index)",
      "  NO_COLOR        turns colour off when set (with --color=auto)",
      "  CLICOLOR_FORCE  turns colour on in a pipe unless 0 (with --color=auto)",
      "  PARKDOC_HISTORY the shell's history file (default: ~/.local/state/parkdoc/history)",
      "  PAGER           the shell's pager for long documents (default: a built-in less)",
      "  PARKDOC_SERVER  0: no search server; N: it stays N idle minutes (default 10; see the man page)",
    })
public final class ParkdocCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--index", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "The index folder (default: $PARKDOC_INDEX or ./index).")
  Path index;

  @Option(names = "--color", paramLabel = "WHEN", scope = ScopeType.INHERIT, defaultValue = "auto",
      converter = ColorConverter.class,
      description = "Colour output: auto (on a terminal, unless NO_COLOR is set), always, never.")
  ColorMode color = ColorMode.AUTO;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "Say more: every skipped file, and the stack trace of an error.")
  boolean verbose;

  private final Environment env;
  /** The index and dictionaries a search loads ahead, while picocli parses; null for other commands. */
  private Prefetch prefetch;

  ParkdocCommand(Environment env) {
    this.env = env;
  }

  /** Runs {@code args} against {@code out}/{@code err} and returns the exit code. */
  public static int execute(PrintWriter out, PrintWriter err, Environment env, String... args) {
    ParkdocCommand top = new ParkdocCommand(env);
    Integer fast = plainSearch(top, out, err, args);
    if (fast != null) {
      return fast;
    }
    if (java.util.Arrays.asList(args).contains("search") && prefetching()) {
      // The index opens and the query's dictionaries load on the other core while picocli parses.
      top.prefetch = Prefetch.start(guessIndex(env, args), guessQuery(args));
    }
    CommandLine cl = new CommandLine(top);
    cl.setOut(out);
    cl.setErr(err);
    // Help's colours by the output's rule, from the environment parkdoc was given: picocli would
    // ask this JVM's console, which a search server answering for a terminal has not got.
    boolean ansi = guessColor(args).enabled(env.variables(), env.terminal());
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(ansi ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    int columns = env.terminal() ? columns(env) : 0;
    if (columns > 0) {
      // Known already (the launcher exports it on a terminal): picocli would start `stty` to ask.
      cl.setUsageHelpAutoWidth(false);
      cl.setUsageHelpWidth(Math.max(55, columns));
    }
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      ParkdocCommand root = commandLine.getCommandSpec().root().commandLine().getCommand();
      return root.report(e);
    });
    cl.setParameterExceptionHandler((ex, strings) -> {
      PrintWriter w = ex.getCommandLine().getErr();
      w.println("parkdoc: " + ex.getMessage());
      w.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more.");
      return ExitCodes.ERROR;
    });
    try (Prefetch unused = top.prefetch) {
      return cl.execute(args);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // Picocli hands Exceptions to the handler above; this catches what escapes it.
      err.println("parkdoc: internal error: " + e + (top.verbose ? "" : " (run with --verbose for details)"));
      if (top.verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return ExitCodes.ERROR;
    }
  }

  /**
   * The one command line that skips picocli: {@code parkdoc [--index DIR] search WORD...} with no
   * other option and no word that starts with '-' or '@' (an option, a NOT, an argument file).
   * Picocli builds its model of the commands by reflection, which takes about 100 ms in a fresh
   * JVM, more than the search itself; for this form its parse could only give the defaults of
   * every option, so the search runs at once, exactly as {@link SearchCommand} would run it
   * (CliTest compares the two). Anything else, null: picocli parses it.
   */
  private static Integer plainSearch(ParkdocCommand top, PrintWriter out, PrintWriter err, String... args) {
    if ("false".equals(System.getProperty("parkdoc.fastpath"))) {
      return null;
    }
    int i = 0;
    String indexArg = null;
    if (args.length > 1 && args[0].equals("--index")) {
      indexArg = args[1];
      i = 2;
    } else if (args.length > 0 && args[0].startsWith("--index=")) {
      indexArg = args[0].substring("--index=".length());
      i = 1;
    }
    if (i >= args.length || !args[i].equals("search") || i + 1 >= args.length) {
      return null;
    }
    List<String> words = new ArrayList<>();
    for (int w = i + 1; w < args.length; w++) {
      String a = args[w];
      if (a.isEmpty() || a.startsWith("-") || a.startsWith("@")) {
        return null;
      }
      words.add(a);
    }
    try {
      top.index = indexArg == null ? null : Path.of(indexArg);
    } catch (java.nio.file.InvalidPathException e) {
      return null; // picocli says what is wrong with it
    }
    String query = String.join(" ", words);
    try {
      if (prefetching() && !query.chars().allMatch(c -> c < 0x80)) {
        // The query's dictionaries load on the other core while the index opens. An ASCII query
        // needs none to start with: a thread would only cost its start.
        top.prefetch = Prefetch.start(top.layout().root(), query);
      }
      try (Prefetch unused = top.prefetch; Searcher searcher = top.openSearcher()) {
        return SearchCommand.searchAndPrint(top, searcher, new SearchRequest(query, Set.of(),
            SearchCommand.DEFAULT_LIMIT, 0, SearchCommand.DEFAULT_PASSAGES, false), false, out, err);
      }
    } catch (RuntimeException e) {
      return top.report(e, err);
    }
  }

  private static boolean prefetching() {
    return !"false".equals(System.getProperty("parkdoc.prefetch"));
  }

  /** The words of a search's query in a command line, read before picocli does (a guess, as above). */
  private static String guessQuery(String... args) {
    java.util.Set<String> withValue = java.util.Set.of("--index", "--color", "-n", "--limit", "--offset", "--lang", "--passages", "--batch");
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

  /** The {@code --color} a command line names, read before picocli does (AUTO when none or not valid). */
  private static ColorMode guessColor(String... args) {
    ColorMode mode = ColorMode.AUTO;
    for (int i = 0; i < args.length; i++) {
      String value = args[i].startsWith("--color=") ? args[i].substring("--color=".length())
          : args[i].equals("--color") && i + 1 < args.length ? args[i + 1] : null;
      if (value != null) {
        try {
          mode = new ColorConverter().convert(value);
        } catch (CommandLine.TypeConversionException e) {
          // picocli says what is wrong with it
        }
      }
    }
    return mode;
  }

  /** The index a command line names, read before picocli does (a wrong guess only wastes a warm-up). */
  public static Path guessIndex(Environment env, String... args) {
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
      return env.cwd().resolve(dir != null ? dir : "index");
    } catch (java.nio.file.InvalidPathException e) {
      return env.cwd().resolve("index");
    }
  }

  /** Prints {@code e} as one line (with its stack trace under --verbose); returns the exit code. */
  int report(Exception e) {
    return report(e, spec.commandLine().getErr());
  }

  private int report(Exception e, PrintWriter err) {
    if (e instanceof ParkdocException) {
      err.println("parkdoc: " + e.getMessage());
    } else {
      err.println("parkdoc: internal error: " + e + (verbose ? "" : " (run with --verbose for details)"));
    }
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.ERROR;
  }

  /** A bare {@code parkdoc}: the shell on a terminal; elsewhere, what it can do and a usage error. */
  @Override
  public Integer call() {
    if (env.terminal()) {
      return ShellCommand.open(this);
    }
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(),
        "a command is needed: index, search, shell, analyze, detect or status");
  }

  Environment env() {
    return env;
  }

  /** The searcher of {@link #layout()}: the one opened ahead when there is one, else a new one. */
  Searcher openSearcher() {
    IndexLayout layout = layout();
    Searcher ahead = prefetch != null ? prefetch.take(layout) : null;
    return ahead != null ? ahead : Searcher.open(layout);
  }

  /** The index chosen by --index, else PARKDOC_INDEX, else ./index. */
  IndexLayout layout() {
    Path dir = index;
    if (dir == null) {
      String fromEnv = env.get("PARKDOC_INDEX");
      dir = fromEnv != null ? Path.of(fromEnv) : Path.of("index");
    }
    return new IndexLayout(env.cwd().resolve(dir));
  }

  boolean color() {
    return color.enabled(env.variables(), env.terminal());
  }

  /** Terminal columns for wrapping, or 0 in a pipe. */
  int width() {
    if (!env.terminal()) {
      return 0;
    }
    int columns = columns(env);
    return columns > 0 ? columns : TerminalSize.columns();
  }

  /** The width in $COLUMNS, or 0 when it is not set to a number. */
  private static int columns(Environment env) {
    String columns = env.get("COLUMNS");
    if (columns != null) {
      try {
        return Integer.parseInt(columns.strip());
      } catch (NumberFormatException e) {
        // not a width
      }
    }
    return 0;
  }

  HitPrinter printer() {
    return new HitPrinter(color(), width());
  }

  /**
   * A path as the user should see it: relative to the working directory when under it, with
   * control characters (a newline, an escape sequence in a file name) shown as {@code \n},
   * {@code \x1B}, so that a name cannot break a line or drive the terminal.
   */
  String display(String absolute) {
    return visible(relative(absolute));
  }

  /** A path relative to the working directory when under it, exactly (for JSON, which escapes). */
  String relative(String absolute) {
    String cwd = env.cwd().toString();
    String prefix = cwd.endsWith("/") ? cwd : cwd + "/";
    return absolute.startsWith(prefix) ? absolute.substring(prefix.length()) : absolute;
  }

  /** {@code s} with control characters written as escapes ({@code \n}, {@code \t}, {@code \xNN}). */
  static String visible(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
      if (control && b == null) {
        b = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (b == null) {
        continue;
      }
      if (!control) {
        b.append(c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\t') {
        b.append("\\t");
      } else if (c == '\r') {
        b.append("\\r");
      } else {
        b.append(String.format("\\x%02X", (int) c));
      }
    }
    return b == null ? s : b.toString();
  }

  /** Converts {@code --color} values. */
  static final class ColorConverter implements CommandLine.ITypeConverter<ColorMode> {
    @Override
    public ColorMode convert(String value) {
      try {
        return ColorMode.valueOf(value.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("--color takes auto, always or never, not '" + value + "'");
      }
    }
  }

  /** The version line. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "parkdoc " + Version.VERSION,
        "Lucene " + org.apache.lucene.util.Version.LATEST + ", Java " + Runtime.version(),
      };
    }
  }
}
