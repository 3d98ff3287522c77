package io.parkdoc.core;

import io.parkdoc.core.query.translate.QueryTranslation;
import java.util.List;
import java.util.Map;

/**
 * The hits of one search.
 *
 * @param total how many documents matched
 * @param totalIsExact false when {@code total} is a lower bound
 * @param hits the requested page of hits
 * @param languages the index languages that were searched
 * @param relaxed true when no document held every word of a short query, and the hits are those
 *     holding most of them
 * @param stopWords when nothing was found: the query's words that some searched languages drop as
 *     stop words, with those languages, in query order (German {@code würde} cannot be searched for
 *     in German text); empty otherwise
 * @param translation what the query became in the other languages searched (shown once above the
 *     hits); null when the request asked for none or nothing was translated
 */
public record SearchResults(
    long total,
    boolean totalIsExact,
    List<Hit> hits,
    List<String> languages,
    boolean relaxed,
    Map<String, List<String>> stopWords,
    QueryTranslation translation) {
  /** Results of a search that translated nothing. */
  public SearchResults(
      long total,
      boolean totalIsExact,
      List<Hit> hits,
      List<String> languages,
      boolean relaxed,
      Map<String, List<String>> stopWords) {
    this(total, totalIsExact, hits, languages, relaxed, stopWords, null);
  }
}
