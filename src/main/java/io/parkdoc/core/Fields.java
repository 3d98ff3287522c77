package io.parkdoc.core;

/** Names of the fields in every language index; one text field per language keeps BM25 statistics apart. */
final class Fields {
  static final String PATH = "path";
  static final String LANG = "lang";
  static final String INDEX_LANG = "ilang";
  static final String TITLE = "title";
  static final String SIZE = "size";
  static final String MTIME = "mtime";
  /**
   * The modification time as last seen, in numeric doc values: updated in place when a file is
   * touched but not changed, where the stored {@link #MTIME} is the time it was indexed at.
   */
  static final String MODIFIED = "modified";
  /**
   * The path, size and content hash again, in doc values: what a re-run reads for every document,
   * column by column, without decompressing the stored text beside them.
   */
  static final String KEY = "key";
  static final String BYTES = "bytes";
  static final String SHA256 = "sha256";
  static final String HASH = "hash";
  static final String ENCODING = "encoding";
  private static final String TEXT_PREFIX = "text_";
  private static final String BIGRAM_PREFIX = "bigram_";

  private Fields() {}

  /** The analyzed text field of index language {@code indexLang}. */
  static String text(String indexLang) {
    return TEXT_PREFIX + indexLang;
  }

  /** The CJK bigram field beside the text field of Korean, Japanese or Chinese. */
  static String bigrams(String indexLang) {
    return BIGRAM_PREFIX + indexLang;
  }

  /** The index language whose text or bigram field is {@code field}, or null when it is neither. */
  static String languageOf(String field) {
    if (field.startsWith(TEXT_PREFIX)) {
      return field.substring(TEXT_PREFIX.length());
    }
    return field.startsWith(BIGRAM_PREFIX) ? field.substring(BIGRAM_PREFIX.length()) : null;
  }
}
