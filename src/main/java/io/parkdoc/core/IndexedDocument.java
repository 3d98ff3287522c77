package io.parkdoc.core;

/**
 * A file made ready to store: its text, language and what change detection needs next time.
 *
 * @param path the file's key ({@code FileKeys})
 * @param lang the detected (or forced) language, as recorded (zh-Hans, zh-Hant, ko, ...)
 * @param indexLang the index language whose analyzer reads the text
 * @param title the document's title
 * @param size the file's size in bytes
 * @param mtime its modification time in milliseconds, or -1 when not to be trusted
 * @param hash the SHA-256 of its bytes, hex
 * @param encoding the character encoding it was decoded from
 * @param text the text to index
 */
public record IndexedDocument(
    String path,
    String lang,
    String indexLang,
    String title,
    long size,
    long mtime,
    String hash,
    String encoding,
    String text) {
  /** What the store remembers of this document once stored. */
  public StoredDocument stored() {
    return new StoredDocument(path, indexLang, size, mtime, hash, 1);
  }
}
