package io.parkdoc.core;

import java.util.List;

/**
 * A passage of a document with the places the query matched, kept as data until a front end renders
 * it (colour on a terminal, offsets in JSON).
 *
 * @param text the passage, with control characters and runs of white space made single spaces
 * @param highlights matched spans as UTF-16 offsets into {@code text}, ascending, not overlapping
 */
public record Snippet(String text, List<Span> highlights) {
  /** A matched span: {@code text.substring(start, end)}. */
  public record Span(int start, int end) {}
}
