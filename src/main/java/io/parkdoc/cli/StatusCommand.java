package io.parkdoc.cli;

import io.parkdoc.core.IndexStatus;
import io.parkdoc.core.Searcher;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code parkdoc status}: what is indexed, per language. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Show what the index holds, per language.",
    description = "Show what the index holds, per language.")
final class StatusCommand implements Callable<Integer> {
  @ParentCommand ParkdocCommand parent;

  @Option(names = "--json", description = "Print one JSON object: documents, languages, bytes, index.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = parent.spec.commandLine().getOut();
    IndexStatus s;
    try (Searcher searcher = Searcher.open(parent.layout())) {
      s = searcher.status();
    }
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("documents", s.documents());
      m.put("languages", s.languages());
      m.put("bytes", s.bytes());
      m.put("sourceBytes", s.sourceBytes());
      m.put("index", s.index().toString());
      out.println(Json.write(m));
    } else {
      out.println("index      " + parent.display(s.index().toString()));
      StringBuilder langs = new StringBuilder();
      s.languages().forEach((k, v) -> langs.append(langs.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
      out.println("documents  " + s.documents() + (langs.length() > 0 ? "  (" + langs + ")" : ""));
      out.printf(Locale.ROOT, "size       %s on disk for %s of text%n", human(s.bytes()), human(s.sourceBytes()));
    }
    out.flush();
    return ExitCodes.FOUND;
  }

  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
    if (bytes < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024);
    }
    return String.format(Locale.ROOT, "%.2f GB", bytes / 1024.0 / 1024 / 1024);
  }
}
