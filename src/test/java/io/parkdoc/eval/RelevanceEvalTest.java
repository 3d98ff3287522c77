package io.parkdoc.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.SharedCorpora;
import io.parkdoc.core.Hit;
import io.parkdoc.core.IndexLayout;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.IndexSummary;
import io.parkdoc.core.Indexer;
import io.parkdoc.core.LanguageDetector;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.Searcher;
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
 * The relevance evaluation: every set of {@code eval.tar.xz} indexed together into ONE parkdoc
 * index (language detected per document, as a user's run would), every query searched with
 * parkdoc's own query handling, nDCG@10 and MRR@10 printed per set and checked against the best
 * plain-BM25 figure the corpora README lists for that set.
 *
 * <p>A hit counts for the set its file lives in; for xquad, a translation of the judged paragraph
 * (same file name in another language folder) counts as that paragraph, as the README says.
 */
class RelevanceEvalTest {
  /** The best plain-BM25 nDCG@10 the corpora README lists for each set. */
  private static final Map<String, Double> FLOOR = Map.ofEntries(
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

  @Test
  void everySetRanksAtLeastAsWellAsPlainBm25InOneIndex() throws IOException {
    Path eval = SharedCorpora.unpack("eval").resolve("eval");
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    long t0 = System.nanoTime();
    IndexSummary summary;
    try (Indexer indexer = Indexer.open(layout, IndexOptions.defaults(), new LanguageDetector())) {
      List<Path> folders;
      try (Stream<Path> s = Files.list(eval)) {
        folders = s.filter(Files::isDirectory).sorted().toList();
      }
      summary = indexer.index(folders);
    }
    System.out.printf(Locale.ROOT, "eval index: %d documents %s in %.1f s%n",
        summary.added(), summary.languages(), (System.nanoTime() - t0) / 1e9);

    List<String> failures = new ArrayList<>();
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-16s %7s %8s %8s %8s %8s%n",
        "set", "queries", "nDCG@10", "MRR@10", "R@100", "floor"));
    try (Searcher searcher = Searcher.open(layout)) {
      List<Path> queryFiles;
      try (Stream<Path> s = Files.list(eval)) {
        queryFiles = s.filter(p -> p.getFileName().toString().endsWith(".queries.tsv")).sorted().toList();
      }
      for (Path qf : queryFiles) {
        String name = qf.getFileName().toString().replace(".queries.tsv", "");
        String set = name.substring(0, name.indexOf('.'));
        Map<String, Map<String, Integer>> qrels = readQrels(eval.resolve(name + ".qrels"));
        Scores s = evaluate(searcher, eval.resolve(set), qf, qrels);
        Double floor = FLOOR.get(name);
        table.append(String.format(Locale.ROOT, "%-16s %7d %8.3f %8.3f %8.3f %8s%n", name, s.queries,
            s.ndcg, s.mrr, s.recall100, floor == null ? "-" : String.format(Locale.ROOT, "%.3f", floor)));
        if (floor != null && s.ndcg + 1e-9 < floor) {
          failures.add(String.format(Locale.ROOT, "%s nDCG@10 %.3f < %.3f", name, s.ndcg, floor));
        }
      }
    }
    System.out.print(table);
    assertTrue(failures.isEmpty(), "below plain BM25: " + failures + "\n" + table);
  }

  private record Scores(int queries, double ndcg, double mrr, double recall100) {}

  private static Scores evaluate(Searcher searcher, Path setDir, Path queries, Map<String, Map<String, Integer>> qrels)
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
      List<Hit> hits = searcher.search(new SearchRequest(line.substring(tab + 1), Set.of(), 100, 0, 0, true)).hits();
      List<String> ranked = new ArrayList<>(new LinkedHashSet<>(hits.stream()
          .map(h -> h.path().startsWith(setPrefix) ? docId(h.path()) : "other:" + h.path()).toList()));
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
    List<Integer> ideal = judged.values().stream().filter(g -> g > 0).sorted((a, b) -> b - a).toList();
    double idcg = 0;
    for (int i = 0; i < Math.min(10, ideal.size()); i++) {
      idcg += ideal.get(i) / (Math.log(i + 2) / Math.log(2));
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  private static Map<String, Map<String, Integer>> readQrels(Path file) throws IOException {
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
