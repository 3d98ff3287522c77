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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The relevance sets on a SolrCloud collection beside the local index, for issue 16's parity
 * figures: {@code SolrRelevanceBench SOLR_LOCATION EVAL_DIR SET...} indexes each set's passages
 * into a local index and into a fresh 2-shard collection, runs its queries on both and prints
 * nDCG@10 and recall@100 of each, and the mean top-10 overlap.
 */
public final class SolrRelevanceBench {
  private SolrRelevanceBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: SolrRelevanceBench solr://HOST:PORT EVAL_DIR SET...");
      System.exit(2);
    }
    Path eval = Path.of(args[1]);
    Path work = Files.createTempDirectory("parkdoc-relevance-");
    for (int a = 2; a < args.length; a++) {
      String set = args[a];
      String where = args[0].replaceAll("/+$", "") + "/rel_" + set.replace('-', '_');
      SolrAdmin admin = new SolrAdmin(new SolrHttp(SolrLocation.parse(where, null)));
      admin.delete();
      admin.init(2, 1);
      IndexLocation local = IndexLocation.of(work.resolve(set));
      IndexLocation solr = IndexLocation.parse(where, work);
      for (IndexLocation at : List.of(local, solr)) {
        long t0 = System.nanoTime();
        try (Indexer indexer =
            Backends.indexer(at, IndexOptions.defaults().withThreads(1), new LanguageDetector())) {
          indexer.index(List.of(eval.resolve(set)));
        }
        System.out.printf(
            Locale.ROOT, "indexed %s into %s in %.1f s%n", set, at, (System.nanoTime() - t0) / 1e9);
      }
      try (SearchBackend l = Backends.search(local);
          SearchBackend s = Backends.search(solr)) {
        for (Path qf : queryFiles(eval, set)) {
          String name = qf.getFileName().toString().replace(".queries.tsv", "");
          var qrels = RelevanceEvalTest.readQrels(eval.resolve(name + ".qrels"));
          var a1 = RelevanceEvalTest.evaluate(l, eval.resolve(set), qf, qrels);
          var b1 = RelevanceEvalTest.evaluate(s, eval.resolve(set), qf, qrels);
          double overlap = overlap(l, s, qf);
          System.out.printf(
              Locale.ROOT,
              "%-14s queries %5d  local nDCG@10 %.4f R@100 %.3f  solr nDCG@10 %.4f R@100 %.3f  top-10 overlap %.3f%n",
              name,
              a1.queries(),
              a1.ndcg(),
              a1.recall100(),
              b1.ndcg(),
              b1.recall100(),
              overlap);
        }
      }
    }
  }

  /** The mean share of the local top 10 that the Solr top 10 holds too. */
  private static double overlap(SearchBackend l, SearchBackend s, Path queries) throws IOException {
    double sum = 0;
    int n = 0;
    for (String line : Files.readAllLines(queries, StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      if (tab < 0) {
        continue;
      }
      SearchRequest r = new SearchRequest(line.substring(tab + 1), Set.of(), 10, 0, 0, true);
      List<String> a = l.search(r).hits().stream().map(Hit::path).toList();
      Set<String> b = new HashSet<>(s.search(r).hits().stream().map(Hit::path).toList());
      if (a.isEmpty()) {
        continue;
      }
      sum += a.stream().filter(b::contains).count() / (double) a.size();
      n++;
    }
    return n == 0 ? 1 : sum / n;
  }

  /** The query files of a set. */
  private static List<Path> queryFiles(Path eval, String set) throws IOException {
    try (var s = Files.list(eval)) {
      return s.filter(p -> p.getFileName().toString().startsWith(set + "."))
          .filter(p -> p.getFileName().toString().endsWith(".queries.tsv"))
          .sorted()
          .toList();
    }
  }
}
