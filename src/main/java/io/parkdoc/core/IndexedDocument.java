package io.parkdoc.core;

import java.util.List;

/**
 * A file made ready to store: its text in one part per language, its main language, and what change
 * detection needs next time.
 *
 * <p>A file whose paragraphs are in several languages (a Korean manual with untranslated English
 * paragraphs) has one part per index language, each read by that language's analyzer. Every part's
 * text is as long as the file's: the characters of the other parts' paragraphs are replaced by
 * spaces (line breaks kept), so that an offset means the same place in every part and in the file,
 * and laying the parts over each other gives the file's text back.
 *
 * @param path the file's key ({@code FileKeys})
 * @param lang the main language, the one a reader sees most of, as recorded (zh-Hans, ko, ...)
 * @param title the document's title
 * @param size the file's size in bytes
 * @param mtime its modification time in milliseconds, or -1 when not to be trusted
 * @param hash the SHA-256 of its bytes, hex
 * @param encoding the character encoding it was decoded from
 * @param parts one per index language, the main language's first
 * @param marks where each page, slide or sheet of a document format begins (an offset into the
 *     file's text, so into every part's); empty for flowing text
 */
public record IndexedDocument(
    String path,
    String lang,
    String title,
    long size,
    long mtime,
    String hash,
    String encoding,
    List<Part> parts,
    List<Mark> marks) {

  public IndexedDocument {
    marks = List.copyOf(marks);
  }

  /** A file without pages, slides or sheets. */
  public IndexedDocument(
      String path,
      String lang,
      String title,
      long size,
      long mtime,
      String hash,
      String encoding,
      List<Part> parts) {
    this(path, lang, title, size, mtime, hash, encoding, parts, List.of());
  }

  /**
   * The text of one language of a file.
   *
   * @param lang the recorded language of this part (zh-Hans and zh-Hant are both in the zh index:
   *     the one with more text)
   * @param indexLang the index language whose analyzer reads it
   * @param text the file's text with the other parts' characters blanked
   */
  public record Part(String lang, String indexLang, String text) {}

  /** The index languages of the parts, the main language's first. */
  public List<String> indexLanguages() {
    return parts.stream().map(Part::indexLang).toList();
  }

  /** The recorded languages of the parts, the main language's first. */
  public List<String> languages() {
    return parts.stream().map(Part::lang).toList();
  }

  /** What the store remembers of this document once stored. */
  public StoredDocument stored() {
    return new StoredDocument(path, indexLanguages(), size, mtime, hash, true);
  }
}
