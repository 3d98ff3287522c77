package io.parkdoc.eval;

import io.parkdoc.backend.Backends;
import io.parkdoc.backend.solr.SolrAdmin;
import io.parkdoc.backend.solr.SolrHttp;
import io.parkdoc.backend.solr.SolrLocation;
import io.parkdoc.core.Hit;
import io.parkdoc.core.IndexLocation;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.SearchBackend;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.detect.LanguageDetector;
import io.parkdoc.core.index.Indexer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The relevance sets on a SolrCloud collection beside the local index, for issue 16's parity
 * figures: {@code SolrRelevanceBench SOLR_LOCATION EVAL_DIR SET...} indexes each set's passages
 * into a local index and into a fresh 2-shard collection, runs its queries on both and prints
 * nDCG@10 and recall@100 of each, and the mean top-10 overlap. The set name {@code all} puts every
 * set of EVAL_DIR into ONE local index and ONE 2-shard collection (as {@code
 * RelevanceEvalTest.allSetsInOneIndexRankAtLeastAsWellAsPlainBm25} does locally) and measures each
 * query file there.
 *
 * <p>{@code -Dparkdoc.bench.only=xquad.en,xquad.ru} measures only those query files (all sets are
 * still indexed). With {@code -Dparkdoc.bench.diff=FILE}, every query whose two top 10s differ is
 * written to FILE with both lists (path and score), and each such query is classed: a <em>tie</em>
 * when every hit in one list but not the other scores exactly what the tenth hit of its list scores
 * (equal scores at the cut-off, ordered by which shard holds them), else a <em>score</em>
 * difference.
 */
public final class SolrRelevanceBench {
  private SolrRelevanceBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: SolrRelevanceBench solr://HOST:PORT EVAL_DIR SET...|all");
      System.exit(2);
    }
    Path eval = Path.of(args[1]);
    Path work = Files.createTempDirectory("parkdoc-relevance-");
    String diff = System.getProperty("parkdoc.bench.diff");
    Set<String> only =
        Set.of(System.getProperty("parkdoc.bench.only", "").split(",")).stream()
            .filter(x -> !x.isBlank())
            .collect(java.util.stream.Collectors.toSet());
    try (PrintWriter diffs =
        diff == null
            ? null
            : new PrintWriter(Files.newBufferedWriter(Path.of(diff), StandardCharsets.UTF_8))) {
      for (int a = 2; a < args.length; a++) {
        String set = args[a];
        List<Path> folders = set.equals("all") ? setFolders(eval) : List.of(eval.resolve(set));
        String where = args[0].replaceAll("/+$", "") + "/rel_" + set.replace('-', '_');
        SolrAdmin admin = new SolrAdmin(new SolrHttp(SolrLocation.parse(where, null)));
        admin.delete();
        admin.init(2, 1);
        IndexLocation local = IndexLocation.of(work.resolve(set));
        IndexLocation solr = IndexLocation.parse(where, work);
        for (IndexLocation at : List.of(local, solr)) {
          long t0 = System.nanoTime();
          // One worker, as RelevanceEvalTest: the same document ids on every run.
          try (Indexer indexer =
              Backends.indexer(
                  at, IndexOptions.defaults().withThreads(1), new LanguageDetector())) {
            indexer.index(folders);
          }
          System.out.printf(
              Locale.ROOT,
              "indexed %s into %s in %.1f s%n",
              set,
              at,
              (System.nanoTime() - t0) / 1e9);
        }
        try (SearchBackend l = Backends.search(local);
            SearchBackend s = Backends.search(solr)) {
          for (Path qf : queryFiles(eval, set.equals("all") ? "" : set + ".")) {
            String name = qf.getFileName().toString().replace(".queries.tsv", "");
            if (!only.isEmpty() && !only.contains(name)) {
              continue;
            }
            String setName = name.substring(0, name.indexOf('.'));
            var qrels = RelevanceEvalTest.readQrels(eval.resolve(name + ".qrels"));
            Compared c = compare(l, s, eval.resolve(setName), qf, qrels, name, diffs);
            System.out.printf(
                Locale.ROOT,
                "%-14s queries %5d  local nDCG@10 %.4f R@100 %.3f  solr nDCG@10 %.4f R@100 %.3f"
                    + "  top-10 overlap %.4f  differing %d (ties %d, scores %d)"
                    + "  nDCG@10 differing %d (same scores, ties ordered otherwise: %d)%n",
                name,
                c.queries,
                c.ndcgLocal / c.queries,
                c.recallLocal / c.queries,
                c.ndcgSolr / c.queries,
                c.recallSolr / c.queries,
                c.overlapQueries == 0 ? 1 : c.overlap / c.overlapQueries,
                c.differing,
                c.ties,
                c.differing - c.ties,
                c.ndcgDiffering,
                c.ndcgTies);
          }
        }
      }
    }
  }

  /** Sums over one query file, one search per query on each backend. */
  private static final class Compared {
    int queries;
    double ndcgLocal;
    double ndcgSolr;
    double recallLocal;
    double recallSolr;
    double overlap;
    int overlapQueries;
    int differing;
    int ties;
    int ndcgDiffering;
    int ndcgTies;
  }

  /** Whether the two top 10s hold the same scores in the same order (ties ordered otherwise). */
  private static boolean sameScores(List<Hit> a, List<Hit> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!near(a.get(i).score(), b.get(i).score())) {
        return false;
      }
    }
    return true;
  }

  private static Compared compare(
      SearchBackend l,
      SearchBackend s,
      Path setDir,
      Path queries,
      Map<String, Map<String, Integer>> qrels,
      String name,
      PrintWriter diffs)
      throws IOException {
    Compared c = new Compared();
    String setPrefix = setDir.toAbsolutePath().normalize() + "/";
    for (String line : Files.readAllLines(queries, StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      if (tab < 0) {
        continue;
      }
      String qid = line.substring(0, tab);
      String query = line.substring(tab + 1);
      SearchRequest r = new SearchRequest(query, Set.of(), 100, 0, 0, true);
      List<Hit> a = l.search(r).hits();
      List<Hit> b = s.search(r).hits();
      List<Hit> a10 = a.subList(0, Math.min(10, a.size()));
      List<Hit> b10 = b.subList(0, Math.min(10, b.size()));
      if (!a10.isEmpty()) {
        Set<String> inB = new HashSet<>(b10.stream().map(Hit::path).toList());
        long shared = a10.stream().filter(h -> inB.contains(h.path())).count();
        c.overlap += shared / (double) a10.size();
        c.overlapQueries++;
        if (shared < a10.size() || a10.size() != b10.size()) {
          c.differing++;
          boolean tie = tiesOnly(a10, b10) && tiesOnly(b10, a10);
          if (tie) {
            c.ties++;
          }
          if (diffs != null) {
            diffs.printf(Locale.ROOT, "%s %s %s\t%s%n", name, qid, tie ? "tie" : "score", query);
            for (int i = 0; i < Math.max(a10.size(), b10.size()); i++) {
              diffs.printf(
                  Locale.ROOT,
                  "  %2d  %-44s  %-44s%n",
                  i + 1,
                  i < a10.size() ? describe(a10.get(i), setPrefix) : "",
                  i < b10.size() ? describe(b10.get(i), setPrefix) : "");
            }
          }
        }
      }
      Map<String, Integer> judged = qrels.get(qid);
      if (judged == null || judged.isEmpty()) {
        continue;
      }
      c.queries++;
      double na = RelevanceEvalTest.ndcgAt10(ranked(a, setPrefix), judged);
      double nb = RelevanceEvalTest.ndcgAt10(ranked(b, setPrefix), judged);
      c.ndcgLocal += na;
      c.ndcgSolr += nb;
      if (Math.abs(na - nb) > 1e-9) {
        c.ndcgDiffering++;
        if (sameScores(a10, b10)) {
          c.ndcgTies++;
        }
      }
      c.recallLocal += recall(ranked(a, setPrefix), judged);
      c.recallSolr += recall(ranked(b, setPrefix), judged);
    }
    return c;
  }

  /**
   * Whether every hit of {@code list} that {@code other} lacks scores what the last hit of {@code
   * list} scores (to float precision), so that only the order of equal scores put it in or out.
   */
  private static boolean tiesOnly(List<Hit> list, List<Hit> other) {
    Set<String> paths = new HashSet<>(other.stream().map(Hit::path).toList());
    float last = list.get(list.size() - 1).score();
    float otherLast = other.isEmpty() ? Float.NaN : other.get(other.size() - 1).score();
    for (Hit h : list) {
      if (!paths.contains(h.path()) && !(near(h.score(), last) && near(h.score(), otherLast))) {
        return false;
      }
    }
    return true;
  }

  private static boolean near(float x, float y) {
    return Math.abs(x - y) <= 1e-5f * Math.max(1f, Math.abs(x));
  }

  private static String describe(Hit h, String setPrefix) {
    String p = h.path().startsWith(setPrefix) ? h.path().substring(setPrefix.length()) : h.path();
    return String.format(Locale.ROOT, "%-34s %9.6f", p, h.score());
  }

  /** The judged ids of the hits, in order; a hit outside the set counts as unjudged. */
  private static List<String> ranked(List<Hit> hits, String setPrefix) {
    return new ArrayList<>(
        new LinkedHashSet<>(
            hits.stream()
                .map(h -> h.path().startsWith(setPrefix) ? docId(h.path()) : "other:" + h.path())
                .toList()));
  }

  private static double recall(List<String> ranked, Map<String, Integer> judged) {
    long relevant = judged.values().stream().filter(g -> g > 0).count();
    long found = ranked.stream().limit(100).filter(d -> judged.getOrDefault(d, 0) > 0).count();
    return relevant == 0 ? 0 : (double) found / relevant;
  }

  private static String docId(String path) {
    String file = Path.of(path).getFileName().toString();
    return file.endsWith(".txt") ? file.substring(0, file.length() - 4) : file;
  }

  private static List<Path> setFolders(Path eval) throws IOException {
    try (Stream<Path> s = Files.list(eval)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  /** The query files whose names start with {@code prefix}. */
  private static List<Path> queryFiles(Path eval, String prefix) throws IOException {
    try (var s = Files.list(eval)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> p.getFileName().toString().endsWith(".queries.tsv"))
          .sorted()
          .toList();
    }
  }
}
