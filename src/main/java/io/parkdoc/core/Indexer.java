package io.parkdoc.core;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.NativeFSLockFactory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Adds files to a parkdoc index: reads and decodes them, detects their language, and writes each
 * to the Lucene index of that language, keyed by its absolute path ({@link FileKeys}).
 *
 * <p>Incremental: a file whose size and modification time are unchanged is not read; one whose
 * content hash is unchanged is not re-indexed (its new modification time is recorded in place, a
 * doc-values update); documents of files gone from under an indexed folder are removed, and a
 * document whose language changed moves to the other language index.
 *
 * <p>Crash-safe: a run commits every {@link io.parkdoc.core.IndexOptions#commitInterval()}, each
 * language index and then the manifest, so a killed run leaves its last commit searchable and the
 * next run only does what is left. A crash between two language indices' commits can leave a
 * moved document in both, or in neither; the next run finds the first by counting each path's
 * copies (and re-indexes it into one), and the second as a new file.
 *
 * <p>One indexer holds the index's write lock from {@link #open} until {@link #close}; a second one
 * fails at once with a clear message. Readers need no lock: searches keep working during a run and
 * see its documents after each commit. {@link #index} and {@link #update} are meant to be called
 * from one thread at a time; they use {@link io.parkdoc.core.IndexOptions#threads()} workers
 * themselves. {@link #progress}, {@link #commit} and {@link #requestStop} may be called from any
 * thread.
 */
public final class Indexer implements Closeable {
  private static final FieldType TEXT = textFieldType(true);
  private static final FieldType BIGRAMS = textFieldType(false);
  private static final String LOCK = "parkdoc.lock";
  private static final Set<String> SKIPPED_DIRS = Set.of(".git", ".hg", ".svn", "node_modules");
  /** Bytes read first from a file of unknown kind: enough to tell binary from text. */
  private static final int HEAD = 8192;
  /**
   * A file modified less than this before it was read may change again within the same
   * modification time (a clock tick); its time is not trusted, so the next run reads it again.
   */
  private static final long RACY_MILLIS = 2000;
  /** A modification time that never matches a file's: the next run reads the file again. */
  private static final long UNTRUSTED_MTIME = -1;

  private final IndexLayout layout;
  private final io.parkdoc.core.IndexOptions options;
  private final LanguageDetector detector;
  private final TextExtractor extractor = new TextExtractor();
  private final Directory rootDir;
  private final Lock lock;
  private final Map<String, IndexWriter> writers = new ConcurrentHashMap<>();
  private final Map<String, Indexed> existing;
  private final Progress progress = new Progress();
  private final Object commitLock = new Object();
  private volatile boolean stopRequested;
  private boolean rebuilt;

  /** A document already in the index. */
  private record Indexed(String indexLang, long size, long mtime, String hash, int copies) {}

  /** Live counters a front end may poll while {@link #index} runs. Thread-safe. */
  public static final class Progress {
    private final AtomicInteger files = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong indexedBytes = new AtomicLong();
    private final AtomicInteger discovered = new AtomicInteger();
    private final AtomicLong discoveredBytes = new AtomicLong();
    private final AtomicInteger commits = new AtomicInteger();
    private final Map<String, AtomicInteger> languages = new ConcurrentHashMap<>();
    private volatile boolean walking = true;

    /** Files handled so far: indexed, found unchanged, or skipped. */
    public int files() {
      return files.get();
    }

    /** Bytes of the files handled so far. */
    public long bytes() {
      return bytes.get();
    }

    /** Bytes of the files read and indexed so far (added or updated). */
    public long indexedBytes() {
      return indexedBytes.get();
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

    /** Commits made so far by this indexer. */
    public int commits() {
      return commits.get();
    }

    /** Documents indexed so far per recorded language. */
    public Map<String, Integer> languages() {
      Map<String, Integer> copy = new TreeMap<>();
      languages.forEach((k, v) -> copy.put(k, v.get()));
      return copy;
    }

    private void reset() {
      files.set(0);
      bytes.set(0);
      indexedBytes.set(0);
      discovered.set(0);
      discoveredBytes.set(0);
      languages.clear();
      walking = true;
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
    try {
      if (layout.exists() && !options.rebuild()) {
        layout.checkFormat(layout.readManifest());
      }
      this.existing = options.rebuild() ? new ConcurrentHashMap<>() : loadExisting();
    } catch (IOException | RuntimeException e) {
      lock.close();
      rootDir.close();
      throw e;
    }
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

  /** The index this indexer writes. */
  public IndexLayout layout() {
    return layout;
  }

  /**
   * Asks a running {@link #index} to stop soon: it stops reading new files, commits what it has
   * indexed and returns a summary marked interrupted. Safe to call from any thread (a shutdown hook).
   */
  public void requestStop() {
    stopRequested = true;
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
    Map<String, Indexed> map = new ConcurrentHashMap<>();
    Set<String> fields = Set.of(Fields.PATH, Fields.SIZE, Fields.MTIME, Fields.HASH);
    for (String lang : layout.languagesOnDisk()) {
      try (Directory dir = FSDirectory.open(layout.languageDir(lang));
          DirectoryReader reader = DirectoryReader.open(dir)) {
        for (LeafReaderContext leaf : reader.leaves()) {
          StoredFields stored = leaf.reader().storedFields();
          Bits live = leaf.reader().getLiveDocs();
          // Doc values, read column by column; documents of an older parkdoc have stored fields only.
          BinaryDocValues keys = leaf.reader().getBinaryDocValues(Fields.KEY);
          NumericDocValues sizes = leaf.reader().getNumericDocValues(Fields.BYTES);
          BinaryDocValues hashes = leaf.reader().getBinaryDocValues(Fields.SHA256);
          NumericDocValues mtimes = leaf.reader().getNumericDocValues(Fields.MODIFIED);
          for (int i = 0; i < leaf.reader().maxDoc(); i++) {
            if (live != null && !live.get(i)) {
              continue;
            }
            String path;
            long size;
            String hash;
            if (keys != null && keys.advanceExact(i) && sizes.advanceExact(i) && hashes.advanceExact(i)) {
              path = keys.binaryValue().utf8ToString();
              size = sizes.longValue();
              hash = hashes.binaryValue().utf8ToString();
            } else {
              Document d = stored.document(i, fields);
              path = d.get(Fields.PATH);
              size = d.getField(Fields.SIZE).numericValue().longValue();
              hash = d.get(Fields.HASH);
            }
            // the modification time is kept current in place
            long mtime = mtimes != null && mtimes.advanceExact(i)
                ? mtimes.longValue() : stored.document(i, Set.of(Fields.MTIME)).getField(Fields.MTIME).numericValue().longValue();
            Indexed before = map.get(path);
            map.put(path, new Indexed(lang, size, mtime, hash, before == null ? 1 : before.copies + 1));
          }
        }
      }
    }
    return map;
  }

  /**
   * Indexes the files and folders {@code paths} (absolute, or relative to the working directory),
   * removes the documents of files gone from under them, and commits.
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
    progress.reset();
    rebuildOnce();
    Run run = new Run();
    try (Workers workers = new Workers(run)) {
      for (Path root : roots) {
        walk(root, run, workers);
      }
      progress.walking = false;
      workers.await();
      if (!stopRequested) {
        removeVanished(roots, run);
      }
      workers.flush();
    }
    commit();
    return run.summary(start, stopRequested);
  }

  /**
   * Brings the documents of {@code changed} up to date: each path that is a file is indexed (or
   * found unchanged), a folder is walked, and a path that no longer exists has its document, or the
   * documents under it, removed. Then commits. Used by watch mode, for the paths events named.
   */
  public IndexSummary update(Collection<Path> changed) {
    long start = System.nanoTime();
    progress.reset();
    Run run = new Run();
    List<String> gone = new ArrayList<>();
    // a path under another one given is walked with it, not twice at once
    TreeSet<Path> paths = new TreeSet<>();
    for (Path p : changed) {
      paths.add(p.toAbsolutePath().normalize());
    }
    paths.removeIf(p -> {
      for (Path q = p.getParent(); q != null; q = q.getParent()) {
        if (paths.contains(q)) {
          return true;
        }
      }
      return false;
    });
    try (Workers workers = new Workers(run)) {
      for (Path abs : paths) {
        if (isHiddenOrBackup(abs) || Files.isDirectory(abs) && skipsFolder(abs)) {
          continue; // what a walk would pass over (the watcher watches no folder a walk skips)
        }
        if (Files.exists(abs)) {
          walk(abs, run, workers);
        } else {
          gone.add(FileKeys.of(abs));
        }
      }
      progress.walking = false;
      workers.await();
      for (String key : gone) {
        removeUnder(key, run);
      }
      // files that became unindexable (emptied, binary) lose their document
      for (String key : run.dropped) {
        if (existing.containsKey(key)) {
          removeDocument(key);
          run.removed.incrementAndGet();
        }
      }
    }
    commit();
    return run.summary(start, stopRequested);
  }

  /**
   * True for a folder a walk does not enter: hidden ones and version-control metadata (.git, .svn),
   * node_modules, and parkdoc indices (this one, or any holding a parkdoc lock file).
   */
  boolean skipsFolder(Path dir) {
    return dir.equals(layout.root()) || isSkippedName(dir) || Files.exists(dir.resolve(LOCK));
  }

  /**
   * True for files a walk passes over without a word, as it does hidden folders: hidden files
   * (.bashrc, an editor's .swp) and editors' backups (notes.txt~, #notes.txt#), copies of
   * documents that are indexed already.
   */
  static boolean isHiddenOrBackup(Path file) {
    Path name = file.getFileName();
    if (name == null) {
      return false;
    }
    String n = name.toString();
    return n.startsWith(".") || n.endsWith("~") || n.startsWith("#") && n.endsWith("#");
  }

  private static boolean isSkippedName(Path dir) {
    Path name = dir.getFileName();
    return name != null && (SKIPPED_DIRS.contains(name.toString()) || name.toString().startsWith("."));
  }

  /** True once {@link #requestStop} was called. */
  public boolean stopRequested() {
    return stopRequested;
  }

  private void rebuildOnce() {
    if (!options.rebuild() || rebuilt) {
      return;
    }
    rebuilt = true;
    for (String lang : layout.languagesOnDisk()) {
      try {
        writer(lang).deleteAll();
      } catch (IOException e) {
        throw new ParkdocException("cannot clear the " + lang + " index: " + e.getMessage(), e);
      }
    }
  }

  /**
   * The worker pool of one run, and the periodic commit beside it. Closing it never interrupts a
   * worker: an interrupt inside Lucene's file I/O would close the index writer for good.
   */
  private final class Workers implements AutoCloseable {
    private final ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.threads()), r -> {
      Thread t = new Thread(r, "parkdoc-indexer");
      t.setDaemon(true);
      return t;
    });
    private final ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "parkdoc-commit");
      t.setDaemon(true);
      return t;
    });
    private final List<Future<?>> pending = new ArrayList<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Run run;

    Workers(Run run) {
      this.run = run;
      long every = options.commitInterval().toMillis();
      committer.scheduleWithFixedDelay(() -> {
        try {
          commit();
        } catch (RuntimeException e) {
          failure.compareAndSet(null, e);
          run.aborted = true;
        }
      }, every, every, TimeUnit.MILLISECONDS);
    }

    void submit(Runnable task) {
      pending.add(pool.submit(() -> {
        if (!stopRequested && !run.aborted) {
          task.run();
        }
      }));
    }

    /** Waits for every task; rethrows the first failure of a task or of a periodic commit. */
    void await() {
      for (Future<?> f : pending) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          run.aborted = true;
          throw new ParkdocException("indexing interrupted", e);
        } catch (ExecutionException e) {
          run.aborted = true;
          Throwable cause = e.getCause();
          throw cause instanceof ParkdocException pe ? pe : new ParkdocException("indexing failed: " + cause, cause);
        }
      }
      pending.clear();
      RuntimeException e = failure.get();
      if (e != null) {
        throw e;
      }
    }

    /**
     * Writes the documents still buffered in memory to segments, one buffer per worker at a time.
     * The commit that follows would do it in one thread, the last serial stretch of a run.
     */
    void flush() {
      List<Future<?>> flushes = new ArrayList<>();
      for (IndexWriter w : writers.values()) {
        for (int i = 0; i < Math.max(1, options.threads()); i++) {
          flushes.add(pool.submit(() -> {
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
          throw new ParkdocException("cannot write the index: " + e.getCause().getMessage(), e.getCause());
        }
      }
    }

    /** Lets running tasks finish, drops the queued ones when the run failed, and stops committing. */
    @Override
    public void close() {
      if (failure.get() != null || !pending.isEmpty()) {
        // closed by an exception before await() returned: the rest of the run is abandoned
        run.aborted = true;
      }
      committer.shutdown();
      pool.shutdown();
      try {
        committer.awaitTermination(1, TimeUnit.MINUTES);
        pool.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Per-run tallies, shared by the workers. */
  private final class Run {
    final AtomicInteger added = new AtomicInteger();
    final AtomicInteger updated = new AtomicInteger();
    final AtomicInteger unchanged = new AtomicInteger();
    final AtomicInteger removed = new AtomicInteger();
    final List<IndexSummary.Skipped> skipped = Collections.synchronizedList(new ArrayList<>());
    final List<IndexSummary.Repaired> repaired = Collections.synchronizedList(new ArrayList<>());
    /** Paths whose documents stay: indexed, unchanged, or unreadable this time (kept, not lost). */
    final Set<String> kept = ConcurrentHashMap.newKeySet();
    /** Folders that could not be read: the documents under them stay too. */
    final Set<String> unreadableFolders = ConcurrentHashMap.newKeySet();
    /** Paths seen but not indexable now (emptied, binary, vanished): their documents go. */
    final Set<String> dropped = ConcurrentHashMap.newKeySet();
    /** Set when the run failed: queued files are not read. */
    volatile boolean aborted;

    void skip(String key, String reason, boolean error) {
      skipped.add(new IndexSummary.Skipped(key, reason, error));
      if (error) {
        kept.add(key);
      } else {
        dropped.add(key);
      }
    }

    IndexSummary summary(long start, boolean interrupted) {
      List<IndexSummary.Skipped> s = new ArrayList<>(skipped);
      s.sort((a, b) -> a.path().compareTo(b.path()));
      List<IndexSummary.Repaired> r = new ArrayList<>(repaired);
      r.sort((a, b) -> a.path().compareTo(b.path()));
      return new IndexSummary(added.get(), updated.get(), unchanged.get(), removed.get(),
          new TreeMap<>(progress.languages()), s, r, progress.indexedBytes(), System.nanoTime() - start,
          interrupted);
    }
  }

  private void walk(Path root, Run run, Workers workers) {
    try {
      Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (stopRequested) {
                return FileVisitResult.TERMINATE;
              }
              // a folder named on the command line is entered even when hidden, unless it is an index
              boolean skip = dir.equals(root) ? dir.equals(layout.root()) : skipsFolder(dir);
              return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (stopRequested) {
                return FileVisitResult.TERMINATE;
              }
              if (!file.equals(root) && isHiddenOrBackup(file)) {
                return FileVisitResult.CONTINUE;
              }
              String key = FileKeys.of(file);
              progress.discovered.incrementAndGet();
              progress.discoveredBytes.addAndGet(attrs.size());
              if (!attrs.isRegularFile()) {
                // a link whose target is missing comes with the link's own attributes; a FIFO would
                // block a reader forever; devices and sockets are no documents
                handled(0);
                run.skip(key, attrs.isSymbolicLink() ? "dangling symbolic link" : "not a regular file", false);
                return FileVisitResult.CONTINUE;
              }
              Indexed before = existing.get(key);
              if (before != null && before.copies == 1 && before.size == attrs.size()
                  && before.mtime == attrs.lastModifiedTime().toMillis()) {
                // the common case of a re-run: no need to hand the file to a worker
                run.unchanged.incrementAndGet();
                run.kept.add(key);
                handled(attrs.size());
                return FileVisitResult.CONTINUE;
              }
              workers.submit(() -> indexFile(file, key, attrs, run));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              String key = FileKeys.of(file);
              if (e instanceof FileSystemLoopException) {
                run.skip(key, "symbolic link loop", false);
              } else if (e instanceof NoSuchFileException) {
                // a dangling link, or a file deleted since its folder was listed
                run.skip(key, Files.isSymbolicLink(file) ? "dangling symbolic link" : "vanished during the run", false);
              } else {
                // unreadable: keep what is indexed for it (and, for a folder, under it)
                run.skip(key, reason(e), true);
                run.unreadableFolders.add(key);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new ParkdocException("cannot read " + root + ": " + reason(e), e);
    }
  }

  private void handled(long bytes) {
    progress.files.incrementAndGet();
    progress.bytes.addAndGet(bytes);
  }

  private static String reason(IOException e) {
    if (e instanceof FileSystemLoopException) {
      return "symbolic link loop";
    }
    if (e instanceof NoSuchFileException) {
      return "vanished during the run";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "not a folder";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      // the message without the file name, which the report shows anyway
      return fse.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private void indexFile(Path file, String key, BasicFileAttributes attrs, Run run) {
    long size = attrs.size();
    try {
      long mtime = attrs.lastModifiedTime().toMillis();
      Indexed before = existing.get(key);
      if (size > options.maxBytes()) {
        run.skip(key, "larger than --max-size (" + (options.maxBytes() >> 20) + " MiB)", false);
        return;
      }
      if (size == 0) {
        run.skip(key, "empty", false);
        return;
      }
      byte[] bytes = read(file, size);
      if (bytes == null) {
        run.skip(key, "binary content", false);
        return;
      }
      if (bytes.length == 0) {
        run.skip(key, "empty", false);
        return;
      }
      // A file written again while (or just before) it was read may hold other bytes than these
      // under the same time stamp; record a time that makes the next run read it again.
      long now = System.currentTimeMillis();
      BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
      boolean settled = after.lastModifiedTime().toMillis() == mtime && after.size() == bytes.length
          && now - mtime >= RACY_MILLIS;
      long recordedMtime = settled ? mtime : UNTRUSTED_MTIME;
      String hash = sha256(bytes);
      if (before != null && before.copies == 1 && hash.equals(before.hash)) {
        if (before.mtime != recordedMtime) {
          // touched, not changed: remember the new time so the next run need not read it
          updateMtime(before.indexLang, key, recordedMtime);
          existing.put(key, new Indexed(before.indexLang, before.size, recordedMtime, hash, 1));
        }
        run.unchanged.incrementAndGet();
        run.kept.add(key);
        return;
      }
      SourceText source = extractor.extract(key, bytes, options.forcedEncoding());
      if (source.text().isBlank()) {
        run.skip(key, "no text", false);
        return;
      }
      String lang = options.forcedLang() != null ? options.forcedLang() : detector.detect(source.text()).lang();
      String indexLang = Languages.indexLanguage(lang);
      Document doc = new Document();
      doc.add(new StringField(Fields.PATH, key, Field.Store.YES));
      doc.add(new StringField(Fields.LANG, lang, Field.Store.YES));
      doc.add(new StringField(Fields.INDEX_LANG, indexLang, Field.Store.NO));
      doc.add(new StoredField(Fields.TITLE, source.title()));
      doc.add(new StoredField(Fields.SIZE, (long) bytes.length));
      doc.add(new StoredField(Fields.MTIME, recordedMtime));
      doc.add(new NumericDocValuesField(Fields.MODIFIED, recordedMtime));
      doc.add(new BinaryDocValuesField(Fields.KEY, new BytesRef(key)));
      doc.add(new NumericDocValuesField(Fields.BYTES, bytes.length));
      doc.add(new BinaryDocValuesField(Fields.SHA256, new BytesRef(hash)));
      doc.add(new StoredField(Fields.HASH, hash));
      doc.add(new StoredField(Fields.ENCODING, source.encoding()));
      doc.add(new Field(Fields.text(indexLang), source.text(), TEXT));
      if (Languages.isCjk(indexLang)) {
        doc.add(new Field(Fields.bigrams(indexLang), source.text(), BIGRAMS));
      }
      Term id = new Term(Fields.PATH, key);
      if (before != null && (!before.indexLang.equals(indexLang) || before.copies > 1)) {
        // The language changed (or a crash left two copies): never keep a document in two indices.
        for (String other : layout.languagesOnDisk()) {
          if (!other.equals(indexLang)) {
            writer(other).deleteDocuments(id);
          }
        }
      }
      writer(indexLang).updateDocument(id, doc);
      existing.put(key, new Indexed(indexLang, bytes.length, recordedMtime, hash, 1));
      (before == null ? run.added : run.updated).incrementAndGet();
      run.kept.add(key);
      if (source.malformed() > 0) {
        run.repaired.add(new IndexSummary.Repaired(key, source.malformed()));
      }
      progress.indexedBytes.addAndGet(bytes.length);
      progress.languages.computeIfAbsent(lang, k -> new AtomicInteger()).incrementAndGet();
    } catch (TextExtractor.NotTextException e) {
      run.skip(key, e.getMessage(), false);
    } catch (NoSuchFileException e) {
      run.skip(key, "vanished during the run", false);
    } catch (IOException e) {
      run.skip(key, reason(e), true);
    } catch (OutOfMemoryError e) {
      run.skip(key, "too large to analyse in memory", true);
    } finally {
      handled(size);
    }
  }

  /**
   * The bytes of {@code file}, or null when its first {@value #HEAD} bytes are binary: a large
   * binary file (an image, an archive) is not read through only to be refused.
   */
  private byte[] read(Path file, long size) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes((int) Math.min(size, HEAD));
      if (TextExtractor.isBinary(head)) {
        return null;
      }
      byte[] rest = in.readAllBytes();
      if (rest.length == 0) {
        return head;
      }
      byte[] all = new byte[head.length + rest.length];
      System.arraycopy(head, 0, all, 0, head.length);
      System.arraycopy(rest, 0, all, head.length, rest.length);
      return all;
    }
  }

  private void updateMtime(String indexLang, String key, long mtime) throws IOException {
    try {
      writer(indexLang).updateNumericDocValue(new Term(Fields.PATH, key), Fields.MODIFIED, mtime);
    } catch (IllegalArgumentException e) {
      // an index written before the time was kept in doc values: the file is hashed again next time
    }
  }

  private void removeVanished(List<Path> roots, Run run) {
    for (String path : existing.keySet()) {
      if (run.kept.contains(path) || underAny(path, run.unreadableFolders)) {
        continue;
      }
      for (Path root : roots) {
        if (isUnder(path, FileKeys.of(root))) {
          removeDocument(path);
          run.removed.incrementAndGet();
          break;
        }
      }
    }
  }

  /** Removes the document of {@code key} and every document under it (a deleted folder). */
  private void removeUnder(String key, Run run) {
    for (String path : existing.keySet()) {
      if (isUnder(path, key)) {
        removeDocument(path);
        run.removed.incrementAndGet();
      }
    }
  }

  private static boolean underAny(String path, Set<String> folders) {
    for (String f : folders) {
      if (isUnder(path, f)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isUnder(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
  }

  private void removeDocument(String key) {
    Term id = new Term(Fields.PATH, key);
    Set<String> langs = new TreeSet<>(layout.languagesOnDisk());
    langs.addAll(writers.keySet());
    try {
      for (String lang : langs) {
        writer(lang).deleteDocuments(id);
      }
    } catch (IOException e) {
      throw new ParkdocException("cannot update the index: " + e.getMessage(), e);
    }
    existing.remove(key);
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
        // flushed segments stay as separate files: packing them into a compound file copies every
        // byte again, about a tenth of the indexing CPU (merged segments follow the merge policy)
        config.setUseCompoundFile(false);
        config.setCommitOnClose(false);
        return new IndexWriter(FSDirectory.open(layout.languageDir(lang)), config);
      } catch (IOException e) {
        throw new ParkdocException("cannot open the " + lang + " index: " + e.getMessage(), e);
      }
    });
  }

  /**
   * Commits every language index, then records the document counts in the manifest. Safe to call
   * while files are being indexed: documents added meanwhile go into this commit or the next.
   */
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
            try (Directory dir = FSDirectory.open(layout.languageDir(lang));
                DirectoryReader r = DirectoryReader.open(dir)) {
              counts.put(lang, (long) r.numDocs());
            }
          }
        }
        layout.writeManifest(counts);
        progress.commits.incrementAndGet();
      } catch (IOException e) {
        throw new ParkdocException("cannot commit the index: " + e.getMessage(), e);
      }
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
