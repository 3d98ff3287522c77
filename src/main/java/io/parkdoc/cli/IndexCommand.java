package io.parkdoc.cli;

import io.parkdoc.core.FolderWatcher;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.IndexSummary;
import io.parkdoc.core.Indexer;
import io.parkdoc.core.LanguageDetector;
import io.parkdoc.core.Languages;
import io.parkdoc.core.ParkdocException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code parkdoc index PATH...}: adds or updates files in the index, once or while they change. */
@Command(name = "index", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Add or update files in the index (one Lucene index per language).",
    description = {
      "Add or update the files under each PATH. Each file's language is detected and the file is indexed "
          + "with that language's analyzer; unchanged files are skipped and files gone from under PATH are removed.",
      "",
      "Text files of any kind are read (.txt, .md, .html, .xml and others; markup is removed); binary files are "
          + "skipped. The character encoding is detected per file: UTF-8, UTF-16, EUC-KR/CP949, Shift_JIS/CP932, "
          + "EUC-JP, ISO-2022-JP, GBK/GB18030, Big5 and the single-byte encodings of European languages.",
      "",
      "The run commits every few seconds, so an interrupted run (Ctrl-C, a crash) keeps what it did and the next "
          + "one finishes the job; searches see new documents after each commit. The exit status is 2 when errors "
          + "(permissions, I/O) kept files out.",
    })
final class IndexCommand implements Callable<Integer> {
  @ParentCommand ParkdocCommand parent;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders to index.")
  List<Path> paths;

  @Option(names = "--lang", paramLabel = "LANG", description = "Record every file as this language instead of detecting it (ko, ja, zh-Hans, zh-Hant, en, ...).")
  String lang;

  @Option(names = "--encoding", paramLabel = "CHARSET", description = "Decode every file with this charset instead of detecting it.")
  String encoding;

  @Option(names = "--max-size", paramLabel = "MB", defaultValue = "64", description = "Skip files larger than this many megabytes (default: ${DEFAULT-VALUE}).")
  long maxSizeMb;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: one per core).")
  Integer threads;

  @Option(names = "--rebuild", description = "Drop every document and index afresh.")
  boolean rebuild;

  @Option(names = "--watch", description = "After indexing, keep the index current as files under the folders are added, changed, renamed or deleted, until Ctrl-C.")
  boolean watch;

  @Option(names = "--commit-every", paramLabel = "SECONDS", defaultValue = "10", description = "Commit this often during a run (default: ${DEFAULT-VALUE}).")
  double commitSeconds;

  @Option(names = "--json", description = "Print the summary as one JSON object (with --watch, one per change).")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
  boolean quiet;

  @Override
  public Integer call() {
    if (lang != null && !Languages.isKnown(lang)) {
      throw new ParkdocException("unknown language '" + lang + "' for --lang (try ko, ja, zh-Hans, zh-Hant, en, de, ...)");
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
    IndexOptions options = new IndexOptions(lang == null ? null : Languages.canonical(lang), encoding,
        maxSizeMb << 20, threads != null ? Math.max(1, threads) : IndexOptions.defaults().threads(), rebuild,
        Duration.ofMillis(Math.max(1, Math.round(commitSeconds * 1000))));
    PrintWriter out = parent.spec.commandLine().getOut();
    PrintWriter err = parent.spec.commandLine().getErr();
    boolean live = parent.env().terminal() && !quiet && !json;
    try (Indexer indexer = Indexer.open(parent.layout(), options, new LanguageDetector());
        StopOnInterrupt interrupt = new StopOnInterrupt(indexer::requestStop)) {
      IndexSummary summary;
      try (ProgressLine progress = ProgressLine.start(indexer.progress(), err, live, live ? parent.width() : 0)) {
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
      if (!quiet && !json) {
        err.println("parkdoc: watching " + watcher.folders() + " folder" + (watcher.folders() == 1 ? "" : "s")
            + " for changes; Ctrl-C stops");
        err.flush();
      }
      boolean[] errors = {false};
      watcher.run(batch -> {
        errors[0] |= batch.hadErrors();
        if (json) {
          out.println(Json.write(toJson(batch)));
          out.flush();
        } else if (!quiet) {
          out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "  " + counts(batch) + languages(batch));
          out.flush();
        }
        reportSkipped(batch, err);
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
      out.println(Json.write(toJson(summary)));
    } else if (!quiet) {
      printSummary(out, summary);
    }
    out.flush();
    reportSkipped(summary, err);
    if (summary.interrupted()) {
      err.println("parkdoc: interrupted; what was indexed is committed, and 'parkdoc index' again finishes the job");
    }
    err.flush();
  }

  /** Each file skipped because of an error, and with --verbose every skipped or repaired file. */
  private void reportSkipped(IndexSummary summary, PrintWriter err) {
    for (IndexSummary.Skipped s : summary.skipped()) {
      if (parent.verbose || s.error()) {
        err.println("parkdoc: skipped " + parent.display(s.path()) + ": " + s.reason());
      }
    }
    if (parent.verbose) {
      for (IndexSummary.Repaired r : summary.repaired()) {
        err.println("parkdoc: " + parent.display(r.path()) + ": " + r.sequences()
            + " invalid byte sequence" + (r.sequences() == 1 ? "" : "s") + " replaced with U+FFFD");
      }
    }
  }

  private static String counts(IndexSummary s) {
    return String.format(Locale.ROOT, "%d added, %d updated, %d unchanged, %d removed",
        s.added(), s.updated(), s.unchanged(), s.removed());
  }

  private static String languages(IndexSummary s) {
    if (s.languages().isEmpty()) {
      return "";
    }
    StringBuilder langs = new StringBuilder(" (");
    s.languages().forEach((k, v) -> langs.append(langs.length() > 2 ? ", " : "").append(k).append(' ').append(v));
    return langs.append(')').toString();
  }

  private void printSummary(PrintWriter out, IndexSummary s) {
    int indexed = s.added() + s.updated();
    out.printf(Locale.ROOT, "indexed %d file%s in %.1f s (%.2f MB/s): %s%n",
        indexed, indexed == 1 ? "" : "s", s.nanos() / 1e9, s.megabytesPerSecond(), counts(s));
    if (!s.languages().isEmpty()) {
      StringBuilder langs = new StringBuilder("  ");
      s.languages().forEach((k, v) -> langs.append(langs.length() > 2 ? ", " : "").append(k).append(' ').append(v));
      out.println(langs);
    }
    if (!s.skipped().isEmpty()) {
      Map<String, Integer> reasons = new TreeMap<>();
      for (IndexSummary.Skipped k : s.skipped()) {
        reasons.merge(k.reason(), 1, Integer::sum);
      }
      StringBuilder line = new StringBuilder("skipped " + s.skipped().size() + ": ");
      boolean first = true;
      for (var e : reasons.entrySet()) {
        line.append(first ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
        first = false;
      }
      if (!parent.verbose) {
        line.append(" (--verbose lists them)");
      }
      out.println(line);
    }
    if (!s.repaired().isEmpty()) {
      int sequences = s.repaired().stream().mapToInt(IndexSummary.Repaired::sequences).sum();
      out.printf(Locale.ROOT, "%d file%s had invalid byte sequences (%d in all), replaced with U+FFFD%s%n",
          s.repaired().size(), s.repaired().size() == 1 ? "" : "s", sequences,
          parent.verbose ? "" : " (--verbose lists them)");
    }
    out.println("index: " + parent.display(parent.layout().root().toString()));
  }

  private Map<String, Object> toJson(IndexSummary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("added", s.added());
    m.put("updated", s.updated());
    m.put("unchanged", s.unchanged());
    m.put("removed", s.removed());
    m.put("languages", s.languages());
    m.put("skipped", s.skipped().stream().map(k -> {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("path", parent.relative(k.path()));
      o.put("reason", k.reason());
      o.put("error", k.error());
      return o;
    }).toList());
    m.put("repaired", s.repaired().stream().map(r -> {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("path", parent.relative(r.path()));
      o.put("sequences", r.sequences());
      return o;
    }).toList());
    m.put("bytes", s.bytes());
    m.put("seconds", Math.round(s.nanos() / 1e6) / 1e3);
    m.put("interrupted", s.interrupted());
    m.put("index", parent.layout().root().toString());
    return m;
  }
}
