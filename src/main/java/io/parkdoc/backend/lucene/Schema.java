package io.parkdoc.backend.lucene;

import io.parkdoc.core.IndexedDocument;
import io.parkdoc.core.Mark;
import io.parkdoc.core.analysis.Fields;
import io.parkdoc.core.analysis.Languages;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;

/**
 * The one place where a parkdoc document becomes a Lucene document: which field holds what, and how
 * each is indexed and stored ({@link Fields} names them). Stateless.
 */
final class Schema {
  /**
   * The analysed text: stored for passages, with offsets in the postings so that highlighting never
   * re-analyses.
   */
  static final FieldType TEXT =
      fieldType(true, IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);

  /**
   * The CJK bigrams beside the text of Korean, Japanese and Chinese: substrings the analyzers never
   * make. Positions without offsets: offsets were 0.16x the text on LibreOffice help and 0.44x on
   * livedoor news, while the highlighter finds a bigram match in a shown passage's document by
   * analysing it again (100 searches with passages: 1.01-1.11x the CPU; docs/indexing.md, "Index
   * size"). Without the bigrams Korean ranks worse (korquad nDCG@10 0.9657 -> 0.9597).
   */
  static final FieldType BIGRAMS = fieldType(false, IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);

  /**
   * Where the pages, slides or sheets of a document format begin ({@link Mark#encode}); absent for
   * text files.
   */
  static final String MARKS = "marks";

  private Schema() {}

  private static FieldType fieldType(boolean stored, IndexOptions options) {
    FieldType t = new FieldType();
    t.setTokenized(true);
    t.setStored(stored);
    t.setIndexOptions(options);
    t.freeze();
    return t;
  }

  /** The Lucene document of one part of {@code doc}, for the index of {@code part.indexLang()}. */
  static Document toDocument(IndexedDocument doc, IndexedDocument.Part part) {
    Document d = new Document();
    d.add(new StringField(Fields.PATH, doc.path(), Field.Store.YES));
    d.add(new StringField(Fields.LANG, part.lang(), Field.Store.YES));
    d.add(new StringField(Fields.INDEX_LANG, part.indexLang(), Field.Store.NO));
    d.add(new StoredField(Fields.MAIN_LANG, doc.lang()));
    // what a hit shows (Columns.hits): read from doc values, so that the stored fields, compressed
    // with DEFLATE, are opened only for the text of the passages shown
    d.add(new SortedDocValuesField(Fields.MAIN_LANG, new BytesRef(doc.lang())));
    d.add(new SortedDocValuesField(Fields.LANGS, new BytesRef(String.join(",", doc.languages()))));
    d.add(new BinaryDocValuesField(Fields.TITLE, new BytesRef(doc.title())));
    // columns that status and the collapse of parts read for many documents (Columns)
    d.add(new SortedDocValuesField(Fields.LANG, new BytesRef(part.lang())));
    if (part == doc.parts().get(0)) {
      d.add(new StringField(Fields.MAIN, "1", Field.Store.YES));
      // the main language, on the main part alone (a field has one doc values type in every
      // document, so not under MAIN_LANG, which every part stores)
      d.add(new SortedDocValuesField(Fields.MAIN, new BytesRef(doc.lang())));
    }
    d.add(new StoredField(Fields.LANGS, String.join(",", doc.languages())));
    d.add(new StoredField(Fields.PARTS, doc.parts().size()));
    d.add(new StoredField(Fields.TITLE, doc.title()));
    d.add(new StoredField(Fields.SIZE, doc.size()));
    d.add(new StoredField(Fields.MTIME, doc.mtime()));
    d.add(new NumericDocValuesField(Fields.MODIFIED, doc.mtime()));
    // path, size and hash again in doc values: what a re-run reads for every document, column by
    // column
    d.add(new BinaryDocValuesField(Fields.KEY, new BytesRef(doc.path())));
    d.add(new NumericDocValuesField(Fields.BYTES, doc.size()));
    d.add(new BinaryDocValuesField(Fields.SHA256, new BytesRef(doc.hash())));
    d.add(new NumericDocValuesField(Fields.PARTS, doc.parts().size()));
    d.add(new StoredField(Fields.ENCODING, doc.encoding()));
    if (!doc.marks().isEmpty()) {
      d.add(new StoredField(MARKS, Mark.encode(doc.marks())));
      d.add(new BinaryDocValuesField(MARKS, new BytesRef(Mark.encode(doc.marks()))));
    }
    d.add(new Field(Fields.text(part.indexLang()), part.text(), TEXT));
    if (Languages.isCjk(part.indexLang())) {
      d.add(new Field(Fields.bigrams(part.indexLang()), part.text(), BIGRAMS));
    }
    return d;
  }
}
