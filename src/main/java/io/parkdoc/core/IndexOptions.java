package io.parkdoc.core;

import java.time.Duration;
import java.util.List;

/**
 * How {@link Indexer} treats the files it is given.
 *
 * @param forcedLang a language code to record for every file instead of detecting it, or null
 * @param forcedEncoding a charset to decode every file with instead of detecting it, or null
 * @param maxBytes files larger than this are skipped
 * @param threads worker threads reading, detecting and analysing files
 * @param rebuild start the index afresh, dropping every document
 * @param commitInterval how often a long run commits what it has indexed, so that searches see it
 *     and an interrupted run resumes from there
 * @param followLinks follow symbolic links that lead out of the indexed folder too (links inside it
 *     are always followed, once)
 * @param ocrLanguages tesseract languages to read scans (images, PDF pages without text) in; empty:
 *     scans are skipped
 */
public record IndexOptions(
    String forcedLang,
    String forcedEncoding,
    long maxBytes,
    int threads,
    boolean rebuild,
    Duration commitInterval,
    boolean followLinks,
    List<String> ocrLanguages) {
  /** 64 MiB: larger plain-text files are almost always logs or dumps, not documents. */
  public static final long DEFAULT_MAX_BYTES = 64L << 20;

  /**
   * Ten seconds: a search sees new documents soon, a crash loses little, and each commit (an fsync
   * per language index) costs well under a second.
   */
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(10);

  public IndexOptions {
    if (commitInterval == null || commitInterval.isNegative() || commitInterval.isZero()) {
      throw new IllegalArgumentException("commitInterval must be positive: " + commitInterval);
    }
    ocrLanguages = List.copyOf(ocrLanguages);
  }

  /** Options that follow no symbolic link out of the indexed folder, without OCR. */
  public IndexOptions(
      String forcedLang,
      String forcedEncoding,
      long maxBytes,
      int threads,
      boolean rebuild,
      Duration commitInterval) {
    this(forcedLang, forcedEncoding, maxBytes, threads, rebuild, commitInterval, false, List.of());
  }

  /** Options with the default commit interval. */
  public IndexOptions(
      String forcedLang, String forcedEncoding, long maxBytes, int threads, boolean rebuild) {
    this(forcedLang, forcedEncoding, maxBytes, threads, rebuild, DEFAULT_COMMIT_INTERVAL);
  }

  public static IndexOptions defaults() {
    return new IndexOptions(
        null, null, DEFAULT_MAX_BYTES, Runtime.getRuntime().availableProcessors(), false);
  }

  /** These options with {@code threads} workers. */
  public IndexOptions withThreads(int threads) {
    return new IndexOptions(
        forcedLang,
        forcedEncoding,
        maxBytes,
        threads,
        rebuild,
        commitInterval,
        followLinks,
        ocrLanguages);
  }

  /** These options with {@code interval} between commits. */
  public IndexOptions withCommitInterval(Duration interval) {
    return new IndexOptions(
        forcedLang,
        forcedEncoding,
        maxBytes,
        threads,
        rebuild,
        interval,
        followLinks,
        ocrLanguages);
  }

  /** These options, following symbolic links out of the indexed folder or not. */
  public IndexOptions withFollowLinks(boolean follow) {
    return new IndexOptions(
        forcedLang,
        forcedEncoding,
        maxBytes,
        threads,
        rebuild,
        commitInterval,
        follow,
        ocrLanguages);
  }

  /**
   * These options reading scans in {@code languages} (tesseract's names: kor, jpn, chi_sim, eng).
   */
  public IndexOptions withOcr(List<String> languages) {
    return new IndexOptions(
        forcedLang,
        forcedEncoding,
        maxBytes,
        threads,
        rebuild,
        commitInterval,
        followLinks,
        languages);
  }
}
