package io.parkdoc.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.SharedCorpora;
import io.parkdoc.backend.Backends;
import io.parkdoc.backend.lucene.IndexLayout;
import io.parkdoc.backend.lucene.LuceneSearcher;
import io.parkdoc.core.Hit;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.IndexSummary;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.detect.LanguageDetector;
import io.parkdoc.core.index.Indexer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relevance evaluation over {@code eval.tar.xz}: language detected per document, as a user's
 * run would, every query searched with parkdoc's own query handling (lenient, as {@code --batch}),
 * nDCG@10, MRR@10 and R@100 printed per set and checked against the best plain-BM25 figure the
 * corpora README lists for that set.
 *
 * <p>A hit counts for the set its file lives in; for xquad, a translation of the judged paragraph
 * (same file name in another language folder) counts as that paragraph, as the README says.
 */
class RelevanceEvalTest {
  /** The best plain-BM25 nDCG@10 the corpora README lists for each set. */
  private static final Map<String, Double> FLOOR =
      Map.ofEntries(
          Map.entry("korquad.ko", 0.964),
          Map.entry("jsquad.ja", 0.941),
          Map.entry("cmrc2018.zh-cn", 0.985),
          Map.entry("drcd.zh-tw", 0.954),
          Map.entry("xquad.zh", 0.960),
          Map.entry("xquad.en", 0.967),
          Map.entry("xquad.de", 0.948),
          Map.entry("xquad.ru", 0.956),
          Map.entry("xquad.th", 0.958),
          Map.entry("cranfield.en", 0.375));

  @TempDir Path tmp;

  /**
   * Each set in an index of its own, with all of its languages together (xquad's twelve in one
   * index): the floors must hold.
   */
  @Test
  void eachSetRanksAtLeastAsWellAsPlainBm25() throws IOException {
    Path eval = SharedCorpora.unpack("eval").resolve("eval");
    StringBuilder table = header();
    List<String> failures = new ArrayList<>();
    for (Path folder : setFolders(eval)) {
      IndexLayout layout =
          index(tmp.resolve("per-set").resolve(folder.getFileName().toString()), List.of(folder));
      evaluate(eval, layout, folder.getFileName().toString(), table, failures, REPRODUCTION_MARGIN);
    }
    System.out.println("Each set in its own index:");
    System.out.print(table);
    assertTrue(failures.isEmpty(), "below plain BM25: " + failures + "\n" + table);
  }

  /**
   * Every set in ONE index, the wording: a Chinese question now competes with 4,400 Chinese
   * passages from three sets, an English one with Cranfield's 1,400 abstracts. Every set must reach
   * its floor (within {@link #REPRODUCTION_MARGIN}) except xquad-zh, which is allowed {@link
   * #XQUAD_ZH_SHARED_MARGIN}: about half of the cmrc2018 and drcd passages that outrank its judged
   * paragraph answer the question too (谁演唱了国歌？ "who sang the national anthem?" finds 义勇军进行曲;
   * 白垩纪-第三纪灭绝事件发生于什么时候？ finds the Mesozoic article that dates it), but only xquad's own paragraph
   * is judged.
   */
  @Test
  void allSetsInOneIndexRankAtLeastAsWellAsPlainBm25() throws IOException {
    Path eval = SharedCorpora.unpack("eval").resolve("eval");
    IndexLayout layout = index(tmp.resolve("all"), setFolders(eval));
    StringBuilder table = header();
    List<String> failures = new ArrayList<>();
    evaluate(eval, layout, null, table, failures, REPRODUCTION_MARGIN);
    System.out.println("All sets in one index:");
    System.out.print(table);
    // xquad-zh again, against its own allowance.
    List<String> zh = new ArrayList<>();
    evaluate(eval, layout, "xquad.zh", new StringBuilder(), zh, XQUAD_ZH_SHARED_MARGIN);
    failures.removeIf(f -> f.startsWith("xquad.zh "));
    failures.addAll(zh);
    assertTrue(failures.isEmpty(), "below plain BM25: " + failures + "\n" + table);
  }

  /**
   * The README's figures are rounded, and plain BM25 (OR of the analysed terms, one field, the
   * language's analyzer, this evaluation code) reproduced on the same files scores up to 0.002
   * under them: xquad de 0.9464 (README 0.948), ru 0.9538 (0.956), en 0.9684 (0.967), th 0.9578
   * (0.958). Indexing on several threads also orders equal-scoring documents differently from run
   * to run, which moves a set's figure by up to about 0.002. A set may fall this far under its
   * README figure, no further.
   */
  private static final double REPRODUCTION_MARGIN = 0.002;

  /**
   * How far under its floor xquad-zh may fall among the other Chinese sets' passages (at .9453:
   * .0147).
   */
  private static final double XQUAD_ZH_SHARED_MARGIN = 0.020;

  private static List<Path> setFolders(Path eval) throws IOException {
    try (Stream<Path> s = Files.list(eval)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  private static IndexLayout index(Path dir, List<Path> folders) {
    IndexLayout layout = new IndexLayout(dir);
    long t0 = System.nanoTime();
    // One worker: documents then get the same ids on every run, so ties rank alike and the
    // figures are reproducible to the last decimal (two workers moved them by up to .0006).
    try (Indexer indexer =
        Backends.indexer(layout, IndexOptions.defaults().withThreads(1), new LanguageDetector())) {
      IndexSummary summary = indexer.index(folders);
      System.out.printf(
          Locale.ROOT,
          "indexed %s: %d documents %s in %.1f s%n",
          folders.stream().map(p -> p.getFileName().toString()).toList(),
          summary.added(),
          summary.languages(),
          (System.nanoTime() - t0) / 1e9);
    }
    return layout;
  }

  static StringBuilder header() {
    return new StringBuilder(
        String.format(
            Locale.ROOT,
            "%-16s %7s %8s %8s %8s %8s%n",
            "set",
            "queries",
            "nDCG@10",
            "MRR@10",
            "R@100",
            "floor"));
  }

  /** Evaluates the query files of {@code set} (all sets when null) against {@code layout}. */
  static void evaluate(
      Path eval,
      IndexLayout layout,
      String set,
      StringBuilder table,
      List<String> failures,
      double margin)
      throws IOException {
    try (LuceneSearcher searcher = LuceneSearcher.open(layout)) {
      List<Path> queryFiles;
      try (Stream<Path> s = Files.list(eval)) {
        queryFiles =
            s.filter(p -> p.getFileName().toString().endsWith(".queries.tsv"))
                .filter(p -> set == null || p.getFileName().toString().startsWith(set + "."))
                .sorted()
                .toList();
      }
      for (Path qf : queryFiles) {
        String name = qf.getFileName().toString().replace(".queries.tsv", "");
        String setName = name.substring(0, name.indexOf('.'));
        Map<String, Map<String, Integer>> qrels = readQrels(eval.resolve(name + ".qrels"));
        Scores s = evaluate(searcher, eval.resolve(setName), qf, qrels);
        Double floor = FLOOR.get(name);
        table.append(
            String.format(
                Locale.ROOT,
                "%-16s %7d %8.4f %8.3f %8.3f %8s%n",
                name,
                s.queries,
                s.ndcg,
                s.mrr,
                s.recall100,
                floor == null ? "-" : String.format(Locale.ROOT, "%.3f", floor)));
        if (floor != null && s.ndcg + 1e-9 < floor - margin) {
          failures.add(
              String.format(Locale.ROOT, "%s nDCG@10 %.3f < %.3f", name, s.ndcg, floor - margin));
        }
      }
    }
  }

  /**
   * Whether the questions are also searched in their translations, as {@code parkdoc search} does
   * by default: {@code -Dparkdoc.eval.translate=true} (docs/translation.md, "The relevance sets
   * with translation on"). Off by default, as the core API is.
   */
  static final boolean TRANSLATE = Boolean.getBoolean("parkdoc.eval.translate");

  record Scores(int queries, double ndcg, double mrr, double recall100) {}

  static Scores evaluate(
      io.parkdoc.core.SearchBackend searcher,
      Path setDir,
      Path queries,
      Map<String, Map<String, Integer>> qrels)
      throws IOException {
    double ndcg = 0;
    double mrr = 0;
    double recall = 0;
    int n = 0;
    String setPrefix = setDir.toAbsolutePath().normalize() + "/";
    for (String line : Files.readAllLines(queries, StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      if (tab < 0) {
        continue;
      }
      String qid = line.substring(0, tab);
      Map<String, Integer> judged = qrels.get(qid);
      if (judged == null || judged.isEmpty()) {
        continue;
      }
      List<Hit> hits =
          searcher
              .search(
                  new SearchRequest(line.substring(tab + 1), Set.of(), 100, 0, 0, true, TRANSLATE))
              .hits();
      List<String> ranked =
          new ArrayList<>(
              new LinkedHashSet<>(
                  hits.stream()
                      .map(
                          h ->
                              h.path().startsWith(setPrefix)
                                  ? docId(h.path())
                                  : "other:" + h.path())
                      .toList()));
      ndcg += ndcgAt10(ranked, judged);
      for (int i = 0; i < Math.min(10, ranked.size()); i++) {
        if (judged.getOrDefault(ranked.get(i), 0) > 0) {
          mrr += 1.0 / (i + 1);
          break;
        }
      }
      long relevant = judged.values().stream().filter(g -> g > 0).count();
      long found = ranked.stream().limit(100).filter(d -> judged.getOrDefault(d, 0) > 0).count();
      recall += relevant == 0 ? 0 : (double) found / relevant;
      n++;
    }
    return new Scores(n, ndcg / n, mrr / n, recall / n);
  }

  private static String docId(String path) {
    String file = Path.of(path).getFileName().toString();
    return file.endsWith(".txt") ? file.substring(0, file.length() - 4) : file;
  }

  /** nDCG@10 with linear gains, as trec_eval computes it. */
  static double ndcgAt10(List<String> ranked, Map<String, Integer> judged) {
    double dcg = 0;
    for (int i = 0; i < Math.min(10, ranked.size()); i++) {
      int g = judged.getOrDefault(ranked.get(i), 0);
      if (g > 0) {
        dcg += g / (Math.log(i + 2) / Math.log(2));
      }
    }
    List<Integer> ideal =
        judged.values().stream().filter(g -> g > 0).sorted((a, b) -> b - a).toList();
    double idcg = 0;
    for (int i = 0; i < Math.min(10, ideal.size()); i++) {
      idcg += ideal.get(i) / (Math.log(i + 2) / Math.log(2));
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  static Map<String, Map<String, Integer>> readQrels(Path file) throws IOException {
    Map<String, Map<String, Integer>> qrels = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4) {
        qrels.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[2], Integer.parseInt(f[3]));
      }
    }
    return qrels;
  }
}
