package io.parkdoc.core.analysis;

/**
 * Names of the fields in every language index; one text field per language keeps BM25 statistics
 * apart.
 */
public final class Fields {
  public static final String PATH = "path";
  public static final String LANG = "lang";
  public static final String INDEX_LANG = "ilang";

  /** The file's main language, on each of its parts (LANG is the part's own). */
  public static final String MAIN_LANG = "mainlang";

  /** "1" on the main part of a file only: one per file, for counting files rather than parts. */
  public static final String MAIN = "main";

  /** Every language of the file, main first, comma-separated, on each of its parts. */
  public static final String LANGS = "langs";

  /**
   * How many parts (languages) the file has, on each of them: a file with fewer or more is not
   * intact.
   */
  public static final String PARTS = "parts";

  public static final String TITLE = "title";
  public static final String SIZE = "size";
  public static final String MTIME = "mtime";

  /**
   * The modification time as last seen, in numeric doc values: updated in place when a file is
   * touched but not changed, where the stored {@link #MTIME} is the time it was indexed at.
   */
  public static final String MODIFIED = "modified";

  /**
   * The path, size and content hash again, in doc values: what a re-run reads for every document,
   * column by column, without decompressing the stored text beside them.
   */
  public static final String KEY = "key";

  public static final String BYTES = "bytes";
  public static final String SHA256 = "sha256";
  public static final String HASH = "hash";
  public static final String ENCODING = "encoding";
  private static final String TEXT_PREFIX = "text_";
  private static final String BIGRAM_PREFIX = "bigram_";

  private Fields() {}

  /** The analyzed text field of index language {@code indexLang}. */
  public static String text(String indexLang) {
    return TEXT_PREFIX + indexLang;
  }

  /** The CJK bigram field beside the text field of Korean, Japanese or Chinese. */
  public static String bigrams(String indexLang) {
    return BIGRAM_PREFIX + indexLang;
  }

  /** The index language whose text or bigram field is {@code field}, or null when it is neither. */
  public static String languageOf(String field) {
    if (field.startsWith(TEXT_PREFIX)) {
      return field.substring(TEXT_PREFIX.length());
    }
    return field.startsWith(BIGRAM_PREFIX) ? field.substring(BIGRAM_PREFIX.length()) : null;
  }
}
