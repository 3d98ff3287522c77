package io.parkdoc.backend.lucene;

import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.query.QueryPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A warm search's time with translation on and off, as the search server runs it: {@code
 * TranslationLatency INDEX [REPS] QUERY...} runs each query's searches in turn (on, off, and the
 * translation alone: the look-ups and the index's document counts of its candidates), with 2
 * passages a hit as {@code parkdoc search} shows and with none (matching and ranking only), and
 * prints the medians in milliseconds and the ratios on/off ({@code bench/translation latency}).
 */
public final class TranslationLatency {
  private TranslationLatency() {}

  public static void main(String[] args) {
    int reps = Integer.parseInt(args[1]);
    List<String> queries = Arrays.asList(args).subList(2, args.length);
    try (LuceneSearcher s = LuceneSearcher.open(new IndexLayout(Path.of(args[0])))) {
      System.out.println(
          "| query | hits on / off | translation ms | search on | off | ratio | no passages on | off | ratio |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
      List<Double> ratios = new ArrayList<>();
      for (String q : queries) {
        double[][] t = new double[5][reps];
        int hitsOn = 0;
        int hitsOff = 0;
        for (int r = -5; r < reps; r++) {
          double[] one = new double[5];
          for (int k = 0; k < 5; k++) {
            int m = (r & 1) == 0 ? k : 4 - k; // alternate the order
            long a = System.nanoTime();
            switch (m) {
              case 0 -> hitsOn = s.search(request(q, 2, true)).hits().size();
              case 1 -> hitsOff = s.search(request(q, 2, false)).hits().size();
              case 2 -> s.search(request(q, 0, true));
              case 3 -> s.search(request(q, 0, false));
              default -> s.translate(QueryPlan.of(request(q, 0, true)));
            }
            one[m] = (System.nanoTime() - a) / 1e6;
          }
          if (r >= 0) {
            for (int k = 0; k < 5; k++) {
              t[k][r] = one[k];
            }
          }
        }
        double[] med = new double[5];
        for (int k = 0; k < 5; k++) {
          Arrays.sort(t[k]);
          med[k] = t[k][reps / 2];
        }
        ratios.add(med[0] / med[1]);
        System.out.printf(
            Locale.ROOT,
            "| %s | %d / %d | %.2f | %.1f | %.1f | %.2f | %.1f | %.1f | %.2f |%n",
            q,
            hitsOn,
            hitsOff,
            med[4],
            med[0],
            med[1],
            med[0] / med[1],
            med[2],
            med[3],
            med[2] / med[3]);
      }
      ratios.sort(null);
      System.out.printf(
          Locale.ROOT, "median ratio on/off with passages: %.2f%n", ratios.get(ratios.size() / 2));
    }
  }

  private static SearchRequest request(String q, int passages, boolean translate) {
    return new SearchRequest(q, Set.of(), 10, 0, passages, false, translate);
  }
}
