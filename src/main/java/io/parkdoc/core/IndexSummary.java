package io.parkdoc.core;

import java.util.List;
import java.util.Map;

/**
 * What one run of {@link Indexer#index} did.
 *
 * @param added files indexed for the first time
 * @param updated files re-indexed because their content changed
 * @param unchanged files already indexed with the same content
 * @param removed documents dropped because their file is gone (or no longer indexable)
 * @param languages documents added or updated per recorded language
 * @param skipped files not indexed, each with its reason
 * @param repaired indexed files that held invalid byte sequences, replaced by U+FFFD
 * @param bytes bytes of text read from the added and updated files
 * @param nanos wall time of the run
 * @param interrupted true when the run was stopped before it finished (what it did is committed;
 *     nothing was removed, since the folders were not all seen)
 * @param truncated indexed documents whose text was cut at the per-file character limit
 */
public record IndexSummary(
    int added,
    int updated,
    int unchanged,
    int removed,
    Map<String, Integer> languages,
    List<Skipped> skipped,
    List<Repaired> repaired,
    long bytes,
    long nanos,
    boolean interrupted,
    List<String> truncated) {

  /**
   * A file that was not indexed, and why.
   *
   * @param error true when a failure (permission, I/O) kept it out, false when it is simply not an
   *     indexable document (binary, empty, too large, a dangling link)
   */
  public record Skipped(String path, String reason, boolean error) {}

  /** A summary without documents cut at the character limit. */
  public IndexSummary(
      int added,
      int updated,
      int unchanged,
      int removed,
      Map<String, Integer> languages,
      List<Skipped> skipped,
      List<Repaired> repaired,
      long bytes,
      long nanos,
      boolean interrupted) {
    this(
        added,
        updated,
        unchanged,
        removed,
        languages,
        skipped,
        repaired,
        bytes,
        nanos,
        interrupted,
        List.of());
  }

  /** An indexed file with {@code sequences} invalid byte sequences, each replaced by U+FFFD. */
  public record Repaired(String path, int sequences) {}

  /** True when any file was kept out by an error rather than by what it is. */
  public boolean hadErrors() {
    return skipped.stream().anyMatch(Skipped::error);
  }

  /** Megabytes per second of text read, over the whole run. */
  public double megabytesPerSecond() {
    return nanos == 0 ? 0 : bytes / 1e6 / (nanos / 1e9);
  }
}
