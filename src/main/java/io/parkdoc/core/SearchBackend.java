package io.parkdoc.core;

import java.util.List;

/**
 * What every front end (the command line, the shell, the search server) searches through: the local
 * per-language Lucene indices, or a search server's collection. Implementations are thread-safe;
 * open once and reuse.
 */
public interface SearchBackend extends AutoCloseable {
  /** The index languages present. */
  List<String> languages();

  /** How many documents the index holds. */
  long documents();

  /**
   * Runs {@code request}.
   *
   * @throws ParkdocException when the query is malformed (and not lenient) or the index cannot be
   *     read
   */
  SearchResults search(SearchRequest request);

  /**
   * The whole text of the document at {@code path}, a hit of {@code request}, with every place the
   * request matches marked, as in its snippets (the shell's {@code :open}).
   *
   * @param relaxed whether the hit came from the relaxed second try ({@link
   *     SearchResults#relaxed()})
   */
  FullText fullText(SearchRequest request, boolean relaxed, String path);

  /**
   * Why the document at {@code path}, a hit of {@code request}, matched (the shell's {@code
   * :explain}).
   *
   * @param relaxed whether the hit came from the relaxed second try
   */
  MatchExplanation explain(SearchRequest request, boolean relaxed, String path);

  /** What the index holds. */
  IndexStatus status();

  /**
   * False when the index changed since this backend opened it. Cheap enough to ask before every
   * query.
   */
  boolean isCurrent();

  /**
   * Loads, ahead of the first query, what queries in every language will need (for long-lived front
   * ends).
   */
  default void warm() {}

  /** Starts loading, on other threads, what {@code query} will need, and returns at once. */
  default void prepare(String query) {}

  @Override
  void close();
}
