package io.parkdoc.cli;

import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.IndexSummary;
import io.parkdoc.core.Indexer;
import io.parkdoc.core.LanguageDetector;
import io.parkdoc.core.Languages;
import io.parkdoc.core.ParkdocException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
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

/** {@code parkdoc index PATH...}: adds or updates files in the index. */
@Command(name = "index", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Add or update files in the index (one Lucene index per language).",
    description = {
      "Add or update the files under each PATH. Each file's language is detected and the file is indexed "
          + "with that language's analyzer; unchanged files are skipped and files gone from under PATH are removed.",
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

  @Option(names = "--json", description = "Print the summary as one JSON object.")
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
    IndexOptions options = new IndexOptions(lang == null ? null : Languages.canonical(lang), encoding,
        maxSizeMb << 20, threads != null ? Math.max(1, threads) : IndexOptions.defaults().threads(), rebuild);
    PrintWriter out = parent.spec.commandLine().getOut();
    PrintWriter err = parent.spec.commandLine().getErr();
    List<Path> resolved = paths.stream().map(p -> parent.env().cwd().resolve(p)).toList();
    IndexSummary summary;
    try (Indexer indexer = Indexer.open(parent.layout(), options, new LanguageDetector());
        ProgressLine progress = ProgressLine.start(indexer.progress(), err, parent.env().terminal() && !quiet && !json, parent.width())) {
      summary = indexer.index(resolved);
    }
    if (json) {
      out.println(Json.write(toJson(summary)));
    } else if (!quiet) {
      printSummary(out, summary);
    }
    if (parent.verbose || summary.hadErrors()) {
      for (IndexSummary.Skipped s : summary.skipped()) {
        if (parent.verbose || s.error()) {
          err.println("parkdoc: skipped " + parent.display(s.path()) + ": " + s.reason());
        }
      }
    }
    return summary.hadErrors() ? ExitCodes.ERROR : ExitCodes.FOUND;
  }

  private void printSummary(PrintWriter out, IndexSummary s) {
    int indexed = s.added() + s.updated();
    out.printf(Locale.ROOT, "indexed %d file%s in %.1f s (%.2f MB/s): %d added, %d updated, %d unchanged, %d removed%n",
        indexed, indexed == 1 ? "" : "s", s.nanos() / 1e9, s.megabytesPerSecond(),
        s.added(), s.updated(), s.unchanged(), s.removed());
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
      o.put("path", parent.display(k.path()));
      o.put("reason", k.reason());
      o.put("error", k.error());
      return o;
    }).toList());
    m.put("bytes", s.bytes());
    m.put("seconds", Math.round(s.nanos() / 1e6) / 1e3);
    m.put("index", parent.layout().root().toString());
    return m;
  }
}
