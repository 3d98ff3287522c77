package io.parkdoc.core;

import java.util.List;

/**
 * Why a document matched a search: the query clauses it matched, field by field, and the parts of
 * its score.
 *
 * @param path the absolute path of the document
 * @param lang its recorded language
 * @param matched false when the document does not match the query (the index changed since)
 * @param matches what matched, per field and clause, in the order Lucene reports them
 * @param score the score and the parts it is computed from (Lucene's explanation tree)
 */
public record MatchExplanation(
    String path, String lang, boolean matched, List<FieldMatch> matches, ScorePart score) {
  /** The most distinct matched texts kept per clause. */
  public static final int MAX_TEXTS = 5;

  /**
   * One query clause that matched.
   *
   * @param field the index field: {@code text_<lang>} for the language analyzer's words, {@code
   *     bigram_<lang>} for CJK character pairs
   * @param clause the clause as Lucene writes it: a term, or a "phrase" of terms
   * @param count how many times it matched in the document
   * @param texts the document's text where it matched (a few distinct ones)
   */
  public record FieldMatch(String field, String clause, int count, List<String> texts) {}

  /**
   * A score and how it was computed.
   *
   * @param value the value
   * @param description what it is, in Lucene's words (weight(...), idf, tf, freq, ...)
   * @param details the values it is computed from
   */
  public record ScorePart(float value, String description, List<ScorePart> details) {}
}
