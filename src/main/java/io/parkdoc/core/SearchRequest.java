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
 * @param translate also search the query's translations into the other languages of the index
 *     (docs/translation.md); the command line and the shell turn it on unless told {@code off}
 */
public record SearchRequest(
    String query,
    Set<String> languages,
    int limit,
    int offset,
    int passages,
    boolean lenient,
    boolean translate) {
  /** A request that searches only what was typed (no translation). */
  public SearchRequest(
      String query, Set<String> languages, int limit, int offset, int passages, boolean lenient) {
    this(query, languages, limit, offset, passages, lenient, false);
  }

  public static SearchRequest of(String query) {
    return new SearchRequest(query, Set.of(), 10, 0, 2, false);
  }

  /** This request with translation on or off. */
  public SearchRequest withTranslate(boolean on) {
    return new SearchRequest(query, languages, limit, offset, passages, lenient, on);
  }
}
