package io.parkdoc.bench;

import io.parkdoc.backend.Backends;
import io.parkdoc.backend.lucene.IndexLayout;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.IndexSummary;
import io.parkdoc.core.detect.LanguageDetector;
import io.parkdoc.core.extract.DocumentExtractor;
import io.parkdoc.core.extract.ExtractLimits;
import io.parkdoc.core.extract.ExtractedDocument;
import io.parkdoc.core.index.Indexer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The document-format benchmark behind {@code bench/formats} (not a unit test): how fast one warm
 * extraction worker reads each format (the committed fixtures, every language of a format together,
 * median of {@code runs} rounds), what a worker costs to start, its peak memory, and the indexing
 * throughput of a folder of mixed documents beside the same texts as plain files. Prints Markdown
 * tables. Arguments: {@code [--runs N] [--copies N]}.
 */
public final class FormatsBench {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/formats");

  private FormatsBench() {}

  public static void main(String[] args) throws Exception {
    int runs = 5;
    int copies = 8;
    Path large = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[i + 1]);
        case "--copies" -> copies = Integer.parseInt(args[i + 1]);
        case "--large" -> large = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "Measured %s on %d cores, %s; load average %.2f at the start.%n%n",
        java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)
            .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    extraction(runs);
    if (large != null) {
      large(large, runs);
    }
    indexing(copies);
  }

  private static List<Path> fixtures(String ext) throws IOException {
    try (Stream<Path> s = Files.list(FIXTURES)) {
      return s.filter(
              p ->
                  p.getFileName().toString().endsWith("." + ext)
                      && !p.getFileName().toString().startsWith("scan"))
          .sorted()
          .toList();
    }
  }

  private static void extraction(int runs) throws Exception {
    List<String> formats =
        List.of(
            "pdf", "docx", "doc", "odt", "rtf", "epub", "pptx", "ppt", "odp", "xlsx", "xls", "ods");
    long start = System.nanoTime();
    try (DocumentExtractor x = new DocumentExtractor(ExtractLimits.DEFAULT, 1)) {
      x.extract(FIXTURES.resolve("en.docx"));
      double startSeconds = (System.nanoTime() - start) / 1e9;
      double startCpu = workerCpuNanos() / 1e9;
      // warm-up: every format once
      for (String f : formats) {
        for (Path p : fixtures(f)) {
          x.extract(p);
        }
      }
      System.out.println("### Extraction by one warm worker (fixtures, all languages of a format)");
      System.out.println();
      System.out.println(
          "| format | files | MB in | million characters out | median ms per round | worker CPU ms per round | MB/s in (per CPU s) | files per CPU s |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
      for (String f : formats) {
        List<Path> files = fixtures(f);
        long bytes = 0;
        long chars = 0;
        for (Path p : files) {
          bytes += Files.size(p);
        }
        List<Long> times = new ArrayList<>();
        List<Long> cpus = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
          long t0 = System.nanoTime();
          long c0 = workerCpuNanos();
          chars = 0;
          for (Path p : files) {
            ExtractedDocument d = x.extract(p);
            chars += d.text().length();
          }
          times.add(System.nanoTime() - t0);
          cpus.add(workerCpuNanos() - c0);
        }
        times.sort(Comparator.naturalOrder());
        cpus.sort(Comparator.naturalOrder());
        double ms = times.get(times.size() / 2) / 1e6;
        double cpu = Math.max(1e-3, cpus.get(cpus.size() / 2) / 1e6);
        System.out.printf(
            Locale.ROOT,
            "| %s | %d | %.2f | %.3f | %.0f | %.0f | %.2f | %.1f |%n",
            f,
            files.size(),
            bytes / 1e6,
            chars / 1e6,
            ms,
            cpu,
            bytes / 1e6 / (cpu / 1000),
            files.size() / (cpu / 1000));
      }
      System.out.println();
      long peak = peakRssKb();
      System.out.printf(
          Locale.ROOT,
          "Worker start-up (JVM and Tika) with its first file: %.2f s (%.2f CPU s). Worker peak resident memory "
              + "after all the fixtures: %s (heap limit %d MB).%n%n",
          startSeconds,
          startCpu,
          peak < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f MB", peak / 1024.0),
          ExtractLimits.DEFAULT.workerHeapMb());
    }
  }

  /** Extraction of the larger documents bench/formats makes: one file per format. */
  private static void large(Path dir, int runs) throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().startsWith("large.")).sorted().toList();
    }
    if (files.isEmpty()) {
      return;
    }
    System.out.println(
        "### Extraction of larger documents (the seeds ten times over, one warm worker)");
    System.out.println();
    System.out.println(
        "| format | MB in | million characters out | median s | worker CPU s | MB/s in (per CPU s) | million characters per CPU s |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    try (DocumentExtractor x = new DocumentExtractor(ExtractLimits.DEFAULT, 1)) {
      for (Path p : files) {
        x.extract(p); // warm-up
        List<Long> times = new ArrayList<>();
        List<Long> cpus = new ArrayList<>();
        long chars = 0;
        for (int r = 0; r < runs; r++) {
          long t0 = System.nanoTime();
          long c0 = workerCpuNanos();
          chars = x.extract(p).text().length();
          times.add(System.nanoTime() - t0);
          cpus.add(workerCpuNanos() - c0);
        }
        times.sort(Comparator.naturalOrder());
        cpus.sort(Comparator.naturalOrder());
        double sec = times.get(times.size() / 2) / 1e9;
        double cpu = Math.max(1e-3, cpus.get(cpus.size() / 2) / 1e9);
        double mb = Files.size(p) / 1e6;
        String ext = p.getFileName().toString().substring("large.".length());
        System.out.printf(
            Locale.ROOT,
            "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
            ext,
            mb,
            chars / 1e6,
            sec,
            cpu,
            mb / cpu,
            chars / 1e6 / cpu);
      }
      long peak = peakRssKb();
      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "Worker peak resident memory: %s.%n%n",
          peak < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f MB", peak / 1024.0));
    }
  }

  /** This JVM's extraction worker processes. */
  private static List<ProcessHandle> workers() {
    return ProcessHandle.current()
        .children()
        .filter(
            p -> {
              try {
                return Files.readString(Path.of("/proc", String.valueOf(p.pid()), "cmdline"))
                    .contains("ExtractWorker");
              } catch (IOException e) {
                return p.info().commandLine().orElse("").contains("ExtractWorker");
              }
            })
        .toList();
  }

  /** CPU time used so far by this JVM's extraction workers, in ns. */
  private static long workerCpuNanos() {
    return workers().stream()
        .mapToLong(p -> p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L))
        .sum();
  }

  /** The peak resident set of this JVM's extraction worker (Linux /proc), in KB, or -1. */
  private static long peakRssKb() {
    return workers().stream()
        .mapToLong(
            p -> {
              try {
                for (String line :
                    Files.readAllLines(Path.of("/proc", String.valueOf(p.pid()), "status"))) {
                  if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                  }
                }
              } catch (IOException e) {
                // not Linux
              }
              return -1;
            })
        .max()
        .orElse(-1);
  }

  private static void indexing(int copies) throws Exception {
    Path tmp = Files.createTempDirectory("parkdoc-formats-bench");
    try {
      Path docs = Files.createDirectories(tmp.resolve("docs"));
      Path texts = Files.createDirectories(tmp.resolve("texts"));
      long docBytes = 0;
      try (Stream<Path> s = Files.list(FIXTURES)) {
        for (Path p : s.filter(p -> !p.getFileName().toString().startsWith("scan")).toList()) {
          for (int c = 0; c < copies; c++) {
            Path dest = docs.resolve(c + "-" + p.getFileName());
            Files.copy(p, dest);
            docBytes += Files.size(dest);
          }
        }
      }
      long textBytes = 0;
      try (Stream<Path> s = Files.list(Path.of("seeds"))) {
        for (Path p : s.toList()) {
          for (int c = 0; c < copies * 7; c++) {
            Path dest = texts.resolve(c + "-" + p.getFileName());
            Files.copy(p, dest);
            textBytes += Files.size(dest);
          }
        }
      }
      System.out.println("### Indexing a folder (parkdoc index, 2 threads, a fresh index)");
      System.out.println();
      System.out.println("| folder | files | MB | s | files/s | MB/s |");
      System.out.println("|---|---:|---:|---:|---:|---:|");
      row(
          "documents (the fixtures " + copies + " times: PDF, Office, OpenDocument, EPUB, RTF)",
          docs,
          tmp.resolve("i1"),
          docBytes);
      row("plain text (the seeds " + copies * 7 + " times)", texts, tmp.resolve("i2"), textBytes);
      System.out.println();
    } finally {
      try (Stream<Path> w = Files.walk(tmp)) {
        w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void row(String label, Path folder, Path index, long bytes) {
    long t0 = System.nanoTime();
    IndexSummary s;
    try (Indexer indexer =
        Backends.indexer(
            new IndexLayout(index),
            IndexOptions.defaults().withThreads(2),
            new LanguageDetector())) {
      s = indexer.index(List.of(folder));
    }
    double sec = (System.nanoTime() - t0) / 1e9;
    int files = s.added() + s.updated();
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %.2f | %.1f | %.1f | %.2f |%n",
        label,
        files,
        bytes / 1e6,
        sec,
        files / sec,
        bytes / 1e6 / sec);
  }
}
