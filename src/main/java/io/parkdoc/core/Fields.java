package io.parkdoc.core;

/** Names of the fields in every language index; one text field per language keeps BM25 statistics apart. */
final class Fields {
  static final String PATH = "path";
  static final String LANG = "lang";
  static final String INDEX_LANG = "ilang";
  static final String TITLE = "title";
  static final String SIZE = "size";
  static final String MTIME = "mtime";
  static final String HASH = "hash";
  static final String ENCODING = "encoding";
  private static final String TEXT_PREFIX = "text_";

  private Fields() {}

  /** The analyzed text field of index language {@code indexLang}. */
  static String text(String indexLang) {
    return TEXT_PREFIX + indexLang;
  }

  /** The index language whose text field is {@code field}, or null when it is no text field. */
  static String languageOf(String field) {
    return field.startsWith(TEXT_PREFIX) ? field.substring(TEXT_PREFIX.length()) : null;
  }
}
