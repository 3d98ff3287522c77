// Measurements bench/run needs from inside one JVM. Run as a single-file program on the jar:
//   java -cp target/parkdoc.jar bench/Probe.java latency INDEX ROUNDS QUERY...
//   java -cp target/parkdoc.jar bench/Probe.java load ko|ja|zh|han|open:INDEX
//   java -cp target/parkdoc.jar bench/Probe.java analyze LANG DIR
// Not part of the build or of the unit tests; prints one line of numbers per measurement.

import io.parkdoc.core.analysis.HanVariants;
import io.parkdoc.backend.lucene.IndexLayout;
import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.SearchResults;
import io.parkdoc.backend.lucene.LuceneSearcher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;

public class Probe {
  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "latency" -> latency(Path.of(args[1]), Integer.parseInt(args[2]), Arrays.copyOfRange(args, 3, args.length));
      case "load" -> load(args[1]);
      case "analyze" -> analyze(args[1], Path.of(args[2]));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  /**
   * Warm query latency with snippets, as the shell sees it: one searcher, every query once to
   * warm up, then ROUNDS rounds of all queries. Prints "p50_ms p99_ms queries hits_of_first".
   */
  static void latency(Path index, int rounds, String[] queries) {
    try (LuceneSearcher s = LuceneSearcher.open(new IndexLayout(index))) {
      int hits = 0;
      for (int w = 0; w < 3; w++) {
        for (String q : queries) {
          SearchResults r = s.search(SearchRequest.of(q));
          if (w == 0 && q.equals(queries[0])) {
            hits = (int) r.total();
          }
        }
      }
      List<Long> times = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        for (String q : queries) {
          long t = System.nanoTime();
          s.search(SearchRequest.of(q)); // 10 hits, 2 passages each: snippets included
          times.add(System.nanoTime() - t);
        }
      }
      times.sort(null);
      System.out.printf(Locale.ROOT, "%.2f %.2f %d %d%n", pct(times, 50) / 1e6, pct(times, 99) / 1e6, times.size(), hits);
    }
  }

  private static long pct(List<Long> sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  /** Milliseconds to load one thing in this (fresh) JVM: an analyzer's dictionaries, the Han table, an index. */
  static void load(String what) throws Exception {
    long t = System.nanoTime();
    if (what.equals("han")) {
      HanVariants.toSimplified('長');
    } else if (what.startsWith("open:")) {
      LuceneSearcher.open(new IndexLayout(Path.of(what.substring(5)))).close();
    } else {
      try (Analyzer a = Languages.newAnalyzer(what)) {
        consume(a, what.equals("ko") ? "레이저" : what.equals("ja") ? "レーザー" : "laser");
      }
    }
    System.out.printf(Locale.ROOT, "%.1f%n", (System.nanoTime() - t) / 1e6);
  }

  /** Analyzer-only throughput over the files under DIR: "MB/s MB". Reads everything first. */
  static void analyze(String lang, Path dir) throws Exception {
    List<String> texts = new ArrayList<>();
    long bytes = 0;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        byte[] b = Files.readAllBytes(f);
        bytes += b.length;
        texts.add(new String(b, StandardCharsets.UTF_8));
      }
    }
    try (Analyzer a = Languages.newAnalyzer(lang)) {
      for (int i = 0; i < Math.min(50, texts.size()); i++) {
        consume(a, texts.get(i)); // load the dictionaries and warm up before timing
      }
      long t = System.nanoTime();
      for (String text : texts) {
        consume(a, text);
      }
      double s = (System.nanoTime() - t) / 1e9;
      System.out.printf(Locale.ROOT, "%.2f %.1f%n", bytes / 1e6 / s, bytes / 1e6);
    }
  }

  private static void consume(Analyzer a, String text) throws java.io.IOException {
    try (TokenStream ts = a.tokenStream("text", text)) {
      ts.reset();
      while (ts.incrementToken()) {
        // counting is not needed: the work is the point
      }
      ts.end();
    }
  }
}
