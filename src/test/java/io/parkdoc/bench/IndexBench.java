package io.parkdoc.bench;

import io.parkdoc.Main;
import io.parkdoc.backend.Backends;
import io.parkdoc.backend.lucene.IndexLayout;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.IndexSummary;
import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.detect.LanguageDetector;
import io.parkdoc.core.index.Indexer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * The indexing benchmark behind {@code bench/index-bench} (not a unit test): per language, how fast
 * the analyzers tokenize a set of real documents (1 thread and N), how fast {@code parkdoc index}
 * indexes the same documents (--threads 1 and N), and the two ratios the design asks for; then how
 * much re-indexing an unchanged folder of 10,000 files costs beside merely walking it.
 *
 * <p>Everything is measured in this one JVM run, after a warm-up, as the median of {@code runs}
 * runs, runs of the four configurations interleaved so that a neighbour's load hits all alike.
 * Reads {@code ../shared/corpora} (or {@code -Dparkdoc.shared=DIR}); says so and exits when absent.
 *
 * <p>Arguments: {@code [--mb MB] [--runs N] [--threads N] [--langs ko,ja,zh,en] [--reindex-files
 * N]}.
 */
public final class IndexBench {
  /** A folder of a corpus archive. */
  private record Source(String archive, String folder) {}

  /** A benchmark set: an index language and where its documents come from, in order. */
  private record Sample(String lang, List<Source> sources, String label) {
    Sample(String lang, String archive, String folder, String label) {
      this(lang, List.of(new Source(archive, folder)), label);
    }
  }

  private static final List<Sample> SETS =
      List.of(
          // No one set has 6 MB of Korean: LibreOffice's translated pages (2.1 MB), then GNOME's
          // and
          // KorQuAD's Wikipedia paragraphs. Too small a set measures commits more than analysis.
          new Sample(
              "ko",
              List.of(
                  new Source("libreoffice-help", "libreoffice-help/ko"),
                  new Source("gnome-help", "gnome-help/ko"),
                  new Source("eval", "eval/korquad/ko")),
              "libreoffice-help/ko + gnome-help/ko + korquad, Korean pages (nori)"),
          new Sample("ja", "livedoor", "livedoor/ja", "livedoor/ja (kuromoji)"),
          new Sample("zh", "cn-laws", "cn-laws/zh-cn", "cn-laws/zh-cn (smartcn)"),
          new Sample(
              "en", "libreoffice-help", "libreoffice-help/en", "libreoffice-help/en (English)"));

  private final double megabytes;
  private final int runs;
  private final int threads;
  private final List<String> langs;
  private final int reindexFiles;
  private final Path corpora;
  private final Path scratch;
  private final LanguageDetector detector = new LanguageDetector();
  private final List<String> leanRows = new ArrayList<>();

  private IndexBench(String[] args) throws IOException {
    double mb = 6;
    int r = 3;
    int t = Runtime.getRuntime().availableProcessors();
    List<String> l = List.of("ko", "ja", "zh", "en");
    int n = 10_000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mb" -> mb = Double.parseDouble(args[++i]);
        case "--runs" -> r = Integer.parseInt(args[++i]);
        case "--threads" -> t = Integer.parseInt(args[++i]);
        case "--langs" -> l = Arrays.asList(args[++i].split(","));
        case "--reindex-files" -> n = Integer.parseInt(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "unknown argument "
                    + args[i]
                    + " (use --mb MB --runs N --threads N --langs ko,ja,zh,en --reindex-files N)");
      }
    }
    megabytes = mb;
    runs = r;
    threads = Math.max(2, t);
    langs = l;
    reindexFiles = n;
    corpora =
        Path.of(System.getProperty("parkdoc.shared", "../shared"))
            .resolve("corpora")
            .toAbsolutePath()
            .normalize();
    scratch = Files.createTempDirectory("parkdoc-bench-");
  }

  public static void main(String[] args) throws Exception {
    IndexBench bench = new IndexBench(args);
    if (!Files.isDirectory(bench.corpora)) {
      System.out.println(
          "index-bench: skipped, no corpora at "
              + bench.corpora
              + " (set -Dparkdoc.shared=DIR to the folder holding corpora/)");
      deleteTree(bench.scratch);
      return;
    }
    try {
      bench.run();
    } finally {
      deleteTree(bench.scratch);
    }
  }

  private void run() throws Exception {
    System.out.println(machine());
    System.out.println("load average at the start: " + loadAverage());
    System.out.printf(
        Locale.ROOT,
        "about %.0f MB per language, median of %d runs, N = %d threads%n%n",
        megabytes,
        runs,
        threads);
    System.out.println(
        "| set | MB | files | analyzers 1 thread | analyzers "
            + threads
            + " threads | index --threads 1 | index --threads "
            + threads
            + " | index "
            + threads
            + "t / 1t | index / analyzers ("
            + threads
            + "t) | MB per CPU-second, analyzers / index "
            + "| leanest Lucene index / its analyzer (1t) |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Sample set : SETS) {
      if (!langs.contains(set.lang())) {
        continue;
      }
      Path archive = corpora.resolve(set.sources().get(0).archive() + ".tar.xz");
      if (!Files.isRegularFile(archive)) {
        System.out.println(
            "| " + set.label() + " | skipped: " + archive + " absent | | | | | | | |");
        continue;
      }
      languageRow(set);
    }
    System.out.println();
    System.out.println(
        "MB/s: megabytes of UTF-8 text per second of wall time. Analyzers: the text field's analyzer and, for");
    System.out.println(
        "ko/ja/zh, the bigram field's, over the texts in memory, as indexing runs them. Index: 'parkdoc index'");
    System.out.println(
        "in-process into a new index (reading, decoding, hashing, language detection, both fields, commit).");
    System.out.println(
        "Leanest Lucene index: the text field alone, positions only, nothing stored, in memory, one thread,");
    System.out.println(
        "against the text analyzer alone: the most any Lucene-based indexer can reach of its analyzer's speed.");
    System.out.println();
    System.out.println(
        "Indexing beside the leanest Lucene index on the same texts and threads (issue 18's goal: >= 70%):");
    System.out.println();
    System.out.println(
        "| language | MB | parkdoc index, "
            + threads
            + " threads | leanest Lucene index, "
            + threads
            + " threads | parkdoc / leanest | goal |");
    System.out.println("|---|---:|---:|---:|---:|---|");
    leanRows.forEach(System.out::println);
    System.out.println();
    System.out.println(
        "Leanest Lucene index here: the text field alone (positions only, nothing stored, no doc values),");
    System.out.println(
        "the language's analyzer, texts already in memory and detected, N threads adding documents to one");
    System.out.println(
        "IndexWriter on disk (FSDirectory beside parkdoc's index), committed; 'parkdoc index' reads the files.");
    System.out.println();
    reindexSection();
    System.out.println();
    System.out.println("load average at the end: " + loadAverage());
  }

  /** /proc/loadavg: other processes on the machine skew wall times (not the CPU-time column). */
  private static String loadAverage() {
    try {
      return String.join(
          " ", Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  // ---- per language ---------------------------------------------------------------------------

  private void languageRow(Sample set) throws Exception {
    List<Path> files = new ArrayList<>();
    for (Source source : set.sources()) {
      Path archive = corpora.resolve(source.archive() + ".tar.xz");
      if (!Files.isRegularFile(archive)) {
        continue; // a smaller set, which the MB column shows
      }
      Path unpacked = unpack(archive, source.folder());
      try (Stream<Path> s = Files.list(unpacked.resolve(source.folder()))) {
        files.addAll(s.filter(Files::isRegularFile).sorted().toList());
      }
    }
    // the first files up to the size asked for, copied into a folder of their own
    Path folder = Files.createDirectories(scratch.resolve("docs-" + set.lang()));
    List<String> texts = new ArrayList<>();
    long bytes = 0;
    for (Path f : files) {
      if (bytes >= megabytes * 1e6) {
        break;
      }
      byte[] b = Files.readAllBytes(f);
      if (!mostlyScript(new String(b, StandardCharsets.UTF_8), set.lang())) {
        continue; // an untranslated (English) help page in the Korean set
      }
      Files.write(
          folder.resolve(texts.size() + "-" + f.getFileName()),
          b); // names may repeat across sources
      texts.add(new String(b, StandardCharsets.UTF_8));
      bytes += b.length;
    }
    double mb = bytes / 1e6;
    Analyzer text = Languages.newAnalyzer(set.lang());
    Analyzer bigrams = Languages.isCjk(set.lang()) ? Languages.newBigramAnalyzer(set.lang()) : null;
    String textField = "text_" + set.lang();
    String bigramField = "bigram_" + set.lang();
    LongSupplier analyze1 = () -> analyze(texts, text, textField, bigrams, bigramField, 1);
    LongSupplier analyzeN = () -> analyze(texts, text, textField, bigrams, bigramField, threads);
    LongSupplier index1 = () -> index(folder, 1, texts.size());
    LongSupplier indexN = () -> index(folder, threads, texts.size());
    LongSupplier textOnly = () -> analyze(texts, text, textField, null, bigramField, 1);
    LongSupplier leanest = () -> leanestIndex(texts, text, textField);
    LongSupplier leanestN = () -> leanestIndexOnDisk(texts, text, textField, threads);
    // warm-up: JIT, dictionaries, the detector's model
    analyzeN.getAsLong();
    indexN.getAsLong();
    leanestN.getAsLong();
    long[][] nanos = new long[7][runs];
    long[][] cpu = new long[7][runs];
    List<LongSupplier> configs =
        List.of(analyze1, analyzeN, index1, indexN, textOnly, leanest, leanestN);
    for (int r = 0; r < runs; r++) {
      for (int c = 0; c < configs.size(); c++) {
        long cpu0 = processCpuNanos();
        nanos[c][r] = configs.get(c).getAsLong();
        cpu[c][r] = processCpuNanos() - cpu0;
      }
    }
    double a1 = mb / seconds(median(nanos[0]));
    double aN = mb / seconds(median(nanos[1]));
    double i1 = mb / seconds(median(nanos[2]));
    double iN = mb / seconds(median(nanos[3]));
    // CPU time of the whole process (JIT, GC, merges included): the work, whatever the neighbours
    // do
    double aCpu = mb / seconds(median(cpu[1]));
    double iCpu = mb / seconds(median(cpu[3]));
    double floor = (double) median(nanos[4]) / median(nanos[5]);
    double leanN = mb / seconds(median(nanos[6]));
    leanRows.add(
        String.format(
            Locale.ROOT,
            "| %s | %.1f | %.2f MB/s | %.2f MB/s | %.0f%% | >= 70%%%s: %s |",
            set.lang(),
            mb,
            iN,
            leanN,
            100 * iN / leanN,
            set.lang().equals("en") ? " and >= 35 MB/s" : "",
            iN >= 0.7 * leanN && (!set.lang().equals("en") || iN >= 35) ? "met" : "not met"));
    System.out.printf(
        Locale.ROOT,
        "| %s | %.1f | %d | %.2f MB/s | %.2f MB/s | %.2f MB/s | %.2f MB/s | %.2f× | %.0f%% | %.2f / %.2f | %.0f%% |%n",
        set.label(),
        mb,
        texts.size(),
        a1,
        aN,
        i1,
        iN,
        iN / i1,
        100 * iN / aN,
        aCpu,
        iCpu,
        100 * floor);
    System.out.flush();
    text.close();
    if (bigrams != null) {
      bigrams.close();
    }
  }

  /**
   * The least any Lucene index of the text field costs: one thread, the text field alone with
   * positions (no offsets, no bigram field, nothing stored, no doc values), in memory, from texts
   * already decoded and detected. Its speed over the text analyzer's alone bounds from above what
   * fraction of the analyzers' speed any indexer built on Lucene can reach.
   */
  private static long leanestIndex(List<String> texts, Analyzer analyzer, String field) {
    org.apache.lucene.document.FieldType type = new org.apache.lucene.document.FieldType();
    type.setIndexOptions(org.apache.lucene.index.IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    type.setTokenized(true);
    type.freeze();
    org.apache.lucene.index.IndexWriterConfig config =
        new org.apache.lucene.index.IndexWriterConfig(analyzer);
    config.setRAMBufferSizeMB(256);
    config.setUseCompoundFile(false);
    long t0 = System.nanoTime();
    try (org.apache.lucene.store.Directory dir =
            new org.apache.lucene.store.ByteBuffersDirectory();
        org.apache.lucene.index.IndexWriter writer =
            new org.apache.lucene.index.IndexWriter(dir, config)) {
      for (String t : texts) {
        org.apache.lucene.document.Document doc = new org.apache.lucene.document.Document();
        doc.add(new org.apache.lucene.document.Field(field, t, type));
        writer.addDocument(doc);
      }
      writer.commit();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return System.nanoTime() - t0;
  }

  /**
   * The leanest index any Lucene-based indexer could write to disk with {@code threads} threads:
   * the text field alone with positions, the language's analyzer, texts already decoded, one
   * IndexWriter fed by {@code threads} threads, then committed. Returns the wall time.
   */
  private long leanestIndexOnDisk(
      List<String> texts, Analyzer analyzer, String field, int threads) {
    org.apache.lucene.document.FieldType type = new org.apache.lucene.document.FieldType();
    type.setIndexOptions(org.apache.lucene.index.IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    type.setTokenized(true);
    type.freeze();
    Path dir = scratch.resolve("leanest-" + System.nanoTime());
    org.apache.lucene.index.IndexWriterConfig config =
        new org.apache.lucene.index.IndexWriterConfig(analyzer);
    config.setRAMBufferSizeMB(256);
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long t0 = System.nanoTime();
    try (org.apache.lucene.store.Directory d = org.apache.lucene.store.FSDirectory.open(dir);
        org.apache.lucene.index.IndexWriter writer =
            new org.apache.lucene.index.IndexWriter(d, config)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement();
                      i < texts.size();
                      i = next.getAndIncrement()) {
                    org.apache.lucene.document.Document doc =
                        new org.apache.lucene.document.Document();
                    doc.add(new org.apache.lucene.document.Field(field, texts.get(i), type));
                    writer.addDocument(doc);
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      writer.commit();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdown();
    }
    long elapsed = System.nanoTime() - t0;
    deleteTree(dir);
    return elapsed;
  }

  /** Tokenizes every text in {@code threads} threads; returns the wall time in nanoseconds. */
  private static long analyze(
      List<String> texts,
      Analyzer text,
      String textField,
      Analyzer bigrams,
      String bigramField,
      int threads) {
    AtomicInteger next = new AtomicInteger();
    AtomicLong sink = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  long local = 0;
                  for (int i = next.getAndIncrement();
                      i < texts.size();
                      i = next.getAndIncrement()) {
                    local += tokens(text, textField, texts.get(i));
                    if (bigrams != null) {
                      local += tokens(bigrams, bigramField, texts.get(i));
                    }
                  }
                  sink.addAndGet(local);
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdown();
    }
    long elapsed = System.nanoTime() - start;
    if (sink.get() == 0) {
      throw new IllegalStateException("no tokens");
    }
    return elapsed;
  }

  private static long tokens(Analyzer analyzer, String field, String text) {
    long n = 0;
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        n += term.length() + offset.endOffset();
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }

  /**
   * Indexes {@code folder} into a new index with {@code threads} workers; returns the wall time.
   */
  private long index(Path folder, int threads, int expected) {
    Path dir = scratch.resolve("index-" + System.nanoTime());
    long start = System.nanoTime();
    IndexSummary s;
    try (Indexer indexer =
        Backends.indexer(
            new IndexLayout(dir), IndexOptions.defaults().withThreads(threads), detector)) {
      s = indexer.index(List.of(folder));
    }
    long elapsed = System.nanoTime() - start;
    if (s.added() + s.skipped().size() != expected) {
      throw new IllegalStateException(
          "indexed " + s.added() + " of " + expected + " files: " + s.skipped());
    }
    deleteTree(dir);
    return elapsed;
  }

  // ---- re-indexing an unchanged folder --------------------------------------------------------

  private void reindexSection() throws Exception {
    if (reindexFiles <= 0) {
      return;
    }
    Path archive = corpora.resolve("libreoffice-help.tar.xz");
    if (!Files.isRegularFile(archive)) {
      System.out.println("re-index of an unchanged folder: skipped, " + archive + " absent");
      return;
    }
    Path unpacked = unpack(archive, "libreoffice-help");
    List<Path> files;
    try (Stream<Path> s = Files.walk(unpacked.resolve("libreoffice-help"))) {
      files = s.filter(Files::isRegularFile).sorted().limit(reindexFiles).toList();
    }
    // 10,000 files in 100 folders of 100, as a real document tree has
    Path folder = Files.createDirectories(scratch.resolve("reindex"));
    for (int i = 0; i < files.size(); i++) {
      Path sub =
          Files.createDirectories(folder.resolve(String.format(Locale.ROOT, "d%03d", i / 100)));
      Files.copy(
          files.get(i),
          sub.resolve(files.get(i).getParent().getFileName() + "-" + files.get(i).getFileName()));
    }
    Path index = scratch.resolve("reindex-index");
    try (Indexer indexer =
        Backends.indexer(
            new IndexLayout(index), IndexOptions.defaults().withThreads(threads), detector)) {
      indexer.index(List.of(folder));
    }
    long[] walk = new long[runs];
    long[] reindex = new long[runs];
    long[] cli = new long[runs];
    long[] find = new long[runs];
    walkOnly(folder); // warm the file system cache and the JIT
    for (int r = 0; r < runs; r++) {
      walk[r] = walkOnly(folder);
      long start = System.nanoTime();
      try (Indexer indexer =
          Backends.indexer(
              new IndexLayout(index), IndexOptions.defaults().withThreads(threads), detector)) {
        IndexSummary s = indexer.index(List.of(folder));
        if (s.unchanged() != files.size()) {
          throw new IllegalStateException("expected " + files.size() + " unchanged, got " + s);
        }
      }
      reindex[r] = System.nanoTime() - start;
      cli[r] =
          process(
              List.of(
                  javaCommand(),
                  "-XX:+UseSerialGC",
                  "-XX:TieredStopAtLevel=1",
                  "-Xshare:auto",
                  "--enable-native-access=ALL-UNNAMED",
                  "-cp",
                  System.getProperty("java.class.path"),
                  Main.class.getName(),
                  "--index",
                  index.toString(),
                  "index",
                  "-q",
                  folder.toString()));
      find[r] = process(List.of("find", folder.toString(), "-type", "f", "-printf", "%s %T@\\n"));
    }
    System.out.printf(
        Locale.ROOT,
        "Re-indexing an unchanged folder of %,d files (%d folders), median of %d:%n%n",
        files.size(),
        (files.size() + 99) / 100,
        runs);
    System.out.println("| what | time |");
    System.out.println("|---|---:|");
    System.out.printf(
        Locale.ROOT,
        "| walk only (Files.walkFileTree reading each file's size and time, in-process) | %.0f ms |%n",
        millis(median(walk)));
    System.out.printf(
        Locale.ROOT,
        "| re-index, unchanged (Indexer.open + index + close, in-process) | %.0f ms |%n",
        millis(median(reindex)));
    System.out.printf(
        Locale.ROOT,
        "| `find DIR -type f -printf '%%s %%T@'` (a process) | %.0f ms |%n",
        millis(median(find)));
    System.out.printf(
        Locale.ROOT,
        "| `parkdoc index -q DIR`, unchanged (a new JVM, as the launcher runs it) | %.0f ms |%n",
        millis(median(cli)));
  }

  private static long walkOnly(Path folder) throws IOException {
    long start = System.nanoTime();
    AtomicLong total = new AtomicLong();
    Files.walkFileTree(
        folder,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            total.addAndGet(attrs.size() + attrs.lastModifiedTime().toMillis());
            return FileVisitResult.CONTINUE;
          }
        });
    if (total.get() == 0) {
      throw new IllegalStateException("empty folder");
    }
    return System.nanoTime() - start;
  }

  private static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private long process(List<String> command) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed");
    }
    return System.nanoTime() - start;
  }

  // ---- helpers --------------------------------------------------------------------------------

  private Path unpack(Path archive, String member) throws IOException, InterruptedException {
    Path target = scratch.resolve("corpora-" + member.replace('/', '-'));
    if (Files.isDirectory(target.resolve(member))) {
      return target;
    }
    Files.createDirectories(target);
    Process p =
        new ProcessBuilder("tar", "-xJf", archive.toString(), "-C", target.toString(), member)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("tar failed on " + archive + ": " + out);
    }
    return target;
  }

  /** True when at least a third of the letters of a ko/ja/zh text are Hangul, kana or Han. */
  private static boolean mostlyScript(String text, String lang) {
    if (!Languages.isCjk(lang)) {
      return true;
    }
    long letters = text.codePoints().filter(Character::isLetter).count();
    long cjk =
        text.codePoints()
            .filter(
                c -> {
                  Character.UnicodeScript s = Character.UnicodeScript.of(c);
                  return s == Character.UnicodeScript.HANGUL
                      || s == Character.UnicodeScript.HAN
                      || s == Character.UnicodeScript.HIRAGANA
                      || s == Character.UnicodeScript.KATAKANA;
                })
            .count();
    return cjk * 3 >= letters;
  }

  private static String machine() {
    String cpu = "?";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .findFirst()
              .map(l -> l.substring(l.indexOf(':') + 1).strip())
              .orElse("?");
    } catch (IOException e) {
      // not Linux
    }
    return String.format(
        Locale.ROOT,
        "machine: %d cores (nproc), %s, JDK %s (%s), max heap %d MB, %s",
        Runtime.getRuntime().availableProcessors(),
        cpu,
        Runtime.version(),
        System.getProperty("java.vm.name"),
        Runtime.getRuntime().maxMemory() >> 20,
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("-XX:+Use") && a.endsWith("GC"))
            .findFirst()
            .orElse("default GC"));
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // scratch space: the OS cleans /tmp
    }
  }
}
