package io.parkdoc.backend.lucene;

import io.parkdoc.core.DocumentStore;
import io.parkdoc.core.IndexLocation;
import io.parkdoc.core.IndexedDocument;
import io.parkdoc.core.IoErrors;
import io.parkdoc.core.ParkdocException;
import io.parkdoc.core.StoredDocument;
import io.parkdoc.core.analysis.Fields;
import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.index.FolderWalk;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.NativeFSLockFactory;
import org.apache.lucene.util.Bits;

/**
 * The local per-language Lucene indices of {@link IndexLayout}, written through one {@link
 * IndexWriter} per language, each with that language's analyzer.
 *
 * <p>Crash-safe: {@link #commit} commits each language index in two phases and then the manifest,
 * so a killed run leaves its last commit searchable. A crash between two language indices' commits
 * can leave a moved document in both, or in neither; {@link #existing} counts each path's copies so
 * that the next run re-indexes the first into one, and finds the second as a new file.
 *
 * <p>Holds the index's write lock ({@link FolderWalk#INDEX_MARKER}) from {@link #open} until {@link
 * #close}. Thread-safe.
 */
public final class LuceneStore implements DocumentStore {
  private final IndexLayout layout;
  private final Directory rootDir;
  private final Lock lock;
  private final Map<String, IndexWriter> writers = new ConcurrentHashMap<>();
  private final Map<String, StoredDocument> existing;
  private final Object commitLock = new Object();
  private final AtomicInteger commits = new AtomicInteger();

  private LuceneStore(IndexLayout layout, boolean rebuild) throws IOException {
    this.layout = layout;
    layout.createPrivate();
    this.rootDir = FSDirectory.open(layout.root());
    try {
      this.lock = NativeFSLockFactory.INSTANCE.obtainLock(rootDir, FolderWalk.INDEX_MARKER);
    } catch (LockObtainFailedException e) {
      rootDir.close();
      throw new ParkdocException(
          "another parkdoc is indexing into " + layout.root() + " right now; wait for it to finish",
          e);
    }
    try {
      if (layout.exists() && !rebuild) {
        layout.checkFormat(layout.readManifest());
      }
      this.existing = rebuild ? new ConcurrentHashMap<>() : loadExisting();
    } catch (IOException | RuntimeException e) {
      lock.close();
      rootDir.close();
      throw e;
    }
  }

  /**
   * Opens the index at {@code layout} for writing, creating it when absent.
   *
   * @param rebuild the documents stored are not read: a rebuild {@link #clear clears} them
   * @throws ParkdocException when another process is indexing into it, or it has another format
   */
  public static LuceneStore open(IndexLayout layout, boolean rebuild) {
    layout.requireFolder();
    try {
      return new LuceneStore(layout, rebuild);
    } catch (IOException e) {
      throw new ParkdocException(
          "cannot write the index at " + layout.root() + ": " + IoErrors.reason(e), e);
    }
  }

  @Override
  public IndexLocation location() {
    return IndexLocation.of(layout.root());
  }

  @Override
  public Path folder() {
    return layout.root();
  }

  @Override
  public Map<String, StoredDocument> existing() {
    return new ConcurrentHashMap<>(existing);
  }

  /** A path's parts as found: what the first said, and whether they all agree. */
  private static final class Found {
    final List<String> langs = new ArrayList<>();
    long size;
    long mtime;
    String hash;
    long parts;
    boolean agree = true;
  }

  private Map<String, StoredDocument> loadExisting() throws IOException {
    Map<String, Found> found = new HashMap<>();
    for (String lang : layout.languagesOnDisk()) {
      try (Directory dir = FSDirectory.open(layout.languageDir(lang));
          DirectoryReader reader = DirectoryReader.open(dir)) {
        for (LeafReaderContext leaf : reader.leaves()) {
          Bits live = leaf.reader().getLiveDocs();
          // Doc values, read column by column: every document of this format has them (an older
          // format is rebuilt, IndexLayout.checkFormat)
          BinaryDocValues keys = leaf.reader().getBinaryDocValues(Fields.KEY);
          NumericDocValues sizes = leaf.reader().getNumericDocValues(Fields.BYTES);
          BinaryDocValues hashes = leaf.reader().getBinaryDocValues(Fields.SHA256);
          NumericDocValues mtimes = leaf.reader().getNumericDocValues(Fields.MODIFIED);
          NumericDocValues partCounts = leaf.reader().getNumericDocValues(Fields.PARTS);
          for (int i = 0; i < leaf.reader().maxDoc(); i++) {
            if (live != null && !live.get(i)) {
              continue;
            }
            if (keys == null
                || !keys.advanceExact(i)
                || !sizes.advanceExact(i)
                || !hashes.advanceExact(i)
                || !mtimes.advanceExact(i)) {
              throw new IOException(
                  "document " + i + " of the " + lang + " index has no path, size, hash or time");
            }
            String path = keys.binaryValue().utf8ToString();
            long size = sizes.longValue();
            String hash = hashes.binaryValue().utf8ToString();
            long parts =
                partCounts != null && partCounts.advanceExact(i) ? partCounts.longValue() : 1;
            // the modification time is kept current in place
            long mtime = mtimes.longValue();
            Found f = found.get(path);
            if (f == null) {
              f = new Found();
              f.size = size;
              f.mtime = mtime;
              f.hash = hash;
              f.parts = parts;
              found.put(path, f);
            } else if (f.size != size
                || !f.hash.equals(hash)
                || f.parts != parts
                || f.langs.contains(lang)) {
              f.agree =
                  false; // parts of two versions, or the same part twice: a crash between commits
            }
            f.langs.add(lang);
          }
        }
      }
    }
    Map<String, StoredDocument> map = new ConcurrentHashMap<>();
    found.forEach(
        (path, f) ->
            map.put(
                path,
                new StoredDocument(
                    path,
                    List.copyOf(f.langs),
                    f.size,
                    f.mtime,
                    f.hash,
                    f.agree && f.langs.size() == f.parts)));
    return map;
  }

  @Override
  public void put(IndexedDocument doc, StoredDocument before) {
    Term id = new Term(Fields.PATH, doc.path());
    try {
      List<String> langs = doc.indexLanguages();
      if (before != null) {
        // A language the file no longer has (or a crash left a part in: existing() lists every
        // language a part was found in): never keep a stale part. Only those languages: opening
        // the writer of every language on disk cost each re-index of one file their analyzers,
        // term lookups and a commit each.
        for (String other : before.indexLangs()) {
          if (!langs.contains(other)) {
            writer(other).deleteDocuments(id);
          }
        }
      }
      for (IndexedDocument.Part part : doc.parts()) {
        writer(part.indexLang()).updateDocument(id, Schema.toDocument(doc, part));
      }
    } catch (IOException e) {
      throw new ParkdocException("cannot update the index: " + IoErrors.reason(e), e);
    }
  }

  @Override
  public void touch(StoredDocument doc, long mtime) {
    try {
      for (String lang : doc.indexLangs()) {
        writer(lang)
            .updateNumericDocValue(new Term(Fields.PATH, doc.path()), Fields.MODIFIED, mtime);
      }
    } catch (IllegalArgumentException e) {
      // an index written before the time was kept in doc values: the file is hashed again next time
    } catch (IOException e) {
      throw new ParkdocException("cannot update the index: " + IoErrors.reason(e), e);
    }
  }

  @Override
  public void delete(String path) {
    Term id = new Term(Fields.PATH, path);
    try {
      for (String lang : languages()) {
        writer(lang).deleteDocuments(id);
      }
    } catch (IOException e) {
      throw new ParkdocException("cannot update the index: " + IoErrors.reason(e), e);
    }
  }

  /** The languages on disk and those being written. */
  private Set<String> languages() {
    Set<String> langs = new TreeSet<>(layout.languagesOnDisk());
    langs.addAll(writers.keySet());
    return langs;
  }

  @Override
  public void clear() {
    for (String lang : layout.languagesOnDisk()) {
      try {
        writer(lang).deleteAll();
      } catch (IOException e) {
        throw new ParkdocException("cannot clear the " + lang + " index: " + IoErrors.reason(e), e);
      }
    }
  }

  /** Flushes each writer's per-thread buffers in parallel: the commit would do it on one thread. */
  @Override
  public void flush(ExecutorService pool, int threads) {
    List<Future<?>> flushes = new ArrayList<>();
    for (IndexWriter w : writers.values()) {
      for (int i = 0; i < Math.max(1, threads); i++) {
        flushes.add(
            pool.submit(
                () -> {
                  while (w.flushNextBuffer()) {
                    // each call takes another thread's buffer
                  }
                  return null;
                }));
      }
    }
    for (Future<?> f : flushes) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException e) {
        throw new ParkdocException(
            "cannot write the index: " + e.getCause().getMessage(), e.getCause());
      }
    }
  }

  private IndexWriter writer(String indexLang) {
    return writers.computeIfAbsent(
        indexLang,
        lang -> {
          try {
            Analyzer analyzer = Languages.newAnalyzer(lang);
            if (Languages.isCjk(lang)) {
              analyzer =
                  new PerFieldAnalyzerWrapper(
                      analyzer, Map.of(Fields.bigrams(lang), Languages.newBigramAnalyzer(lang)));
            }
            IndexWriterConfig config = new IndexWriterConfig(analyzer);
            config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            config.setRAMBufferSizeMB(64);
            // flushed segments stay as separate files: packing them into a compound file copies
            // every
            // byte again, about a tenth of the indexing CPU (merged segments follow the merge
            // policy)
            config.setUseCompoundFile(false);
            config.setCommitOnClose(false);
            // stored fields with DEFLATE (IndexLayout.codec)
            config.setCodec(IndexLayout.codec());
            layout.createLanguageDir(lang);
            return new IndexWriter(FSDirectory.open(layout.languageDir(lang)), config);
          } catch (IOException e) {
            throw new ParkdocException(
                "cannot open the " + lang + " index: " + IoErrors.reason(e), e);
          }
        });
  }

  /**
   * Commits every language index, then records the document counts in the manifest. Safe to call
   * while files are being indexed: documents added meanwhile go into this commit or the next.
   */
  @Override
  public void commit() {
    synchronized (commitLock) {
      if (writers.isEmpty() && layout.exists()) {
        return; // nothing was written: a re-run of an unchanged folder
      }
      try {
        if (!layout.exists()) {
          // written before the first commit, so a crash right after it leaves the index searchable
          layout.writeManifest(Map.of());
        }
        Map<String, Long> counts = new TreeMap<>();
        // Two phases: the slow part (flushing, fsync) of every language index first, then the
        // quick switch to the new commits; a crash can leave a moved document in two indices, or
        // in none, only within that switch (and the next run repairs either).
        List<IndexWriter> all = new ArrayList<>(writers.values());
        for (IndexWriter w : all) {
          w.prepareCommit();
        }
        for (IndexWriter w : all) {
          w.commit();
        }
        for (String lang : layout.languagesOnDisk()) {
          IndexWriter w = writers.get(lang);
          if (w != null) {
            counts.put(lang, (long) w.getDocStats().numDocs);
          } else {
            // Counted from the commit's segment list alone: opening a reader of each language
            // this run did not write cost a re-index of one file tens of milliseconds each.
            try (Directory dir = FSDirectory.open(layout.languageDir(lang))) {
              long live = 0;
              for (SegmentCommitInfo si : SegmentInfos.readLatestCommit(dir)) {
                live += si.info.maxDoc() - si.getDelCount(); // what DirectoryReader.numDocs() gives
              }
              counts.put(lang, live);
            }
          }
        }
        layout.writeManifest(counts);
        commits.incrementAndGet();
      } catch (IOException e) {
        throw new ParkdocException("cannot commit the index: " + IoErrors.reason(e), e);
      }
    }
  }

  @Override
  public int commits() {
    return commits.get();
  }

  /** Closes the writers without committing further, and releases the write lock. */
  @Override
  public void close() {
    synchronized (commitLock) {
      for (IndexWriter w : writers.values()) {
        try {
          Directory dir = w.getDirectory();
          w.rollback();
          dir.close();
        } catch (IOException | RuntimeException e) {
          // closing after a failure: nothing more to save
        }
      }
      writers.clear();
    }
    try {
      lock.close();
      rootDir.close();
    } catch (IOException e) {
      // the lock is released when the process ends in any case
    }
  }
}
