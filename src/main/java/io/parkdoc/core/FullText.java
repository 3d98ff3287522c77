package io.parkdoc.core;

import java.util.List;

/**
 * A whole document with the places a search matched in it, kept as data until a front end renders
 * it.
 *
 * @param path the absolute path of the document
 * @param lang its recorded language
 * @param title its title
 * @param text its whole text, as indexed
 * @param highlights matched spans as UTF-16 offsets into {@code text}, ascending, not overlapping
 * @param marks where each page, slide or sheet begins in {@code text}; empty for flowing text
 */
public record FullText(
    String path,
    String lang,
    String title,
    String text,
    List<Snippet.Span> highlights,
    List<Mark> marks) {
  public FullText {
    marks = List.copyOf(marks);
  }

  /** A document without pages, slides or sheets. */
  public FullText(
      String path, String lang, String title, String text, List<Snippet.Span> highlights) {
    this(path, lang, title, text, highlights, List.of());
  }
}
