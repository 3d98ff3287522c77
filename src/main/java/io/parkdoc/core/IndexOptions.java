package io.parkdoc.core;

/**
 * How {@link Indexer} treats the files it is given.
 *
 * @param forcedLang a language code to record for every file instead of detecting it, or null
 * @param forcedEncoding a charset to decode every file with instead of detecting it, or null
 * @param maxBytes files larger than this are skipped
 * @param threads worker threads reading, detecting and analysing files
 * @param rebuild start the index afresh, dropping every document
 */
public record IndexOptions(
    String forcedLang, String forcedEncoding, long maxBytes, int threads, boolean rebuild) {
  /** 64 MiB: larger plain-text files are almost always logs or dumps, not documents. */
  public static final long DEFAULT_MAX_BYTES = 64L << 20;

  public static IndexOptions defaults() {
    return new IndexOptions(null, null, DEFAULT_MAX_BYTES, Runtime.getRuntime().availableProcessors(), false);
  }
}
