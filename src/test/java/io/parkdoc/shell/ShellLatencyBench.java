package io.parkdoc.shell;

import io.parkdoc.backend.Backends;
import io.parkdoc.backend.lucene.IndexLayout;
import io.parkdoc.backend.lucene.LuceneSearcher;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.IndexSummary;
import io.parkdoc.core.Version;
import io.parkdoc.core.detect.LanguageDetector;
import io.parkdoc.core.index.Indexer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.jline.utils.AttributedString;

/**
 * How fast the shell answers, on a ~100 MB multilingual index: not a unit test, a harness run by
 * {@code bench/shell-bench}, whose figures go into docs/shell.md.
 *
 * <p>Builds the index once (libreoffice-help, manpages and livedoor from {@code ../shared/corpora}:
 * Korean, Japanese, Chinese in both scripts, English, German, French, Russian, Spanish) or reuses
 * it, then runs a few hundred queries through the shell's own code path, {@link Session#execute} as
 * a terminal session runs it: the index-changed check, the search with two passages per hit, and
 * the page of hits rendered in colour for a 100-column terminal. Queries are words and short runs
 * of text taken from random documents of each language, plus questions from the relevance sets
 * (KorQuAD, JSQuAD, CMRC 2018, XQuAD). The first {@value #WARMUP} queries are not timed.
 *
 * <p>Arguments: {@code [--index DIR] [--corpora DIR] [--queries N] [--seed N]}.
 */
public final class ShellLatencyBench {
  private static final List<String> SETS = List.of("libreoffice-help", "manpages", "livedoor");
  private static final Map<String, String> QUESTIONS = new LinkedHashMap<>();
  private static final int WARMUP = 50;

  static {
    QUESTIONS.put("korquad.ko", "ko");
    QUESTIONS.put("jsquad.ja", "ja");
    QUESTIONS.put("cmrc2018.zh-cn", "zh-Hans");
    QUESTIONS.put("xquad.en", "en");
    QUESTIONS.put("xquad.de", "de");
    QUESTIONS.put("xquad.ru", "ru");
  }

  private ShellLatencyBench() {}

  /** A query and the language it was written in. */
  private record Query(String lang, String kind, String text) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    Path corpora =
        Path.of(opts.getOrDefault("--corpora", "../shared/corpora")).toAbsolutePath().normalize();
    Path indexDir =
        Path.of(opts.getOrDefault("--index", "target/bench-index")).toAbsolutePath().normalize();
    int count = Integer.parseInt(opts.getOrDefault("--queries", "400"));
    Random random = new Random(Long.parseLong(opts.getOrDefault("--seed", "20261122")));
    for (String set : SETS) {
      if (!Files.isRegularFile(corpora.resolve(set + ".tar.xz"))) {
        System.out.println(
            "skipped: "
                + corpora.resolve(set + ".tar.xz")
                + " is absent (the shared corpora are not on this machine)");
        return;
      }
    }
    IndexLayout layout = new IndexLayout(indexDir);
    if (!layout.exists()) {
      build(layout, corpora);
    }

    List<Query> queries = new ArrayList<>();
    try (LuceneSearcher searcher = LuceneSearcher.open(layout)) {
      System.out.printf(
          Locale.ROOT,
          "index: %s, %d documents, %.0f MB of text, %.0f MB on disk, languages %s%n",
          indexDir,
          searcher.documents(),
          searcher.status().sourceBytes() / 1e6,
          layout.diskBytes() / 1e6,
          searcher.status().languages());
      queries.addAll(fromDocuments(searcher, random, count * 3 / 4));
    }
    queries.addAll(questions(corpora, random, count - queries.size()));
    java.util.Collections.shuffle(queries, random);

    ShellSettings settings =
        new ShellSettings(
            io.parkdoc.core.IndexLocation.of(layout.root()),
            Path.of("").toAbsolutePath(),
            p -> p,
            true,
            false,
            null,
            null,
            Map.of());
    Commands none =
        new Commands() {
          @Override
          public Map<String, String> list() {
            return Map.of();
          }

          @Override
          public List<String> options(String command) {
            return List.of();
          }

          @Override
          public int run(List<String> arguments, PrintWriter out, PrintWriter err, int width) {
            return 0;
          }
        };
    long t0 = System.nanoTime();
    Session session = new Session(settings, none);
    long opened = System.nanoTime() - t0;
    BenchScreen screen = new BenchScreen();
    // As a user would: the shell opens, and the first query comes a few seconds later.
    Thread.sleep(3000);
    long first = time(session, screen, queries.get(0).text());

    Map<String, List<Long>> byLang = new TreeMap<>();
    List<Long> all = new ArrayList<>();
    long hits = 0;
    for (int i = 1; i < queries.size(); i++) {
      Query q = queries.get(i);
      long nanos = time(session, screen, q.text());
      hits += screen.text.toString().contains("no hits in") ? 0 : 1;
      if (i > WARMUP) {
        all.add(nanos);
        byLang.computeIfAbsent(q.lang() + " " + q.kind(), k -> new ArrayList<>()).add(nanos);
      }
    }
    session.close();

    System.out.printf(
        Locale.ROOT,
        "machine: %d cores, %s, Java %s (%s), parkdoc %s%n",
        Runtime.getRuntime().availableProcessors(),
        cpuModel(),
        Runtime.version(),
        String.join(
            " ",
            java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX") || a.startsWith("-Xmx"))
                .toList()),
        Version.VERSION);
    System.out.printf(
        Locale.ROOT,
        "shell opened in %d ms; first query %d ms; %d queries timed after %d warm-up; %d with hits, %d errors%n",
        opened / 1_000_000,
        first / 1_000_000,
        all.size(),
        WARMUP,
        hits,
        errors);
    System.out.println("all      " + summary(all));
    byLang.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-18s %s%n", k, summary(v)));
  }

  private static long time(Session session, BenchScreen screen, String query) {
    screen.text.getBuffer().setLength(0);
    long t = System.nanoTime();
    try {
      session.execute(query, screen);
    } catch (io.parkdoc.core.ParkdocException e) {
      // As the shell does: the message is the answer (none of the sampled queries should get here).
      screen.out().println("parkdoc: " + e.getMessage());
      errors++;
    }
    return System.nanoTime() - t;
  }

  private static int errors;

  private static String summary(List<Long> nanos) {
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    if (sorted.length == 0) {
      return "n=0";
    }
    return String.format(
        Locale.ROOT,
        "n=%-4d p50 %6.1f ms   p90 %6.1f ms   p99 %6.1f ms   max %6.1f ms",
        sorted.length,
        percentile(sorted, 50),
        percentile(sorted, 90),
        percentile(sorted, 99),
        sorted[sorted.length - 1] / 1e6);
  }

  private static double percentile(long[] sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  // ---- the index ----

  private static void build(IndexLayout layout, Path corpora) throws Exception {
    Path scratch = Files.createTempDirectory("parkdoc-bench-");
    try {
      List<Path> folders = new ArrayList<>();
      for (String set : SETS) {
        System.out.println("unpacking " + set + " ...");
        tar(corpora.resolve(set + ".tar.xz"), scratch);
        folders.add(scratch.resolve(set));
      }
      System.out.println("indexing " + folders.size() + " sets into " + layout.root() + " ...");
      long t = System.nanoTime();
      IndexSummary s;
      try (Indexer indexer =
          Backends.indexer(layout, IndexOptions.defaults(), new LanguageDetector())) {
        s = indexer.index(folders);
      }
      System.out.printf(
          Locale.ROOT,
          "indexed %d files, %.0f MB, in %.0f s (%.2f MB/s)%n",
          s.added(),
          s.bytes() / 1e6,
          (System.nanoTime() - t) / 1e9,
          s.megabytesPerSecond());
    } finally {
      try (Stream<Path> walk = Files.walk(scratch)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void tar(Path archive, Path into, String... members)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(List.of("tar", "-xJf", archive.toString(), "-C", into.toString()));
    cmd.addAll(Arrays.asList(members));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException("tar failed on " + archive + ": " + out);
    }
  }

  // ---- the queries ----

  /** Words (or, in Japanese and Chinese, runs of two to four characters) from random documents. */
  private static List<Query> fromDocuments(LuceneSearcher searcher, Random random, int n) {
    List<Query> out = new ArrayList<>();
    int max = (int) searcher.documents();
    int attempts = 0;
    while (out.size() < n && attempts++ < n * 20) {
      Document d = searcher.document(random.nextInt(max));
      String lang = d.get("lang");
      String text = d.get("text_" + (lang.startsWith("zh") ? "zh" : lang));
      if (text == null || text.length() < 20) {
        continue;
      }
      String q =
          lang.equals("ja") || lang.startsWith("zh")
              ? run(text, random)
              : words(text, random, 1 + random.nextInt(2));
      if (q != null) {
        out.add(new Query(lang, "words", q));
      }
    }
    return out;
  }

  /** Two to four Han or kana characters in a row, from a random place in {@code text}. */
  private static String run(String text, Random random) {
    for (int attempt = 0; attempt < 20; attempt++) {
      int at = random.nextInt(text.length());
      int len = 2 + random.nextInt(3);
      if (at + len > text.length()) {
        continue;
      }
      String s = text.substring(at, at + len);
      if (s.codePoints()
          .allMatch(
              cp -> {
                Character.UnicodeScript sc = Character.UnicodeScript.of(cp);
                return sc == Character.UnicodeScript.HAN
                    || sc == Character.UnicodeScript.KATAKANA
                    || sc == Character.UnicodeScript.HIRAGANA;
              })) {
        return s;
      }
    }
    return null;
  }

  /**
   * {@code count} consecutive words of four letters or more, from a random place in {@code text}.
   */
  private static String words(String text, Random random, int count) {
    String[] tokens = text.split("[\\s\\p{Punct}«»“”„‘’·…]+");
    for (int attempt = 0; attempt < 20; attempt++) {
      int at = random.nextInt(tokens.length);
      if (at + count > tokens.length) {
        continue;
      }
      List<String> picked = Arrays.asList(tokens).subList(at, at + count);
      if (picked.stream()
          .allMatch(
              w ->
                  w.codePointCount(0, w.length()) >= 2
                      && w.codePoints().allMatch(Character::isLetter)
                      && (w.length() >= 4
                          || w.codePoints()
                              .anyMatch(
                                  cp ->
                                      Character.UnicodeScript.of(cp)
                                          == Character.UnicodeScript.HANGUL)))) {
        return String.join(" ", picked);
      }
    }
    return null;
  }

  /** Questions from the relevance sets: natural text, ranked by the words they match. */
  private static List<Query> questions(Path corpora, Random random, int n)
      throws IOException, InterruptedException {
    List<Query> out = new ArrayList<>();
    if (!Files.isRegularFile(corpora.resolve("eval.tar.xz")) || n <= 0) {
      return out;
    }
    Path scratch = Files.createTempDirectory("parkdoc-bench-eval-");
    try {
      String[] members =
          QUESTIONS.keySet().stream().map(k -> "eval/" + k + ".queries.tsv").toArray(String[]::new);
      tar(corpora.resolve("eval.tar.xz"), scratch, members);
      int each = Math.max(1, n / QUESTIONS.size());
      for (var e : QUESTIONS.entrySet()) {
        List<String> lines =
            Files.readAllLines(
                scratch.resolve("eval/" + e.getKey() + ".queries.tsv"), StandardCharsets.UTF_8);
        for (int i = 0; i < each && !lines.isEmpty(); i++) {
          String line = lines.get(random.nextInt(lines.size()));
          int tab = line.indexOf('\t');
          if (tab > 0) {
            out.add(new Query(e.getValue(), "question", line.substring(tab + 1).strip()));
          }
        }
      }
    } finally {
      try (Stream<Path> walk = Files.walk(scratch)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return out;
  }

  private static String cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      m.put(args[i], args[i + 1]);
    }
    return m;
  }

  /**
   * A 100-column colour terminal that keeps what is written, as the interactive shell's screen is.
   */
  private static final class BenchScreen implements Screen {
    final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text);

    @Override
    public PrintWriter out() {
      return out;
    }

    @Override
    public PrintWriter err() {
      return out;
    }

    @Override
    public int width() {
      return 100;
    }

    @Override
    public boolean interactive() {
      return true;
    }

    @Override
    public boolean show(String title, List<AttributedString> lines) {
      lines.forEach(l -> out.println(l.toAnsi()));
      return false;
    }

    @Override
    public String render(AttributedString s) {
      return s.toAnsi();
    }
  }
}
