package io.parkdoc.eval;

import io.parkdoc.backend.Backends;
import io.parkdoc.backend.lucene.IndexLayout;
import io.parkdoc.backend.lucene.LuceneSearcher;
import io.parkdoc.core.Hit;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.detect.LanguageDetector;
import io.parkdoc.core.index.Indexer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cross-language search as a user meets it: the LibreOffice help pages of the evaluation half
 * (never mined) in all five languages (en, ko, ja, zh-cn, zh-tw) in ONE parkdoc index, searched
 * through {@link LuceneSearcher} exactly as {@code parkdoc search} does, the page title as the
 * query. Two figures per source language, with translation off and on: MRR@10 of the same page in
 * the query's own language (translation should not push it down) and R@10 of the same page in the
 * other languages (what translation gains), counted in the one list of 10 hits.
 *
 * <p>As in {@link TranslationEval}, a CJK title with Latin letters is left out, as a query and as
 * an answer (an untranslated page).
 */
public final class MixedTranslationEval {
  private static final Pattern LATIN = Pattern.compile("[A-Za-z]");

  /** One source language's figures, off and on. */
  public record Row(
      String from,
      int queries,
      double mrrOwnOff,
      double mrrOwnOn,
      double r10OtherOff,
      double r10OtherOn) {}

  private record Query(String lang, String id, String title, List<String> others) {}

  private final Path docs;
  private final List<Query> queries = new ArrayList<>();

  /**
   * Copies the evaluation half of {@code corpus} ({@code libreoffice-help}, one folder per
   * language) into {@code work/docs/<lang>/} and reads the titles; the tuning half with {@code
   * -Dparkdoc.eval.half=0} (for deciding a change, as {@code bench/translation 0} does).
   */
  public MixedTranslationEval(Path corpus, Path work) throws IOException {
    docs = work.resolve("docs");
    Map<String, Map<String, String>> titles = new LinkedHashMap<>();
    List<String> ids = null;
    for (String c : TranslationEval.COLLECTIONS) {
      List<String> files;
      try (var s = Files.list(corpus.resolve(c))) {
        files = s.map(p -> p.getFileName().toString()).sorted().toList();
      }
      if (ids == null) {
        ids = new ArrayList<>(files);
      } else {
        ids.retainAll(Set.copyOf(files));
      }
    }
    int half = Integer.getInteger("parkdoc.eval.half", 1);
    ids.removeIf(id -> TranslationEval.half(id) != half);
    for (String c : TranslationEval.COLLECTIONS) {
      Map<String, String> t = new HashMap<>();
      Files.createDirectories(docs.resolve(c));
      for (String id : ids) {
        Path src = corpus.resolve(c).resolve(id);
        Path dst = docs.resolve(c).resolve(id);
        if (!Files.exists(dst)) {
          Files.copy(src, dst);
        }
        String text = Files.readString(src, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        String title = (nl < 0 ? text : text.substring(0, nl)).strip();
        if (!title.isEmpty() && (c.equals("en") || !LATIN.matcher(title).find())) {
          t.put(id, title);
        }
      }
      titles.put(c, t);
    }
    for (String id : ids) {
      for (String from : TranslationEval.COLLECTIONS) {
        String title = titles.get(from).get(id);
        if (title == null) {
          continue;
        }
        List<String> others = new ArrayList<>();
        for (String to : TranslationEval.COLLECTIONS) {
          if (!to.equals(from) && titles.get(to).containsKey(id)) {
            others.add(to + "/" + id);
          }
        }
        if (!others.isEmpty()) {
          queries.add(new Query(from, id, title, others));
        }
      }
    }
  }

  /** Indexes the copied pages into {@code index} (one worker: the same ids, ties alike). */
  public IndexLayout index(Path index) {
    IndexLayout layout = new IndexLayout(index);
    long t0 = System.nanoTime();
    try (Indexer indexer =
        Backends.indexer(layout, IndexOptions.defaults().withThreads(1), new LanguageDetector())) {
      var summary = indexer.index(List.of(docs));
      System.err.printf(
          Locale.ROOT,
          "indexed %d files %s in %.1f s%n",
          summary.added() + summary.unchanged(),
          summary.languages(),
          (System.nanoTime() - t0) / 1e9);
    }
    return layout;
  }

  /** The figures per source language (and all together, last) on {@code searcher}. */
  public List<Row> run(LuceneSearcher searcher) {
    Map<String, double[]> sums = new LinkedHashMap<>();
    for (String c : TranslationEval.COLLECTIONS) {
      sums.put(c, new double[5]);
    }
    for (Query q : queries) {
      double[] s = sums.get(q.lang());
      s[0]++;
      for (int on = 0; on < 2; on++) {
        List<String> ranked = new ArrayList<>();
        for (Hit h :
            searcher
                .search(new SearchRequest(q.title(), Set.of(), 10, 0, 0, true, on == 1))
                .hits()) {
          Path p = Path.of(h.path());
          ranked.add(p.getParent().getFileName() + "/" + p.getFileName());
        }
        int own = ranked.indexOf(q.lang() + "/" + q.id());
        s[1 + on] += own < 0 ? 0 : 1.0 / (own + 1);
        s[3 + on] +=
            q.others().stream().filter(ranked::contains).count() / (double) q.others().size();
      }
    }
    List<Row> rows = new ArrayList<>();
    double[] all = new double[5];
    for (var e : sums.entrySet()) {
      double[] s = e.getValue();
      for (int i = 0; i < 5; i++) {
        all[i] += s[i];
      }
      rows.add(row(e.getKey(), s));
    }
    rows.add(row("all", all));
    return rows;
  }

  private static Row row(String from, double[] s) {
    double n = Math.max(1, s[0]);
    return new Row(from, (int) s[0], s[1] / n, s[2] / n, s[3] / n, s[4] / n);
  }

  /** Prints {@code rows} as docs/translation.md carries them. */
  public static void print(List<Row> rows, PrintStream out) {
    out.println(
        "| from | queries | own MRR@10 off | own MRR@10 on | others R@10 off | others R@10 on |");
    out.println("|---|---:|---:|---:|---:|---:|");
    for (Row r : rows) {
      out.printf(
          Locale.ROOT,
          "| %s | %d | %.4f | %.4f | %.4f | %.4f |%n",
          r.from(),
          r.queries(),
          r.mrrOwnOff(),
          r.mrrOwnOn(),
          r.r10OtherOff(),
          r.r10OtherOn());
    }
  }

  /**
   * {@code MixedTranslationEval CORPUS WORK}: copies and indexes the pages under {@code WORK}
   * (once; later runs reuse the index) and prints the table; the factor a translated match is
   * ranked at is the system property {@code parkdoc.translatedFactor}.
   */
  public static void main(String[] args) throws IOException {
    Path work = Path.of(args[1]);
    MixedTranslationEval eval = new MixedTranslationEval(Path.of(args[0]), work);
    Path index = work.resolve("index");
    IndexLayout layout = Files.isDirectory(index) ? new IndexLayout(index) : eval.index(index);
    long t0 = System.nanoTime();
    List<Row> rows;
    try (LuceneSearcher s = LuceneSearcher.open(layout)) {
      rows = eval.run(s);
    }
    System.out.printf(
        Locale.ROOT,
        "translated matches at %s of their score (%.0f s):%n",
        System.getProperty("parkdoc.translatedFactor", "the default"),
        (System.nanoTime() - t0) / 1e9);
    print(rows, System.out);
    if (args.length > 2) {
      seeds(Path.of(args[2]), work.resolve("seeds-index"), System.out);
    }
  }

  /** The seeds' language by file name prefix (the five seeds all mention lasers). */
  private static final Map<String, String> SEED_LANG =
      Map.of("000", "ko", "001", "ko", "002", "ja", "003", "zh-Hans", "004", "en");

  /**
   * For laser, 레이저, レーザー and 激光 on the seeds: the rank of the first seed in the query's own
   * language, and how many of the five seeds are found.
   */
  static void seeds(Path seeds, Path index, PrintStream out) {
    IndexLayout layout = new IndexLayout(index);
    try (Indexer indexer =
        Backends.indexer(layout, IndexOptions.defaults().withThreads(1), new LanguageDetector())) {
      indexer.index(List.of(seeds));
    }
    Map<String, String> own = Map.of("laser", "en", "레이저", "ko", "レーザー", "ja", "激光", "zh-Hans");
    StringBuilder line = new StringBuilder("seeds: ");
    try (LuceneSearcher s = LuceneSearcher.open(layout)) {
      for (String q : List.of("laser", "레이저", "レーザー", "激光")) {
        List<String> langs = new ArrayList<>();
        for (Hit h : s.search(new SearchRequest(q, Set.of(), 10, 0, 0, false, true)).hits()) {
          langs.add(SEED_LANG.get(Path.of(h.path()).getFileName().toString().substring(0, 3)));
        }
        line.append(
            String.format(
                Locale.ROOT,
                "%s: own language %d of %d found; ",
                q,
                langs.indexOf(own.get(q)) + 1,
                langs.size()));
      }
    }
    out.println(line);
  }
}
