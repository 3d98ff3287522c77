package io.parkdoc.backend.lucene;

import io.parkdoc.core.analysis.Fields;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.Bits;

/**
 * What a search or {@code status} reads of many documents, read from the doc values {@link Schema}
 * writes beside the stored fields: a stored document is read by decompressing the block that holds
 * it, text and all, which for thousands of documents costs more than the search itself.
 */
final class Columns {
  private Columns() {}

  /** The path of each of {@code hits}, in their order. */
  static String[] paths(IndexReader reader, ScoreDoc[] hits) throws IOException {
    Integer[] order = new Integer[hits.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // doc values are read forwards: visit the hits in document order
    Arrays.sort(order, (a, b) -> Integer.compare(hits[a].doc, hits[b].doc));
    List<LeafReaderContext> leaves = reader.leaves();
    String[] paths = new String[hits.length];
    int leafIndex = -1;
    BinaryDocValues keys = null;
    for (int i : order) {
      int doc = hits[i].doc;
      int l = ReaderUtil.subIndex(doc, leaves);
      if (l != leafIndex) {
        leafIndex = l;
        keys = leaves.get(l).reader().getBinaryDocValues(Fields.KEY);
      }
      int local = doc - leaves.get(l).docBase;
      if (keys == null || !keys.advanceExact(local)) {
        throw new IOException("document " + doc + " has no path");
      }
      paths[i] = keys.binaryValue().utf8ToString();
    }
    return paths;
  }

  /** What a hit shows of its document: path, title, main language, every language, marks. */
  record HitColumns(
      String path, String title, String mainLanguage, List<String> languages, String marks) {}

  /**
   * What each of {@code docs} shows as a hit, in their order, from doc values: the stored fields
   * (DEFLATE blocks shared with the text) are not opened.
   */
  static HitColumns[] hits(IndexReader reader, int[] docs) throws IOException {
    Integer[] order = new Integer[docs.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(docs[a], docs[b]));
    List<LeafReaderContext> leaves = reader.leaves();
    HitColumns[] out = new HitColumns[docs.length];
    int leafIndex = -1;
    BinaryDocValues keys = null;
    BinaryDocValues titles = null;
    BinaryDocValues marks = null;
    SortedDocValues mains = null;
    SortedDocValues langs = null;
    for (int i : order) {
      int l = ReaderUtil.subIndex(docs[i], leaves);
      if (l != leafIndex) {
        leafIndex = l;
        LeafReader leaf = leaves.get(l).reader();
        keys = leaf.getBinaryDocValues(Fields.KEY);
        titles = leaf.getBinaryDocValues(Fields.TITLE);
        marks = leaf.getBinaryDocValues(Schema.MARKS);
        mains = leaf.getSortedDocValues(Fields.MAIN_LANG);
        langs = leaf.getSortedDocValues(Fields.LANGS);
      }
      int local = docs[i] - leaves.get(l).docBase;
      if (keys == null || !keys.advanceExact(local)) {
        throw new IOException("document " + docs[i] + " has no path");
      }
      if (mains == null
          || !mains.advanceExact(local)
          || langs == null
          || !langs.advanceExact(local)) {
        throw new IOException("document " + docs[i] + " has no language");
      }
      out[i] =
          new HitColumns(
              keys.binaryValue().utf8ToString(),
              titles != null && titles.advanceExact(local)
                  ? titles.binaryValue().utf8ToString()
                  : "",
              mains.lookupOrd(mains.ordValue()).utf8ToString(),
              List.of(langs.lookupOrd(langs.ordValue()).utf8ToString().split(",")),
              marks != null && marks.advanceExact(local)
                  ? marks.binaryValue().utf8ToString()
                  : null);
    }
    return out;
  }

  /** Files per main language, documents per language, and the files' bytes. */
  record Counts(long files, Map<String, Long> mainLanguages, Map<String, Long> parts, long bytes) {}

  static Counts counts(IndexReader reader) throws IOException {
    Map<String, Long> mains = new TreeMap<>();
    Map<String, Long> parts = new TreeMap<>();
    long files = 0;
    long bytes = 0;
    for (LeafReaderContext leaf : reader.leaves()) {
      Bits live = leaf.reader().getLiveDocs();
      SortedDocValues langs = leaf.reader().getSortedDocValues(Fields.LANG);
      SortedDocValues main = leaf.reader().getSortedDocValues(Fields.MAIN);
      NumericDocValues sizes = leaf.reader().getNumericDocValues(Fields.BYTES);
      for (int i = 0; i < leaf.reader().maxDoc(); i++) {
        if (live != null && !live.get(i)) {
          continue;
        }
        if (langs != null && langs.advanceExact(i)) {
          parts.merge(langs.lookupOrd(langs.ordValue()).utf8ToString(), 1L, Long::sum);
        }
        // the main language's column is on one part of each file: it counts the file
        if (main != null && main.advanceExact(i)) {
          files++;
          mains.merge(main.lookupOrd(main.ordValue()).utf8ToString(), 1L, Long::sum);
          if (sizes != null && sizes.advanceExact(i)) {
            bytes += sizes.longValue();
          }
        }
      }
    }
    return new Counts(files, mains, parts, bytes);
  }
}
