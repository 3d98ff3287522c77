package io.parkdoc.core.detect;

/**
 * A run of text in one language: {@code [start, end)} are char offsets into the detected text.
 *
 * @param start offset of the first char of the run
 * @param end offset just past the last char of the run (exclusive)
 * @param lang the run's language, in the same codes as {@link Detection#lang()}
 */
public record Segment(int start, int end, String lang) {
  public Segment {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad segment bounds [" + start + ", " + end + ")");
    }
    if (lang == null || lang.isEmpty()) {
      throw new IllegalArgumentException("segment language must be given");
    }
  }

  /** The run's length in chars. */
  public int length() {
    return end - start;
  }
}
