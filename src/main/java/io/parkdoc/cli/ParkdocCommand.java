package io.parkdoc.cli;

import io.parkdoc.backend.Backends;
import io.parkdoc.backend.Prefetch;
import io.parkdoc.core.IndexLocation;
import io.parkdoc.core.ParkdocException;
import io.parkdoc.core.SearchBackend;
import io.parkdoc.core.Version;
import io.parkdoc.term.ColorMode;
import io.parkdoc.term.HitPrinter;
import io.parkdoc.term.Paths;
import java.io.PrintWriter;
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
    header =
        "Index and search documents in Korean, Japanese, Chinese, English and 40 more languages.",
    description = {
      "parkdoc detects each file's language, indexes it with that language's analyzer "
          + "(nori, kuromoji, smartcn, Lucene's language analyzers), and searches every language at once, "
          + "ranked by BM25, with the matching words highlighted in readable passages.",
    },
    subcommands = {
      IndexCommand.class,
      SearchCommand.class,
      ShellCommand.class,
      AnalyzeCommand.class,
      DetectCommand.class,
      StatusCommand.class,
      CompletionCommand.class,
      SolrCommand.class,
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
      "  PARKDOC_INDEX      the index folder when --index is not given (default: ./index)",
      "  PARKDOC_SOLR_AUTH  user:password for a SolrCloud cluster with basic auth",
      "  PARKDOC_SOLR_TRUSTSTORE  certificates (PEM) to trust for solrs://, besides the JDK's",
      "  NO_COLOR           turns colour off when set (with --color=auto)",
      "  CLICOLOR_FORCE     turns colour on in a pipe unless 0 (with --color=auto)",
      "  PARKDOC_HISTORY    the shell's history file (default: ~/.local/state/parkdoc/history)",
      "  PAGER              the shell's pager for long documents (default: a built-in less)",
      "  PARKDOC_SERVER     0: no search server; N: it stays N idle minutes (default 10; see the man page)",
    })
public final class ParkdocCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--index",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description =
          "The index folder or solr://HOST:PORT/COLLECTION (default: $PARKDOC_INDEX or ./index).")
  String index;

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      scope = ScopeType.INHERIT,
      defaultValue = "auto",
      converter = ColorConverter.class,
      completionCandidates = ColorConverter.Names.class,
      description = "Colour output: auto (on a terminal, unless NO_COLOR is set), always, never.")
  ColorMode color = ColorMode.AUTO;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Say more: every skipped file, and the stack trace of an error.")
  boolean verbose;

  private final Environment env;

  /**
   * The index and dictionaries a search loads ahead, while picocli parses; null for other commands.
   */
  Prefetch prefetch;

  ParkdocCommand(Environment env) {
    this.env = env;
  }

  /** Runs {@code args} against {@code out}/{@code err} and returns the exit code. */
  public static int execute(PrintWriter out, PrintWriter err, Environment env, String... args) {
    ParkdocCommand top = new ParkdocCommand(env);
    Integer fast = FastPath.plainSearch(top, out, err, args);
    if (fast == null) {
      fast = FastPath.plainIndex(top, out, err, args);
    }
    if (fast != null) {
      return fast;
    }
    if (java.util.Arrays.asList(args).contains("search") && FastPath.prefetching()) {
      // The index opens and the query's dictionaries load on the other core while picocli parses.
      top.prefetch = Prefetch.start(FastPath.guessIndex(env, args), FastPath.guessQuery(args));
    }
    CommandLine cl = new CommandLine(top);
    cl.setOut(out);
    cl.setErr(err);
    // Help's colours by the output's rule, from the environment parkdoc was given: picocli would
    // ask this JVM's console, which a search server answering for a terminal has not got.
    boolean ansi = FastPath.guessColor(args).enabled(env.variables(), env.terminal());
    cl.setColorScheme(
        CommandLine.Help.defaultColorScheme(
            ansi ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    int columns = env.terminal() ? columns(env) : 0;
    if (columns > 0) {
      // Known already (the launcher exports it on a terminal): picocli would start `stty` to ask.
      cl.setUsageHelpAutoWidth(false);
      cl.setUsageHelpWidth(Math.max(55, columns));
    }
    HelpLayout.install(cl);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          ParkdocCommand root = commandLine.getCommandSpec().root().commandLine().getCommand();
          return root.report(e);
        });
    cl.setParameterExceptionHandler(
        (ex, strings) -> {
          PrintWriter w = ex.getCommandLine().getErr();
          w.println("parkdoc: " + UsageErrors.explain(ex));
          w.println(
              "Try '"
                  + ex.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help' for more.");
          return ExitCodes.ERROR;
        });
    try (Prefetch unused = top.prefetch) {
      return cl.execute(args);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // Picocli hands Exceptions to the handler above; this catches what escapes it.
      err.println(
          "parkdoc: internal error: "
              + e
              + (top.verbose ? "" : " (run with --verbose for details)"));
      if (top.verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return ExitCodes.ERROR;
    }
  }

  /** Prints {@code e} as one line (with its stack trace under --verbose); returns the exit code. */
  int report(Exception e) {
    return report(e, spec.commandLine().getErr());
  }

  int report(Exception e, PrintWriter err) {
    if (e instanceof ParkdocException) {
      err.println("parkdoc: " + e.getMessage());
    } else {
      err.println(
          "parkdoc: internal error: " + e + (verbose ? "" : " (run with --verbose for details)"));
    }
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.ERROR;
  }

  /**
   * A bare {@code parkdoc}: the shell on a terminal; elsewhere, what it can do and a usage error.
   */
  @Override
  public Integer call() {
    if (env.terminal()) {
      return ShellCommand.open(this);
    }
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a command is needed: index, search, shell, analyze, detect or status");
  }

  Environment env() {
    return env;
  }

  /**
   * The searcher of {@link #location()}: the one opened ahead when there is one, else a new one.
   */
  SearchBackend openSearcher() {
    IndexLocation location = location();
    SearchBackend ahead = prefetch != null ? prefetch.take(location) : null;
    return ahead != null ? ahead : Backends.search(location);
  }

  /** The index chosen by --index, else PARKDOC_INDEX, else ./index. */
  IndexLocation location() {
    String where = index;
    if (where == null) {
      String fromEnv = env.get("PARKDOC_INDEX");
      where = fromEnv != null ? fromEnv : "index";
    }
    return IndexLocation.parse(where, env.cwd());
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
   * Paths as the user should see them: relative to the working directory, control characters
   * escaped.
   */
  Paths paths() {
    return new Paths(env.cwd());
  }

  /** Converts {@code --color} values. */
  static final class ColorConverter implements CommandLine.ITypeConverter<ColorMode> {
    /** The values, as completion offers them. */
    static final class Names implements Iterable<String> {
      @Override
      public java.util.Iterator<String> iterator() {
        return java.util.List.of("auto", "always", "never").iterator();
      }
    }

    @Override
    public ColorMode convert(String value) {
      try {
        return ColorMode.valueOf(value.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "--color takes auto, always or never, not '" + value + "'");
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
