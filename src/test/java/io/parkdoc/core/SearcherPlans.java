package io.parkdoc.core;

import org.apache.lucene.search.Query;

/** Test access to the Lucene query a local search runs, for comparing backends with it. */
public final class SearcherPlans {
  private SearcherPlans() {}

  /** The query {@code searcher} runs for {@code request} (null when nothing can match). */
  public static Query query(Searcher searcher, SearchRequest request) {
    return searcher.plan(request).query();
  }
}
