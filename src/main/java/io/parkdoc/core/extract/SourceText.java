package io.parkdoc.core.extract;

import io.parkdoc.core.Mark;
import java.util.List;

/**
 * The text of one file as parkdoc indexes it.
 *
 * @param text the decoded text, markup removed
 * @param title the document's title: an HTML {@code <title>} or its first non-empty line
 * @param encoding the character encoding the bytes were decoded from
 * @param malformed how many invalid byte sequences were replaced by U+FFFD
 * @param marks where each page, slide or sheet of a document format begins; empty for text files
 * @param truncated true when a document's text was cut at the per-file character limit
 */
public record SourceText(
    String text,
    String title,
    String encoding,
    int malformed,
    List<Mark> marks,
    boolean truncated) {
  public SourceText {
    marks = List.copyOf(marks);
  }

  /** The text of a text file: no pages. */
  public SourceText(String text, String title, String encoding, int malformed) {
    this(text, title, encoding, malformed, List.of(), false);
  }
}
