package io.parkdoc.eval;

import io.parkdoc.backend.lucene.IndexLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The relevance evaluation against an index made beforehand, for ranking work: {@code
 * bench/relevance INDEX EVAL_DIR [SET_PREFIX]} prints the same table as {@link RelevanceEvalTest}
 * in seconds instead of indexing the sets again.
 */
public final class RelevanceTool {
  private RelevanceTool() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: RelevanceTool INDEX EVAL_DIR [SET_PREFIX]");
      System.exit(2);
    }
    StringBuilder table = RelevanceEvalTest.header();
    List<String> failures = new ArrayList<>();
    RelevanceEvalTest.evaluate(
        Path.of(args[1]),
        new IndexLayout(Path.of(args[0])),
        args.length > 2 ? args[2] : null,
        table,
        failures,
        0);
    System.out.print(table);
    System.out.println(failures.isEmpty() ? "all floors met" : "below floor: " + failures);
  }
}
