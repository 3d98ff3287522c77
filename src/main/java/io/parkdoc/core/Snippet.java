package io.parkdoc.core;

import java.util.List;

/**
 * A passage of a document with the places the query matched, kept as data until a front end renders
 * it (colour on a terminal, offsets in JSON).
 *
 * @param text the passage, with control characters and runs of white space made single spaces
 * @param highlights matched spans as UTF-16 offsets into {@code text}, ascending, not overlapping
 * @param offset where the passage starts in the document's text, or -1 when not known
 * @param where the page, slide or sheet it lies in ("p. 12", "slide 3", "sheet Budget"), or null
 *     for a document without them
 */
public record Snippet(String text, List<Span> highlights, int offset, String where) {
  /** A passage whose place in the document is not known. */
  public Snippet(String text, List<Span> highlights) {
    this(text, highlights, -1, null);
  }

  /** This passage, said to lie in {@code where}. */
  public Snippet at(String where) {
    return new Snippet(text, highlights, offset, where);
  }

  /** A matched span: {@code text.substring(start, end)}. */
  public record Span(int start, int end) {}
}
