package io.parkdoc.core;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.NativeFSLockFactory;
import org.apache.lucene.util.Bits;

/**
 * Adds files to a parkdoc index: reads and decodes them, detects their language, and writes each
 * to the Lucene index of that language, keyed by its absolute path.
 *
 * <p>Files whose size, modification time and content hash are unchanged are skipped; documents
 * of files gone from under an indexed folder are removed. One indexer holds the index's write
 * lock from {@link #open} until {@link #close}; a second one fails at once with a clear message.
 * {@link #index} is meant to be called from one thread; it uses {@link IndexOptions#threads()}
 * workers itself.
 */
public final class Indexer implements Closeable {
  private static final FieldType TEXT = textFieldType(true);
  private static final FieldType BIGRAMS = textFieldType(false);
  private static final String LOCK = "parkdoc.lock";
  private static final Set<String> SKIPPED_DIRS = Set.of(".git", ".hg", ".svn", "node_modules");

  private final IndexLayout layout;
  private final io.parkdoc.core.IndexOptions options;
  private final LanguageDetector detector;
  private final TextExtractor extractor = new TextExtractor();
  private final Directory rootDir;
  private final Lock lock;
  private final Map<String, IndexWriter> writers = new ConcurrentHashMap<>();
  private final Map<String, Indexed> existing;
  private final Progress progress = new Progress();

  /** A document already in the index. */
  private record Indexed(String indexLang, long size, long mtime, String hash, int copies) {}

  /** Live counters a front end may poll while {@link #index} runs. */
  public static final class Progress {
    private final AtomicInteger files = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger discovered = new AtomicInteger();
    private final AtomicLong discoveredBytes = new AtomicLong();
    private final Map<String, AtomicInteger> languages = new ConcurrentHashMap<>();
    private volatile boolean walking = true;

    public int files() {
      return files.get();
    }

    public long bytes() {
      return bytes.get();
    }

    /** Files found so far by the walk; final once {@link #walking()} is false. */
    public int discovered() {
      return discovered.get();
    }

    public long discoveredBytes() {
      return discoveredBytes.get();
    }

    public boolean walking() {
      return walking;
    }

    /** Documents indexed so far per recorded language. */
    public Map<String, Integer> languages() {
      Map<String, Integer> copy = new TreeMap<>();
      languages.forEach((k, v) -> copy.put(k, v.get()));
      return copy;
    }
  }

  private Indexer(IndexLayout layout, io.parkdoc.core.IndexOptions options, LanguageDetector detector)
      throws IOException {
    this.layout = layout;
    this.options = options;
    this.detector = detector;
    Files.createDirectories(layout.root());
    this.rootDir = FSDirectory.open(layout.root());
    try {
      this.lock = NativeFSLockFactory.INSTANCE.obtainLock(rootDir, LOCK);
    } catch (LockObtainFailedException e) {
      rootDir.close();
      throw new ParkdocException(
          "another parkdoc is indexing into " + layout.root() + " right now; wait for it to finish", e);
    }
    if (layout.exists() && !options.rebuild()) {
      layout.checkFormat(layout.readManifest());
    }
    this.existing = options.rebuild() ? new HashMap<>() : loadExisting();
  }

  /**
   * Opens the index at {@code layout} for writing, creating it when absent.
   *
   * @throws ParkdocException when another process is indexing into it, or it has another format
   */
  public static Indexer open(IndexLayout layout, io.parkdoc.core.IndexOptions options, LanguageDetector detector) {
    try {
      return new Indexer(layout, options, detector);
    } catch (IOException e) {
      throw new ParkdocException("cannot open the index at " + layout.root() + ": " + e.getMessage(), e);
    }
  }

  /** Counters of the run in progress. */
  public Progress progress() {
    return progress;
  }

  private static FieldType textFieldType(boolean stored) {
    FieldType t = new FieldType();
    t.setTokenized(true);
    t.setStored(stored);
    // Offsets in the postings let the UnifiedHighlighter highlight without re-analysing.
    t.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    t.freeze();
    return t;
  }

  private Map<String, Indexed> loadExisting() throws IOException {
    Map<String, Indexed> map = new HashMap<>();
    for (String lang : layout.languagesOnDisk()) {
      try (Directory dir = FSDirectory.open(layout.languageDir(lang));
          DirectoryReader reader = DirectoryReader.open(dir)) {
        for (LeafReaderContext leaf : reader.leaves()) {
          StoredFields stored = leaf.reader().storedFields();
          Bits live = leaf.reader().getLiveDocs();
          for (int i = 0; i < leaf.reader().maxDoc(); i++) {
            if (live != null && !live.get(i)) {
              continue;
            }
            Document d = stored.document(i, Set.of(Fields.PATH, Fields.SIZE, Fields.MTIME, Fields.HASH));
            String path = d.get(Fields.PATH);
            Indexed before = map.get(path);
            map.put(path, new Indexed(lang,
                d.getField(Fields.SIZE).numericValue().longValue(),
                d.getField(Fields.MTIME).numericValue().longValue(),
                d.get(Fields.HASH),
                before == null ? 1 : before.copies + 1));
          }
        }
      }
    }
    return map;
  }

  /**
   * Indexes the files and folders {@code paths}, then commits.
   *
   * @throws ParkdocException when a path does not exist or the index cannot be written; files that
   *     cannot be read are skipped and reported in the summary instead
   */
  public IndexSummary index(List<Path> paths) {
    long start = System.nanoTime();
    List<Path> roots = new ArrayList<>();
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new ParkdocException("no such file or folder: " + p);
      }
      roots.add(p.toAbsolutePath().normalize());
    }
    Run run = new Run();
    if (options.rebuild()) {
      for (String lang : layout.languagesOnDisk()) {
        try {
          writer(lang).deleteAll();
        } catch (IOException e) {
          throw new ParkdocException("cannot clear the " + lang + " index: " + e.getMessage(), e);
        }
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.threads()), r -> {
      Thread t = new Thread(r, "parkdoc-indexer");
      t.setDaemon(true);
      return t;
    });
    List<Future<?>> pending = new ArrayList<>();
    try {
      for (Path root : roots) {
        walk(root, run, pool, pending);
      }
      progress.walking = false;
      for (Future<?> f : pending) {
        f.get();
      }
      removeVanished(roots, run);
      commit();
    } catch (IOException e) {
      throw new ParkdocException("cannot update the index: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ParkdocException("indexing interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ParkdocException pe) {
        throw pe;
      }
      throw new ParkdocException("indexing failed: " + cause, cause);
    } finally {
      pool.shutdownNow();
    }
    List<IndexSummary.Skipped> skipped = new ArrayList<>(run.skipped);
    skipped.sort((a, b) -> a.path().compareTo(b.path()));
    return new IndexSummary(run.added.get(), run.updated.get(), run.unchanged.get(), run.removed.get(),
        new TreeMap<>(progress.languages()), skipped, progress.bytes(), System.nanoTime() - start);
  }

  /** Per-run tallies, shared by the workers. */
  private static final class Run {
    final AtomicInteger added = new AtomicInteger();
    final AtomicInteger updated = new AtomicInteger();
    final AtomicInteger unchanged = new AtomicInteger();
    final AtomicInteger removed = new AtomicInteger();
    final List<IndexSummary.Skipped> skipped = Collections.synchronizedList(new ArrayList<>());
    final Set<String> seen = ConcurrentHashMap.newKeySet();
  }

  private void walk(Path root, Run run, ExecutorService pool, List<Future<?>> pending) {
    try {
      Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (!dir.equals(root)) {
                String name = String.valueOf(dir.getFileName());
                if (SKIPPED_DIRS.contains(name) || name.startsWith(".") || dir.equals(layout.root())) {
                  return FileVisitResult.SKIP_SUBTREE;
                }
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (!attrs.isRegularFile()) {
                run.skipped.add(new IndexSummary.Skipped(file.toString(), "not a regular file", false));
                return FileVisitResult.CONTINUE;
              }
              String key = file.toString();
              run.seen.add(key);
              progress.discovered.incrementAndGet();
              progress.discoveredBytes.addAndGet(attrs.size());
              pending.add(pool.submit(() -> indexFile(file, key, attrs, run)));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              String key = file.toString();
              // Keep what is indexed for a file we merely failed to read this time.
              run.seen.add(key);
              run.skipped.add(new IndexSummary.Skipped(key, reason(e), true));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new ParkdocException("cannot read " + root + ": " + reason(e), e);
    }
  }

  private static String reason(IOException e) {
    if (e instanceof FileSystemLoopException) {
      return "symbolic link loop";
    }
    if (e instanceof NoSuchFileException) {
      return "vanished or dangling link";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private void indexFile(Path file, String key, BasicFileAttributes attrs, Run run) {
    try {
      long size = attrs.size();
      long mtime = attrs.lastModifiedTime().toMillis();
      Indexed before = existing.get(key);
      if (size > options.maxBytes()) {
        run.skipped.add(new IndexSummary.Skipped(key, "larger than --max-size (" + (options.maxBytes() >> 20) + " MiB)", false));
        return;
      }
      if (before != null && before.copies == 1 && before.size == size && before.mtime == mtime) {
        run.unchanged.incrementAndGet();
        return;
      }
      byte[] bytes = Files.readAllBytes(file);
      String hash = sha256(bytes);
      if (before != null && before.copies == 1 && hash.equals(before.hash)) {
        run.unchanged.incrementAndGet();
        return;
      }
      if (bytes.length == 0) {
        run.skipped.add(new IndexSummary.Skipped(key, "empty", false));
        return;
      }
      SourceText source = extractor.extract(key, bytes, options.forcedEncoding());
      if (source.text().isBlank()) {
        run.skipped.add(new IndexSummary.Skipped(key, "no text", false));
        return;
      }
      String lang = options.forcedLang() != null ? options.forcedLang() : detector.detect(source.text()).lang();
      String indexLang = Languages.indexLanguage(lang);
      Document doc = new Document();
      doc.add(new StringField(Fields.PATH, key, Field.Store.YES));
      doc.add(new StringField(Fields.LANG, lang, Field.Store.YES));
      doc.add(new StringField(Fields.INDEX_LANG, indexLang, Field.Store.NO));
      doc.add(new StoredField(Fields.TITLE, source.title()));
      doc.add(new StoredField(Fields.SIZE, size));
      doc.add(new StoredField(Fields.MTIME, mtime));
      doc.add(new StoredField(Fields.HASH, hash));
      doc.add(new StoredField(Fields.ENCODING, source.encoding()));
      doc.add(new Field(Fields.text(indexLang), source.text(), TEXT));
      if (Languages.isCjk(indexLang)) {
        doc.add(new Field(Fields.bigrams(indexLang), source.text(), BIGRAMS));
      }
      Term id = new Term(Fields.PATH, key);
      if (before != null && !before.indexLang.equals(indexLang) || before != null && before.copies > 1) {
        // The language changed (or a crash left two copies): never keep a document in two indices.
        for (String other : layout.languagesOnDisk()) {
          if (!other.equals(indexLang)) {
            writer(other).deleteDocuments(id);
          }
        }
      }
      writer(indexLang).updateDocument(id, doc);
      (before == null ? run.added : run.updated).incrementAndGet();
      progress.files.incrementAndGet();
      progress.bytes.addAndGet(size);
      progress.languages.computeIfAbsent(lang, k -> new AtomicInteger()).incrementAndGet();
    } catch (TextExtractor.NotTextException e) {
      run.skipped.add(new IndexSummary.Skipped(key, e.getMessage(), false));
    } catch (IOException e) {
      run.skipped.add(new IndexSummary.Skipped(key, reason(e), true));
    } catch (OutOfMemoryError e) {
      run.skipped.add(new IndexSummary.Skipped(key, "too large to analyse in memory", true));
    }
  }

  private void removeVanished(List<Path> roots, Run run) throws IOException {
    for (Map.Entry<String, Indexed> e : existing.entrySet()) {
      String path = e.getKey();
      if (run.seen.contains(path)) {
        continue;
      }
      for (Path root : roots) {
        String prefix = root.toString();
        if (path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
          for (String lang : layout.languagesOnDisk()) {
            writer(lang).deleteDocuments(new Term(Fields.PATH, path));
          }
          run.removed.incrementAndGet();
          break;
        }
      }
    }
  }

  private IndexWriter writer(String indexLang) {
    return writers.computeIfAbsent(indexLang, lang -> {
      try {
        Analyzer analyzer = Languages.newAnalyzer(lang);
        if (Languages.isCjk(lang)) {
          analyzer = new PerFieldAnalyzerWrapper(analyzer, Map.of(Fields.bigrams(lang), Languages.newBigramAnalyzer(lang)));
        }
        IndexWriterConfig config = new IndexWriterConfig(analyzer);
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        config.setRAMBufferSizeMB(64);
        config.setCommitOnClose(false);
        return new IndexWriter(FSDirectory.open(layout.languageDir(lang)), config);
      } catch (IOException e) {
        throw new ParkdocException("cannot open the " + lang + " index: " + e.getMessage(), e);
      }
    });
  }

  /** Commits every language index, then records the document counts in the manifest. */
  public void commit() {
    try {
      Map<String, Long> counts = new TreeMap<>();
      for (Map.Entry<String, IndexWriter> e : writers.entrySet()) {
        e.getValue().commit();
      }
      for (String lang : layout.languagesOnDisk()) {
        IndexWriter w = writers.get(lang);
        if (w != null) {
          counts.put(lang, (long) w.getDocStats().numDocs);
        } else {
          try (Directory dir = FSDirectory.open(layout.languageDir(lang));
              DirectoryReader r = DirectoryReader.open(dir)) {
            counts.put(lang, (long) r.numDocs());
          }
        }
      }
      layout.writeManifest(counts);
    } catch (IOException e) {
      throw new ParkdocException("cannot commit the index: " + e.getMessage(), e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Closes the writers without committing further, and releases the write lock. */
  @Override
  public void close() {
    for (IndexWriter w : writers.values()) {
      try {
        Directory dir = w.getDirectory();
        w.rollback();
        dir.close();
      } catch (IOException | RuntimeException e) {
        // closing after a failure: nothing more to save
      }
    }
    try {
      lock.close();
      rootDir.close();
    } catch (IOException e) {
      // the lock is released when the process ends in any case
    }
  }
}
