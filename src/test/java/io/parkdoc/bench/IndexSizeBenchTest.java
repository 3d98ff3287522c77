package io.parkdoc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-field split of an index's size that bench/index-size prints. */
class IndexSizeBenchTest {
  @TempDir Path tmp;

  private Path buildIndex() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("index/en"));
    FieldType withOffsets = new FieldType();
    withOffsets.setTokenized(true);
    withOffsets.setStored(true);
    withOffsets.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    withOffsets.freeze();
    FieldType positions = new FieldType();
    positions.setTokenized(true);
    positions.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    positions.freeze();
    try (FSDirectory d = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new StandardAnalyzer()))) {
      for (int i = 0; i < 2000; i++) {
        Document doc = new Document();
        String body = "word" + i + " shared text number " + (i * 7919 % 1000) + " and more " + i;
        doc.add(new Field("text_en", body + " " + body, withOffsets));
        doc.add(new Field("bigram_en", body, positions));
        doc.add(new StringField("path", "/docs/" + i + ".txt", Field.Store.YES));
        doc.add(new NumericDocValuesField("bytes", i * 31L));
        w.addDocument(doc);
        if (i % 700 == 0) {
          w.commit(); // several segments, as a real index has
        }
      }
    }
    return tmp.resolve("index");
  }

  @Test
  void splitsEachFieldByKindOfFile() throws Exception {
    Path root = buildIndex();
    Path lucene = IndexSizeBench.luceneIndices(root).get(0);
    assertEquals(root.resolve("en"), lucene);
    Path scratch = Files.createDirectories(tmp.resolve("scratch"));
    Map<String, IndexSizeBench.Cost> costs = IndexSizeBench.fieldCosts(lucene, scratch);

    IndexSizeBench.Cost text = costs.get("text_en");
    assertTrue(text.terms() > 0 && text.postings() > 0 && text.stored() > 0 && text.norms() > 0);
    assertTrue(text.offsets() > 0, "offsets cost something: " + text);
    assertTrue(text.offsets() < text.terms() + text.postings(), text.toString());
    assertEquals(0, text.docValues());

    IndexSizeBench.Cost bigrams = costs.get("bigram_en");
    assertEquals(0, bigrams.offsets(), "no offsets indexed, none measured");
    assertEquals(0, bigrams.stored());
    assertTrue(bigrams.postings() > 0);

    IndexSizeBench.Cost bytes = costs.get("bytes");
    assertTrue(bytes.docValues() > 0);
    assertEquals(0, bytes.terms() + bytes.postings() + bytes.stored() + bytes.norms());

    // The stored text is twice the body per document: it outweighs the stored paths.
    assertTrue(text.stored() > costs.get("path").stored(), costs.toString());
    assertEquals(0, costs.get("path").norms(), "StringField omits norms");
    assertTrue(
        Files.list(scratch).findAny().isEmpty(), "the copies are deleted once they are measured");
  }

  @Test
  void theOneFieldReaderHidesEveryOtherField() throws Exception {
    Path lucene = IndexSizeBench.luceneIndices(buildIndex()).get(0);
    try (FSDirectory d = FSDirectory.open(lucene);
        DirectoryReader reader = DirectoryReader.open(d)) {
      LeafReader one = new IndexSizeBench.OneField(reader.leaves().get(0).reader(), "path", false);
      assertNull(one.terms("text_en"));
      assertNull(one.getNumericDocValues("bytes"));
      assertNull(one.getNormValues("text_en"));
      assertEquals(1, one.getFieldInfos().size());
      Document doc = one.storedFields().document(0);
      assertEquals(1, doc.getFields().size());
      assertEquals("path", doc.getFields().get(0).name());
    }
  }

  @Test
  void groupsFieldsAcrossLanguages() {
    assertEquals("text_*", IndexSizeBench.group("text_ko"));
    assertEquals("bigram_*", IndexSizeBench.group("bigram_zh-Hant"));
    assertEquals("path", IndexSizeBench.group("path"));
  }
}
