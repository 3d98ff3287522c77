package io.parkdoc.bench;

import io.parkdoc.backend.lucene.IndexLayout;
import io.parkdoc.backend.lucene.LuceneStore;
import io.parkdoc.core.IndexedDocument;
import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.detect.Detection;
import io.parkdoc.core.detect.LanguageDetector;
import io.parkdoc.core.detect.LanguageParts;
import io.parkdoc.core.extract.SourceText;
import io.parkdoc.core.extract.TextExtractor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Where the CPU time of indexing one folder goes, stage by stage, on one thread (not a unit test):
 * for each file, reading, hashing, decoding, language detection, cutting into language parts, the
 * analyzers alone over those parts, and storing into a local index (analysis, postings, stored
 * fields, doc values), then the final commit. Median of several runs in one warm JVM.
 *
 * <p>Arguments: {@code FOLDER [runs]}. Run from the build's classpath, as {@code bench/index-bench}
 * does.
 */
public final class IndexProfile {
  private static final String[] STAGES = {
    "read", "sha256", "decode", "detect", "parts", "analyzers alone", "store.put", "commit"
  };

  private IndexProfile() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<Path> files;
    try (Stream<Path> s = Files.walk(folder)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }
    LanguageDetector detector = new LanguageDetector();
    long[][] nanos = new long[STAGES.length][runs];
    for (int r = -2; r < runs; r++) { // two warm-up runs
      long[] t = profileOnce(files, detector);
      if (r >= 0) {
        for (int s = 0; s < STAGES.length; s++) {
          nanos[s][r] = t[s];
        }
      }
    }
    double mb = bytes / 1e6;
    System.out.printf(
        Locale.ROOT,
        "%s: %d files, %.2f MB, one thread, CPU time of that thread, median of %d runs%n",
        folder,
        files.size(),
        mb,
        runs);
    long total = 0;
    long[] med = new long[STAGES.length];
    for (int s = 0; s < STAGES.length; s++) {
      long[] v = nanos[s].clone();
      Arrays.sort(v);
      med[s] = v[runs / 2];
      if (s != 5) { // the analyzers run again inside store.put
        total += med[s];
      }
    }
    for (int s = 0; s < STAGES.length; s++) {
      System.out.printf(
          Locale.ROOT,
          "| %-16s | %8.1f ms | %5.1f%% | %8.1f MB per CPU-s |%n",
          STAGES[s],
          med[s] / 1e6,
          100.0 * med[s] / total,
          mb / (med[s] / 1e9));
    }
    System.out.printf(
        Locale.ROOT,
        "| %-16s | %8.1f ms | | %8.1f MB per CPU-s |%n",
        "total",
        total / 1e6,
        mb / (total / 1e9));
  }

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /**
   * This thread's CPU time: neighbours on a shared machine stretch wall time, not this (the
   * commit's waits for the disk are not counted, nor merges on Lucene's own threads).
   */
  private static long cpu() {
    return THREADS.getCurrentThreadCpuTime();
  }

  private static long[] profileOnce(List<Path> files, LanguageDetector detector) throws Exception {
    long[] t = new long[STAGES.length];
    TextExtractor extractor = new TextExtractor();
    Path dir = Files.createTempDirectory("parkdoc-profile-");
    try (LuceneStore store = LuceneStore.open(new IndexLayout(dir), false)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path f : files) {
        long t0 = cpu();
        byte[] b = Files.readAllBytes(f);
        long t1 = cpu();
        String hash = HexFormat.of().formatHex(sha.digest(b));
        long t2 = cpu();
        SourceText source = extractor.extract(f.toString(), b, null);
        long t3 = cpu();
        Detection d = detector.detect(source.text());
        long t4 = cpu();
        List<IndexedDocument.Part> parts = LanguageParts.of(source.text(), d);
        long t5 = cpu();
        long sink = 0;
        for (IndexedDocument.Part p : parts) {
          sink += tokens(p.indexLang(), p.text());
        }
        long t6 = cpu();
        IndexedDocument doc =
            new IndexedDocument(
                f.toString(),
                d.lang(),
                source.title(),
                b.length,
                0,
                hash,
                source.encoding(),
                parts,
                source.marks());
        store.put(doc, null);
        long t7 = cpu();
        t[0] += t1 - t0;
        t[1] += t2 - t1;
        t[2] += t3 - t2;
        t[3] += t4 - t3;
        t[4] += t5 - t4;
        t[5] += t6 - t5;
        t[6] += t7 - t6;
        if (sink < 0) {
          throw new IllegalStateException();
        }
      }
      long c0 = cpu();
      store.commit();
      t[7] = cpu() - c0;
    } finally {
      deleteTree(dir);
    }
    return t;
  }

  private static final java.util.Map<String, Analyzer[]> ANALYZERS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static long tokens(String lang, String text) throws IOException {
    Analyzer[] a =
        ANALYZERS.computeIfAbsent(
            lang,
            l ->
                Languages.isCjk(l)
                    ? new Analyzer[] {Languages.newAnalyzer(l), Languages.newBigramAnalyzer(l)}
                    : new Analyzer[] {Languages.newAnalyzer(l)});
    long n = 0;
    for (Analyzer analyzer : a) {
      try (TokenStream ts = analyzer.tokenStream("f", text)) {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        ts.reset();
        while (ts.incrementToken()) {
          n += term.length();
        }
        ts.end();
      }
    }
    return n;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      List<Path> all = new ArrayList<>(s.toList());
      java.util.Collections.reverse(all);
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
