package io.parkdoc.core.query.translate;

/**
 * How many documents of one language's index hold a text, as the search backend counts it: the
 * filter that keeps only the translations a search could find.
 *
 * <p>{@code text} is a candidate translation as the lexicon writes it (a word, or a few words); the
 * backend analyzes it with {@code lang}'s analyzer and answers for the resulting terms (for several
 * terms, the smallest count). Implementations must be thread-safe.
 */
@FunctionalInterface
public interface DocFrequencies {
  /** Every candidate counts as present: no filtering (tests, or no index at hand). */
  DocFrequencies ANY = (lang, text) -> 1;

  /**
   * The number of documents in {@code lang}'s index ({@code en}, {@code ko}, {@code ja}, {@code
   * zh}) holding {@code text}.
   */
  long docFreq(String lang, String text);
}
