package io.parkdoc.cli;

import io.parkdoc.backend.Backends;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.IndexSummary;
import io.parkdoc.core.ParkdocException;
import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.detect.LanguageDetector;
import io.parkdoc.core.extract.Tesseract;
import io.parkdoc.core.index.FolderWatcher;
import io.parkdoc.core.index.Indexer;
import io.parkdoc.term.IndexReport;
import io.parkdoc.term.TextLayout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code parkdoc index PATH...}: adds or updates files in the index, once or while they change. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Add or update files in the index (one Lucene index per language).",
    description = {
      "Add or update the files under each PATH. Each file's language is detected and the file is indexed "
          + "with that language's analyzer; unchanged files are skipped and files gone from under PATH are removed.",
      "",
      "Text files of any kind are read (.txt, .md, .html, .xml and others; markup is removed); binary files are "
          + "skipped. The character encoding is detected per file: UTF-8, UTF-16, EUC-KR/CP949, Shift_JIS/CP932, "
          + "EUC-JP, ISO-2022-JP, GBK/GB18030, Big5 and the single-byte encodings of European languages.",
      "",
      "Documents are read too, recognised by their content whatever their names say: PDF (its text layer), "
          + "Word (docx, doc), OpenDocument (odt, ods, odp), EPUB, RTF, PowerPoint (pptx, ppt, with speaker "
          + "notes) and Excel (xlsx, xls). A search names the page, slide or sheet of each passage. Each document "
          + "is read in a separate process, stopped after 60 s (10 min with --ocr); one that is encrypted, damaged "
          + "or hostile is skipped with its reason. With --ocr, scanned pages and images (PNG, JPEG, TIFF) are read "
          + "with tesseract, in the languages installed.",
      "",
      "The run commits every few seconds, so an interrupted run (Ctrl-C, a crash) keeps what it did and the next "
          + "one finishes the job; searches see new documents after each commit. The exit status is 2 when errors "
          + "(permissions, I/O) kept files out.",
    })
final class IndexCommand implements Callable<Integer> {
  @ParentCommand ParkdocCommand parent;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders to index.")
  List<Path> paths;

  @Option(
      names = "--lang",
      completionCandidates = LanguageCodes.class,
      paramLabel = "LANG",
      description =
          "Record every file as this language instead of detecting it (ko, ja, zh-Hans, zh-Hant, en, ...).")
  String lang;

  @Option(
      names = "--encoding",
      paramLabel = "CHARSET",
      description = "Decode every file with this charset instead of detecting it.")
  String encoding;

  @Option(
      names = "--max-size",
      paramLabel = "MB",
      defaultValue = DEFAULT_MAX_SIZE_MB,
      description = "Skip files larger than this many megabytes (default: ${DEFAULT-VALUE}).")
  long maxSizeMb;

  static final String DEFAULT_MAX_SIZE_MB = "64";

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads (default: one per core).")
  Integer threads;

  @Option(
      names = "--ocr",
      description =
          "Read scans (PDF pages without text, PNG, JPEG and TIFF images) with tesseract (Debian: tesseract-ocr and "
              + "tesseract-ocr-kor, -jpn, -chi-sim, -chi-tra, -eng).")
  boolean ocr;

  @Option(names = "--rebuild", description = "Drop every document and index afresh.")
  boolean rebuild;

  @Option(
      names = {"-L", "--follow"},
      description =
          "Follow symbolic links that lead out of the folders being indexed too. Without it they are skipped, as grep -r and rg skip them; links inside the folders are followed, once.")
  boolean follow;

  @Option(
      names = "--watch",
      description =
          "After indexing, keep the index current as files under the folders are added, changed, renamed or deleted, until Ctrl-C.")
  boolean watch;

  @Option(
      names = "--commit-every",
      paramLabel = "SECONDS",
      defaultValue = DEFAULT_COMMIT_SECONDS,
      description = "Commit this often during a run (default: ${DEFAULT-VALUE}).")
  double commitSeconds;

  static final String DEFAULT_COMMIT_SECONDS = "10";

  @Option(
      names = "--json",
      description = "Print the summary as one JSON object (with --watch, one per change).")
  boolean json;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print nothing but errors.")
  boolean quiet;

  @Override
  public Integer call() {
    return run(parent.spec.commandLine().getOut(), parent.spec.commandLine().getErr());
  }

  /**
   * {@code index [--quiet] PATH...} with every other option at its default, as picocli would have
   * parsed it: for {@link FastPath#plainIndex}, which skips picocli's model.
   */
  static IndexCommand plain(ParkdocCommand parent, List<Path> paths, boolean quiet) {
    IndexCommand c = new IndexCommand();
    c.parent = parent;
    c.paths = paths;
    c.quiet = quiet;
    c.maxSizeMb = Long.parseLong(DEFAULT_MAX_SIZE_MB);
    c.commitSeconds = Double.parseDouble(DEFAULT_COMMIT_SECONDS);
    return c;
  }

  /** Runs the command, printing to {@code out} and {@code err}. */
  Integer run(PrintWriter out, PrintWriter err) {
    if (lang != null && !Languages.isKnown(lang)) {
      throw new ParkdocException(
          "unknown language '" + lang + "' for --lang (try ko, ja, zh-Hans, zh-Hant, en, de, ...)");
    }
    if (encoding != null && !Charset.isSupported(encoding)) {
      throw new ParkdocException("unknown charset '" + encoding + "' for --encoding");
    }
    if (maxSizeMb <= 0 || !(commitSeconds > 0)) {
      throw new ParkdocException("--max-size and --commit-every take numbers above 0");
    }
    List<Path> resolved = paths.stream().map(p -> parent.env().cwd().resolve(p)).toList();
    if (watch) {
      for (Path p : resolved) {
        if (Files.exists(p) && !Files.isDirectory(p)) {
          throw new ParkdocException("--watch watches folders, and " + p + " is a file");
        }
      }
    }
    IndexOptions options =
        new IndexOptions(
            lang == null ? null : Languages.canonical(lang),
            encoding,
            maxSizeMb << 20,
            threads != null ? Math.max(1, threads) : IndexOptions.defaults().threads(),
            rebuild,
            Duration.ofMillis(Math.max(1, Math.round(commitSeconds * 1000))),
            follow,
            java.util.List.of());
    if (ocr) {
      Tesseract.Setup setup = Tesseract.check("tesseract");
      if (setup.problem() != null) {
        err.println("parkdoc: " + setup.problem());
        err.flush();
      }
      options = options.withOcr(setup.languages());
    }
    boolean live = parent.env().terminal() && !quiet && !json;
    try (Indexer indexer = Backends.indexer(parent.location(), options, new LanguageDetector());
        StopOnInterrupt interrupt = new StopOnInterrupt(indexer::requestStop)) {
      IndexSummary summary;
      try (ProgressLine progress =
          ProgressLine.start(
              indexer.progress(), err, live, live ? parent.width() : 0, options.threads())) {
        summary = indexer.index(resolved);
      }
      report(summary, out, err);
      if (!watch || summary.interrupted()) {
        return summary.hadErrors() ? ExitCodes.ERROR : ExitCodes.FOUND;
      }
      return watch(indexer, resolved, out, err);
    }
  }

  private int watch(Indexer indexer, List<Path> roots, PrintWriter out, PrintWriter err) {
    try (FolderWatcher watcher = FolderWatcher.start(indexer, roots)) {
      indexer.warmUp();
      if (!quiet && !json) {
        err.println(
            "parkdoc: watching "
                + watcher.folders()
                + " folder"
                + (watcher.folders() == 1 ? "" : "s")
                + " for changes; Ctrl-C stops");
        err.flush();
      }
      boolean[] errors = {false};
      watcher.run(
          batch -> {
            errors[0] |= batch.hadErrors();
            if (json) {
              out.println(report().json(batch));
              out.flush();
            } else if (!quiet) {
              out.println(
                  LocalTime.now().truncatedTo(ChronoUnit.SECONDS)
                      + "  "
                      + IndexReport.counts(batch)
                      + IndexReport.languages(batch));
              out.flush();
            }
            report().skipped(batch, err);
          });
      if (!quiet && !json) {
        err.println("parkdoc: stopped watching; the index is committed");
        err.flush();
      }
      return errors[0] ? ExitCodes.ERROR : ExitCodes.FOUND;
    }
  }

  private void report(IndexSummary summary, PrintWriter out, PrintWriter err) {
    if (json) {
      out.println(report().json(summary));
    } else if (!quiet) {
      // by words at the terminal's width (a pipe's lines are left whole)
      StringWriter text = new StringWriter();
      report().print(new PrintWriter(text), summary);
      out.print(TextLayout.wrapBlock(text.toString(), Math.max(0, parent.width() - 1)));
    }
    out.flush();
    report().skipped(summary, err);
    if (summary.interrupted()) {
      err.println(
          "parkdoc: interrupted; what was indexed is committed, and indexing the same paths again finishes the job");
    }
    err.flush();
  }

  private IndexReport report() {
    return new IndexReport(parent.paths(), parent.location().toString(), parent.verbose);
  }
}
