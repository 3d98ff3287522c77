package io.parkdoc.bench;

import io.parkdoc.core.detect.Detection;
import io.parkdoc.core.detect.LanguageDetector;
import io.parkdoc.core.detect.Segment;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What the language detector decides for every file of some folders, one line per file (path, main
 * language, confidence, segments as {@code start-end:lang}), so that two builds' verdicts can be
 * compared with {@code diff}; then, on stderr, the CPU time of detection alone over those files
 * (median of several passes in one warm JVM, on one thread). Not a unit test.
 *
 * <p>Arguments: {@code [--runs N] FOLDER...}. Run from the build's classpath, as {@code
 * bench/index-bench} does.
 */
public final class DetectionDump {
  private DetectionDump() {}

  public static void main(String[] args) throws Exception {
    int runs = 5;
    List<Path> files = new ArrayList<>();
    for (int a = 0; a < args.length; a++) {
      if (args[a].equals("--runs")) {
        runs = Integer.parseInt(args[++a]);
        continue;
      }
      try (Stream<Path> s = Files.walk(Path.of(args[a]))) {
        files.addAll(s.filter(Files::isRegularFile).sorted().toList());
      }
    }
    List<String> texts = new ArrayList<>();
    long bytes = 0;
    for (Path f : files) {
      byte[] b = Files.readAllBytes(f);
      bytes += b.length;
      texts.add(new String(b, StandardCharsets.UTF_8));
    }
    LanguageDetector detector = new LanguageDetector();
    PrintStream out = System.out;
    for (int i = 0; i < files.size(); i++) {
      Detection d = detector.detect(texts.get(i));
      StringBuilder line = new StringBuilder();
      line.append(files.get(i)).append(' ').append(d.lang());
      line.append(String.format(Locale.ROOT, " %.4f", d.confidence()));
      for (Segment s : d.segments()) {
        line.append(' ').append(s.start()).append('-').append(s.end()).append(':').append(s.lang());
      }
      out.println(line);
    }
    out.flush();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] nanos = new long[runs];
    for (int r = -2; r < runs; r++) { // two warm-up passes
      long start = threads.getCurrentThreadCpuTime();
      for (String t : texts) {
        detector.detect(t);
      }
      if (r >= 0) {
        nanos[r] = threads.getCurrentThreadCpuTime() - start;
      }
    }
    Arrays.sort(nanos);
    double ms = nanos[runs / 2] / 1e6;
    System.err.printf(
        Locale.ROOT,
        "%d files, %.2f MB: detection %.0f ms CPU (median of %d passes, one thread) = %.1f MB per"
            + " CPU-second%n",
        files.size(),
        bytes / 1e6,
        ms,
        runs,
        bytes / 1e3 / ms);
  }
}
