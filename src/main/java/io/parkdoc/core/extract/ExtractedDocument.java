package io.parkdoc.core.extract;

import io.parkdoc.core.Mark;
import java.util.List;

/**
 * The text of a document (PDF, Word, OpenDocument, EPUB, slides, sheets, a scan) as an extraction
 * worker returns it.
 *
 * @param text the text, one paragraph (or table row) a line
 * @param title the document's title from its metadata, else its first heading; null when it has
 *     neither
 * @param mediaType the format the worker found, e.g. {@code application/pdf}
 * @param marks where each page, slide or sheet begins, in order of offset; empty for flowing text
 * @param truncated true when the text stopped at the per-file character limit
 */
public record ExtractedDocument(
    String text, String title, String mediaType, List<Mark> marks, boolean truncated) {

  public ExtractedDocument {
    marks = List.copyOf(marks);
  }

  /** The page, slide or sheet that {@code offset} lies in, or null. */
  public Mark markAt(int offset) {
    return Mark.at(marks, offset);
  }
}
