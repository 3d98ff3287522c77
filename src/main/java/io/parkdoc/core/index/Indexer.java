package io.parkdoc.core.index;

import io.parkdoc.core.DocumentStore;
import io.parkdoc.core.IndexLocation;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.IndexSummary;
import io.parkdoc.core.IndexedDocument;
import io.parkdoc.core.IoErrors;
import io.parkdoc.core.ParkdocException;
import io.parkdoc.core.StoredDocument;
import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.analysis.Warmup;
import io.parkdoc.core.detect.Detection;
import io.parkdoc.core.detect.LanguageDetector;
import io.parkdoc.core.detect.LanguageParts;
import io.parkdoc.core.extract.Extractor;
import io.parkdoc.core.extract.NotTextException;
import io.parkdoc.core.extract.SourceText;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The indexing pipeline: walks folders ({@link FolderWalk}), skips what has not changed, reads each
 * file's text through the {@link Extractor}, detects its language, and hands the document to a
 * {@link DocumentStore}, keyed by its absolute path ({@link FileKeys}).
 *
 * <p>Incremental: a file whose size and modification time are unchanged is not read; one whose
 * content hash is unchanged is not re-indexed (its new modification time is recorded in place);
 * documents of files gone from under an indexed folder are removed, and a document whose language
 * changed moves to the other language index.
 *
 * <p>Crash-safe: a run commits every {@link IndexOptions#commitInterval()}, so a killed run leaves
 * its last commit searchable and the next run only does what is left (a stored document that a
 * crash left in parts of two versions is not {@link StoredDocument#intact()} and is indexed again).
 *
 * <p>The store holds the index's write lock from its opening until {@link #close}; a second one
 * fails at once with a clear message. Readers need no lock: searches keep working during a run and
 * see its documents after each commit. {@link #index} and {@link #update} are meant to be called
 * from one thread at a time; they use {@link IndexOptions#threads()} workers themselves. {@link
 * #progress}, {@link #commit} and {@link #requestStop} may be called from any thread.
 *
 * <p>Why this file is longer than 500 lines: the walk (links, skip rules) and the per-file step
 * (change detection, extraction, detection, marks) share the run's tallies and the stored documents
 * map; the walk is the part to move to {@code FolderWalk} next.
 */
public final class Indexer implements Closeable {
  /**
   * A file modified less than this before it was read may change again within the same modification
   * time (a clock tick); its time is not trusted, so the next run reads it again.
   */
  private static final long RACY_MILLIS = 2000;

  /** A modification time that never matches a file's: the next run reads the file again. */
  private static final long UNTRUSTED_MTIME = -1;

  private final DocumentStore store;
  private final IndexOptions options;
  private final LanguageDetector detector;
  private final Extractor extractor;
  private final Map<String, StoredDocument> existing;
  private final Progress progress = new Progress();
  private volatile boolean stopRequested;
  private boolean rebuilt;

  /** The real paths of the folders the last {@link #index} run was given, for {@link #update}. */
  private List<Path> trees = List.of();

  private Indexer(
      DocumentStore store, IndexOptions options, LanguageDetector detector, Extractor extractor) {
    this.store = store;
    this.options = options;
    this.detector = detector;
    this.extractor = extractor;
    this.existing = store.existing();
  }

  /**
   * An indexer writing into {@code store}, which it closes when closed.
   *
   * @param extractor reads files' bytes as text ({@link io.parkdoc.core.extract.TextExtractor}, or
   *     one that reads document formats too)
   */
  public static Indexer open(
      DocumentStore store, IndexOptions options, LanguageDetector detector, Extractor extractor) {
    return new Indexer(store, options, detector, extractor);
  }

  /** Counters of the run in progress. */
  public Progress progress() {
    return progress;
  }

  /** Where this indexer writes. */
  public IndexLocation location() {
    return store.location();
  }

  /**
   * The folder of the index being written, which walks never enter, or null when it has none here.
   */
  public Path indexFolder() {
    return store.folder();
  }

  /**
   * Loads, on a background thread, what indexing the next changed file will need: the language
   * detector's model and the analyzers of the languages in the index. Watch mode calls it when it
   * starts waiting, so that the first edit is applied as soon as the next ones (it took seconds
   * more: the dictionaries load on first use).
   */
  public void warmUp() {
    Set<String> langs = new TreeSet<>();
    existing.values().forEach(d -> langs.addAll(d.indexLangs()));
    Warmup.forLanguages(
        langs,
        () -> detector.detect("The watcher loads the language model before the first edit."));
  }

  /**
   * Asks a running {@link #index} to stop soon: it stops reading new files, commits what it has
   * indexed and returns a summary marked interrupted. Safe to call from any thread (a shutdown
   * hook).
   */
  public void requestStop() {
    stopRequested = true;
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
    trees = roots.stream().map(FolderWalk::realPath).toList();
    progress.reset();
    rebuildOnce();
    RunTally run = new RunTally();
    try (Workers workers =
        new Workers(
            options.threads(),
            options.commitInterval(),
            store,
            this::commit,
            () -> stopRequested,
            run)) {
      Set<Path> followed = ConcurrentHashMap.newKeySet();
      for (Path root : roots) {
        walk(root, FolderWalk.realPath(root), followed, run, workers);
      }
      progress.walked();
      workers.await();
      if (!stopRequested) {
        removeVanished(roots, run);
      }
      workers.flush();
    }
    commit();
    return run.summary(progress, start, stopRequested);
  }

  /**
   * Brings the documents of {@code changed} up to date: each path that is a file is indexed (or
   * found unchanged), a folder is walked, and a path that no longer exists has its document, or the
   * documents under it, removed. Then commits. Used by watch mode, for the paths events named.
   */
  public IndexSummary update(Collection<Path> changed) {
    long start = System.nanoTime();
    progress.reset();
    RunTally run = new RunTally();
    List<String> gone = new ArrayList<>();
    // a path under another one given is walked with it, not twice at once
    TreeSet<Path> paths = new TreeSet<>();
    for (Path p : changed) {
      paths.add(p.toAbsolutePath().normalize());
    }
    paths.removeIf(
        p -> {
          for (Path q = p.getParent(); q != null; q = q.getParent()) {
            if (paths.contains(q)) {
              return true;
            }
          }
          return false;
        });
    try (Workers workers =
        new Workers(
            options.threads(),
            options.commitInterval(),
            store,
            this::commit,
            () -> stopRequested,
            run)) {
      Set<Path> followed = ConcurrentHashMap.newKeySet();
      for (Path abs : paths) {
        if (FolderWalk.isHiddenOrBackup(abs) || Files.isDirectory(abs) && skipsFolder(abs)) {
          continue; // what a walk would pass over (the watcher watches no folder a walk skips)
        }
        Path boundary = boundaryOf(abs);
        if (Files.isSymbolicLink(abs)
            && FolderWalk.linkRefusal(abs, boundary, options.followLinks(), followed) != null) {
          continue; // a link out of the indexed folder, which a walk does not follow either
        }
        if (Files.exists(abs)) {
          walk(abs, boundary, followed, run, workers);
        } else {
          gone.add(FileKeys.of(abs));
        }
      }
      progress.walked();
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
    return run.summary(progress, start, stopRequested);
  }

  /** True for a folder a walk of this index does not enter ({@link FolderWalk#skipsFolder}). */
  boolean skipsFolder(Path dir) {
    return FolderWalk.skipsFolder(dir, store.folder());
  }

  /**
   * The real path of the indexed folder {@code abs} lies in: one the last {@link #index} run was
   * given, else the folder holding {@code abs}.
   */
  Path boundaryOf(Path abs) {
    Path real = FolderWalk.realPath(abs.getParent() == null ? abs : abs.getParent());
    for (Path tree : trees) {
      if (real.startsWith(tree)) {
        return tree;
      }
    }
    return real;
  }

  /**
   * True when a walk follows the symbolic link {@code link} found under the folder whose real path
   * is {@code boundary} ({@link FolderWalk#linkRefusal}, without the once-only rule).
   */
  public boolean follows(Path link, Path boundary) {
    return FolderWalk.linkRefusal(link, boundary, options.followLinks(), new HashSet<>()) == null;
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
    store.clear();
  }

  private void walk(Path root, Path boundary, Set<Path> followed, RunTally run, Workers workers) {
    try {
      Files.walkFileTree(
          root,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (stopRequested) {
                return FileVisitResult.TERMINATE;
              }
              // a folder named on the command line is entered even when hidden, unless it is an
              // index
              boolean skip = dir.equals(root) ? dir.equals(store.folder()) : skipsFolder(dir);
              if (skip) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              if (!dir.equals(root) && refusedLink(dir)) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (stopRequested) {
                return FileVisitResult.TERMINATE;
              }
              if (!file.equals(root) && FolderWalk.isHiddenOrBackup(file)) {
                return FileVisitResult.CONTINUE;
              }
              if (!file.equals(root) && !attrs.isSymbolicLink() && refusedLink(file)) {
                return FileVisitResult.CONTINUE;
              }
              String key = FileKeys.of(file);
              progress.found(attrs.size());
              if (!attrs.isRegularFile()) {
                // a link whose target is missing comes with the link's own attributes; a FIFO would
                // block a reader forever; devices and sockets are no documents
                handled(0);
                run.skip(
                    key,
                    attrs.isSymbolicLink() ? "dangling symbolic link" : "not a regular file",
                    false);
                return FileVisitResult.CONTINUE;
              }
              StoredDocument before = existing.get(key);
              if (before != null
                  && before.intact()
                  && before.size() == attrs.size()
                  && before.mtime() == attrs.lastModifiedTime().toMillis()) {
                // the common case of a re-run: no need to hand the file to a worker
                run.unchanged.incrementAndGet();
                run.kept.add(key);
                handled(attrs.size());
                return FileVisitResult.CONTINUE;
              }
              workers.submit(() -> indexFile(file, key, attrs, run));
              return FileVisitResult.CONTINUE;
            }

            /** True, and the link reported as skipped, for a link this walk does not follow. */
            private boolean refusedLink(Path path) {
              if (!Files.isSymbolicLink(path)) {
                return false;
              }
              String why = FolderWalk.linkRefusal(path, boundary, options.followLinks(), followed);
              if (why == null) {
                return false;
              }
              run.skip(FileKeys.of(path), why, false);
              return true;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              String key = FileKeys.of(file);
              if (e instanceof FileSystemLoopException) {
                run.skip(key, "symbolic link loop", false);
              } else if (e instanceof NoSuchFileException) {
                // a dangling link, or a file deleted since its folder was listed
                run.skip(
                    key,
                    Files.isSymbolicLink(file)
                        ? "dangling symbolic link"
                        : "vanished during the run",
                    false);
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
    progress.handled(bytes);
  }

  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "vanished during the run";
    }
    if (e instanceof NotDirectoryException) {
      return "not a folder";
    }
    return IoErrors.reason(e);
  }

  private void indexFile(Path file, String key, BasicFileAttributes attrs, RunTally run) {
    long started = System.nanoTime();
    long size = attrs.size();
    try {
      long mtime = attrs.lastModifiedTime().toMillis();
      StoredDocument before = existing.get(key);
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
      boolean settled =
          after.lastModifiedTime().toMillis() == mtime
              && after.size() == bytes.length
              && now - mtime >= RACY_MILLIS;
      long recordedMtime = settled ? mtime : UNTRUSTED_MTIME;
      String hash = sha256(bytes);
      if (before != null && before.intact() && hash.equals(before.hash())) {
        if (before.mtime() != recordedMtime) {
          // touched, not changed: remember the new time so the next run need not read it
          store.touch(before, recordedMtime);
          existing.put(
              key,
              new StoredDocument(
                  key, before.indexLangs(), before.size(), recordedMtime, hash, true));
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
      String text = source.text();
      String lang;
      List<IndexedDocument.Part> parts;
      if (options.forcedLang() != null) {
        lang = options.forcedLang();
        parts = List.of(new IndexedDocument.Part(lang, Languages.indexLanguage(lang), text));
      } else {
        Detection detection = detector.detect(text);
        lang = detection.lang();
        parts = LanguageParts.of(text, detection);
      }
      IndexedDocument doc =
          new IndexedDocument(
              key,
              lang,
              source.title(),
              bytes.length,
              recordedMtime,
              hash,
              source.encoding(),
              parts,
              source.marks());
      store.put(doc, before);
      existing.put(key, doc.stored());
      (before == null ? run.added : run.updated).incrementAndGet();
      run.kept.add(key);
      if (source.truncated()) {
        run.truncated.add(key);
      }
      if (source.malformed() > 0) {
        run.repaired.add(new IndexSummary.Repaired(key, source.malformed()));
      }
      progress.indexed(lang, bytes.length, System.nanoTime() - started);
    } catch (NotTextException e) {
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
   * The bytes of {@code file}, or null when the extractor refuses its first bytes: a large binary
   * file (an image, an archive) is not read through only to be refused.
   */
  private byte[] read(Path file, long size) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes((int) Math.min(size, Extractor.HEAD));
      if (!extractor.accepts(head)) {
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

  private void removeVanished(List<Path> roots, RunTally run) {
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
  private void removeUnder(String key, RunTally run) {
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
    store.delete(key);
    existing.remove(key);
  }

  /**
   * Commits what is indexed so far. Safe to call while files are being indexed: documents added
   * meanwhile go into this commit or the next.
   */
  public void commit() {
    store.commit();
    progress.commits.incrementAndGet();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Closes the store without committing further, which releases the write lock. */
  @Override
  public void close() {
    try {
      store.close();
    } finally {
      if (extractor instanceof AutoCloseable c) {
        // the document extractor's worker processes
        try {
          c.close();
        } catch (Exception e) {
          // nothing left to save
        }
      }
    }
  }
}
