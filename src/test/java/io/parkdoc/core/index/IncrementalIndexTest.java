package io.parkdoc.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.backend.Backends;
import io.parkdoc.backend.lucene.IndexLayout;
import io.parkdoc.backend.lucene.LuceneSearcher;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.IndexSummary;
import io.parkdoc.core.ParkdocException;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.analysis.Fields;
import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.detect.LanguageDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental indexing, each case checked against what the index holds: which paths are in which
 * language index, and how many times.
 */
class IncrementalIndexTest {
  private static final String KOREAN = "레이저 가공 기술은 장춘 신구의 핵심 산업이다. 연구소는 새로운 장비를 개발했다.\n";
  private static final String JAPANESE = "長春新区のレーザー産業は急速に成長している。研究所は新しい装置を発表した。\n";
  private static final String ENGLISH =
      "The laser industry of the Changchun new area grows quickly. The institute showed a new device.\n";

  /** Thread-safe and slow to load (its model): one for every test. */
  private static final LanguageDetector DETECTOR = new LanguageDetector();

  @TempDir Path tmp;
  private Path docs;
  private IndexLayout layout;

  @BeforeEach
  void setUp() throws IOException {
    docs = Files.createDirectories(tmp.resolve("docs"));
    layout = new IndexLayout(tmp.resolve("index"));
  }

  private IndexSummary index() {
    return index(IndexOptions.defaults());
  }

  private IndexSummary index(IndexOptions options) {
    try (Indexer indexer = Backends.indexer(layout, options, DETECTOR)) {
      return indexer.index(List.of(docs));
    }
  }

  /** Writes {@code text} to {@code name} with a modification time well in the past (not racy). */
  private Path write(String name, String text) throws IOException {
    Path f = docs.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
    Files.setLastModifiedTime(
        f, FileTime.fromMillis(System.currentTimeMillis() - 60_000 - name.hashCode() % 1000));
    return f;
  }

  /** For each index language on disk, the file names it holds (one entry per document). */
  private Map<String, List<String>> contents() throws IOException {
    Map<String, List<String>> out = new TreeMap<>();
    for (String lang : layout.languagesOnDisk()) {
      List<String> names = new java.util.ArrayList<>();
      try (Directory dir = FSDirectory.open(layout.languageDir(lang));
          DirectoryReader r = DirectoryReader.open(dir)) {
        for (LeafReaderContext leaf : r.leaves()) {
          StoredFields stored = leaf.reader().storedFields();
          Bits live = leaf.reader().getLiveDocs();
          for (int i = 0; i < leaf.reader().maxDoc(); i++) {
            if (live == null || live.get(i)) {
              names.add(docs.relativize(Path.of(stored.document(i).get(Fields.PATH))).toString());
            }
          }
        }
      }
      names.sort(null);
      if (!names.isEmpty()) {
        out.put(lang, names);
      }
    }
    return out;
  }

  /** The modification time recorded in place for {@code file}, or null. */
  private Long recordedModified(Path file) throws IOException {
    for (String lang : layout.languagesOnDisk()) {
      try (Directory dir = FSDirectory.open(layout.languageDir(lang));
          DirectoryReader r = DirectoryReader.open(dir)) {
        for (LeafReaderContext leaf : r.leaves()) {
          NumericDocValues modified = leaf.reader().getNumericDocValues(Fields.MODIFIED);
          StoredFields stored = leaf.reader().storedFields();
          Bits live = leaf.reader().getLiveDocs();
          for (int i = 0; i < leaf.reader().maxDoc(); i++) {
            if ((live == null || live.get(i))
                && stored.document(i).get(Fields.PATH).equals(file.toString())) {
              return modified != null && modified.advanceExact(i) ? modified.longValue() : null;
            }
          }
        }
      }
    }
    return null;
  }

  @Test
  void addedFilesAreIndexedAndOthersUnchanged() throws IOException {
    write("ko.txt", KOREAN);
    write("en.txt", ENGLISH);
    assertEquals(2, index().added());
    write("ja.txt", JAPANESE);
    IndexSummary s = index();
    assertEquals(List.of(1, 0, 2, 0), List.of(s.added(), s.updated(), s.unchanged(), s.removed()));
    assertEquals(
        Map.of("en", List.of("en.txt"), "ja", List.of("ja.txt"), "ko", List.of("ko.txt")),
        contents());
  }

  @Test
  void changedFileIsUpdatedInPlace() throws IOException {
    write("en.txt", ENGLISH);
    index();
    Path f = write("en.txt", ENGLISH + "The zirconqubit sensor is new.\n");
    IndexSummary s = index();
    assertEquals(List.of(0, 1, 0, 0), List.of(s.added(), s.updated(), s.unchanged(), s.removed()));
    assertEquals(Map.of("en", List.of("en.txt")), contents());
    try (LuceneSearcher searcher = LuceneSearcher.open(layout)) {
      assertEquals(1, searcher.search(SearchRequest.of("zirconqubit")).hits().size());
    }
    // same size, new content, new time: still seen
    String same = ENGLISH.replace("quickly", "quietly");
    assertEquals(ENGLISH.length(), same.length());
    Files.writeString(f, same + "The zirconqubit sensor is new.\n");
    Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() - 30_000));
    assertEquals(1, index().updated());
    try (LuceneSearcher searcher = LuceneSearcher.open(layout)) {
      assertEquals(1, searcher.search(SearchRequest.of("quietly")).hits().size());
      assertTrue(searcher.search(SearchRequest.of("quickly")).hits().isEmpty());
    }
  }

  @Test
  void renamedFileMovesItsDocument() throws IOException {
    write("a/old-name.txt", KOREAN);
    write("b.txt", ENGLISH);
    index();
    Files.createDirectories(docs.resolve("c"));
    Files.move(docs.resolve("a/old-name.txt"), docs.resolve("c/new-name.txt"));
    IndexSummary s = index();
    assertEquals(List.of(1, 0, 1, 1), List.of(s.added(), s.updated(), s.unchanged(), s.removed()));
    assertEquals(Map.of("en", List.of("b.txt"), "ko", List.of("c/new-name.txt")), contents());
  }

  @Test
  void deletedFilesAndFoldersAreRemoved() throws IOException {
    write("keep.txt", ENGLISH);
    write("gone.txt", KOREAN);
    write("sub/deep/one.txt", JAPANESE);
    write("sub/two.txt", ENGLISH + "two\n");
    assertEquals(4, index().added());
    Files.delete(docs.resolve("gone.txt"));
    Files.delete(docs.resolve("sub/deep/one.txt"));
    Files.delete(docs.resolve("sub/deep"));
    Files.delete(docs.resolve("sub/two.txt"));
    Files.delete(docs.resolve("sub"));
    IndexSummary s = index();
    assertEquals(3, s.removed());
    assertEquals(1, s.unchanged());
    assertEquals(Map.of("en", List.of("keep.txt")), contents());
  }

  @Test
  void onlyFilesUnderTheIndexedFolderAreRemoved() throws IOException {
    write("one/a.txt", ENGLISH);
    write("two/b.txt", KOREAN);
    try (Indexer indexer = Backends.indexer(layout, IndexOptions.defaults(), DETECTOR)) {
      indexer.index(List.of(docs.resolve("one"), docs.resolve("two")));
    }
    Files.delete(docs.resolve("two/b.txt"));
    // indexing only one/ must not touch two/'s documents, though b.txt is gone
    try (Indexer indexer = Backends.indexer(layout, IndexOptions.defaults(), DETECTOR)) {
      assertEquals(0, indexer.index(List.of(docs.resolve("one"))).removed());
    }
    assertEquals(Map.of("en", List.of("one/a.txt"), "ko", List.of("two/b.txt")), contents());
  }

  @Test
  void languageChangeMovesTheDocumentBetweenIndices() throws IOException {
    write("doc.txt", ENGLISH);
    index();
    assertEquals(Map.of("en", List.of("doc.txt")), contents());
    write("doc.txt", KOREAN);
    IndexSummary s = index();
    assertEquals(1, s.updated());
    assertEquals(Map.of("ko", 1), s.languages());
    assertEquals(Map.of("ko", List.of("doc.txt")), contents(), "never in two indices");
    write("doc.txt", JAPANESE);
    index();
    assertEquals(Map.of("ja", List.of("doc.txt")), contents());
    // to undetermined (no letters) and back
    write("doc.txt", "12345 67890\n");
    index();
    assertEquals(Map.of("und", List.of("doc.txt")), contents());
    write("doc.txt", ENGLISH);
    index();
    assertEquals(Map.of("en", List.of("doc.txt")), contents());
  }

  @Test
  void fileThatBecomesUnindexableLosesItsDocument() throws IOException {
    write("doc.txt", ENGLISH);
    write("other.txt", KOREAN);
    index();
    Files.write(docs.resolve("doc.txt"), new byte[] {0, 1, 2, 3, 0, 0, 7});
    Files.write(docs.resolve("other.txt"), new byte[0]);
    IndexSummary s = index();
    assertEquals(2, s.removed());
    assertEquals(Map.of(), contents());
    assertFalse(s.hadErrors());
  }

  @Test
  void touchedButUnchangedFileIsNotReindexedAndItsTimeIsRemembered() throws IOException {
    Path f = write("doc.txt", ENGLISH);
    index();
    long touched = System.currentTimeMillis() - 10_000;
    Files.setLastModifiedTime(f, FileTime.fromMillis(touched));
    IndexSummary s = index();
    assertEquals(List.of(0, 0, 1), List.of(s.added(), s.updated(), s.unchanged()));
    assertEquals(0, s.bytes(), "nothing re-indexed");
    assertEquals(
        touched,
        recordedModified(f),
        "the new time is stored in place, so the next run need not read the file");
  }

  @Test
  void recentlyModifiedFileIsReadAgainNextTime() throws IOException {
    Path f = docs.resolve("fresh.txt");
    Files.writeString(f, ENGLISH);
    index();
    // written just now: its time may not tell a second write within the same tick apart
    assertEquals(-1L, recordedModified(f));
    Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() - 10_000));
    index();
    assertEquals(Files.getLastModifiedTime(f).toMillis(), recordedModified(f));
  }

  @Test
  void rebuildStartsAfresh() throws IOException {
    write("a.txt", ENGLISH);
    write("b.txt", KOREAN);
    index();
    Files.delete(docs.resolve("b.txt"));
    IndexSummary s = index(new IndexOptions(null, null, IndexOptions.DEFAULT_MAX_BYTES, 2, true));
    assertEquals(1, s.added());
    assertEquals(Map.of("en", List.of("a.txt")), contents());
  }

  /**
   * A crash between two language indices' commits can leave a moved document in both (the new index
   * committed, the old not yet) or in neither; the next run converges either way.
   */
  @Test
  void aDocumentLeftInTwoIndicesByACrashIsMovedToOne() throws IOException {
    write("doc.txt", KOREAN);
    write("other.txt", ENGLISH);
    index();
    // what a crash between the ko and en commits of a move from en to ko leaves behind
    addStaleCopy("en", docs.resolve("doc.txt"), ENGLISH);
    assertEquals(
        Map.of("en", List.of("doc.txt", "other.txt"), "ko", List.of("doc.txt")), contents());
    IndexSummary s = index();
    assertEquals(1, s.updated(), "the doubled document is indexed again");
    assertEquals(Map.of("en", List.of("other.txt"), "ko", List.of("doc.txt")), contents());
    try (LuceneSearcher searcher = LuceneSearcher.open(layout)) {
      assertEquals(2, searcher.documents());
    }
  }

  /**
   * Writes a document for {@code file} into the {@code lang} index directly, as an older commit had
   * it.
   */
  private void addStaleCopy(String lang, Path file, String text) throws IOException {
    try (Directory dir = FSDirectory.open(layout.languageDir(lang));
        IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(Languages.newAnalyzer(lang)))) {
      Document d = new Document();
      d.add(new StringField(Fields.PATH, file.toString(), Field.Store.YES));
      d.add(new StringField(Fields.LANG, lang, Field.Store.YES));
      d.add(new SortedDocValuesField(Fields.LANG, new BytesRef(lang)));
      d.add(new StoredField(Fields.TITLE, "stale"));
      d.add(new StoredField(Fields.SIZE, (long) text.length()));
      d.add(new StoredField(Fields.MTIME, 1L));
      d.add(new StoredField(Fields.ENCODING, "UTF-8"));
      // the columns a run reads of every document, and those a hit shows, as the index has them
      d.add(new BinaryDocValuesField(Fields.KEY, new BytesRef(file.toString())));
      d.add(new NumericDocValuesField(Fields.BYTES, text.length()));
      d.add(new BinaryDocValuesField(Fields.SHA256, new BytesRef("stale")));
      d.add(new NumericDocValuesField(Fields.MODIFIED, 1L));
      d.add(new BinaryDocValuesField(Fields.TITLE, new BytesRef("stale")));
      d.add(new SortedDocValuesField(Fields.MAIN_LANG, new BytesRef(lang)));
      d.add(new SortedDocValuesField(Fields.LANGS, new BytesRef(lang)));
      org.apache.lucene.document.FieldType type =
          new org.apache.lucene.document.FieldType(
              org.apache.lucene.document.TextField.TYPE_STORED);
      type.setIndexOptions(
          org.apache.lucene.index.IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
      d.add(new Field(Fields.text(lang), text, type));
      w.addDocument(d);
      w.commit();
    }
  }

  @Test
  void interruptedRunCommitsWhatItDidAndTheNextFinishes() throws Exception {
    for (int i = 0; i < 300; i++) {
      write(String.format("f%03d.txt", i), ENGLISH + "document number " + i + "\n");
    }
    IndexSummary first;
    try (Indexer indexer =
        Backends.indexer(layout, IndexOptions.defaults().withThreads(1), DETECTOR)) {
      Thread stopper =
          new Thread(
              () -> {
                while (indexer.progress().files() < 20) {
                  Thread.onSpinWait();
                }
                indexer.requestStop();
              });
      stopper.start();
      first = indexer.index(List.of(docs));
      stopper.join();
    }
    assertTrue(first.interrupted());
    assertTrue(first.added() >= 20 && first.added() < 300, "stopped part way: " + first.added());
    assertEquals(0, first.removed());
    try (LuceneSearcher searcher = LuceneSearcher.open(layout)) {
      assertEquals(first.added(), searcher.documents(), "what was indexed is committed");
    }
    IndexSummary second = index();
    assertFalse(second.interrupted());
    assertEquals(300 - first.added(), second.added());
    assertEquals(first.added(), second.unchanged());
    try (LuceneSearcher searcher = LuceneSearcher.open(layout)) {
      assertEquals(300, searcher.documents());
    }
  }

  /**
   * Searches keep working while a run holds the write lock, and see its documents after a commit.
   */
  @Test
  void searchWorksDuringIndexingAndSeesCommittedDocuments() throws Exception {
    write("first.txt", ENGLISH);
    index();
    try (Indexer indexer =
        Backends.indexer(
            layout, IndexOptions.defaults().withCommitInterval(Duration.ofMillis(200)), DETECTOR)) {
      try (LuceneSearcher searcher = LuceneSearcher.open(layout)) {
        assertEquals(1, searcher.documents(), "readable while the lock is held");
      }
      write("second.txt", ENGLISH.replace("device", "quorvendal"));
      indexer.index(List.of(docs));
      try (LuceneSearcher searcher = LuceneSearcher.open(layout)) {
        assertEquals(2, searcher.documents());
        assertEquals(1, searcher.search(SearchRequest.of("quorvendal")).hits().size());
      }
    }
  }

  @Test
  void periodicCommitsMakeDocumentsVisibleBeforeTheRunEnds() throws Exception {
    int files = 1200;
    for (int i = 0; i < files; i++) {
      write(String.format("f%04d.txt", i), KOREAN.repeat(4) + "문서 " + i + "\n");
    }
    Set<Integer> seen = new java.util.concurrent.ConcurrentSkipListSet<>();
    java.util.concurrent.atomic.AtomicBoolean running =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    try (Indexer indexer =
        Backends.indexer(
            layout,
            IndexOptions.defaults().withThreads(1).withCommitInterval(Duration.ofMillis(50)),
            DETECTOR)) {
      // Not interrupted: an interrupt during an open closes its file channels, and on a loaded
      // machine the one open in flight when the run ended was lost that way (seen stayed empty).
      Thread watcher =
          new Thread(
              () -> {
                while (running.get()) {
                  if (indexer.progress().commits() > 0 && !layout.languagesOnDisk().isEmpty()) {
                    try (LuceneSearcher s = LuceneSearcher.open(layout)) {
                      seen.add((int) s.documents());
                    } catch (ParkdocException e) {
                      // between the manifest and the first segments
                    }
                  }
                  Thread.onSpinWait();
                }
              });
      watcher.start();
      indexer.index(List.of(docs));
      running.set(false);
      watcher.join();
      assertTrue(
          indexer.progress().commits() >= 2,
          "committed during the run: " + indexer.progress().commits());
    }
    assertTrue(
        seen.stream().anyMatch(n -> n > 0 && n < 1200), "a search saw part of the run: " + seen);
  }
}
