package io.parkdoc.core;

import java.util.Set;

/**
 * A search to run.
 *
 * @param query the query text, in parkdoc's query syntax
 * @param languages index or recorded languages to search (empty for all)
 * @param limit how many hits to return
 * @param offset how many of the best hits to skip
 * @param passages passages per hit
 * @param lenient read an invalid query as plain words instead of failing (batch mode)
 */
public record SearchRequest(
    String query, Set<String> languages, int limit, int offset, int passages, boolean lenient) {
  public static SearchRequest of(String query) {
    return new SearchRequest(query, Set.of(), 10, 0, 2, false);
  }
}
