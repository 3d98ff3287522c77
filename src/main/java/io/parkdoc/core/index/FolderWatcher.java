package io.parkdoc.core.index;

import io.parkdoc.core.IndexSummary;
import io.parkdoc.core.ParkdocException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps an index current while files under some folders are added, changed, renamed or deleted,
 * until {@link Indexer#requestStop()} is called.
 *
 * <p>Every folder under the roots is registered with the platform's {@link WatchService} (inotify
 * on Linux), and new folders as they appear. Events come in bursts (an editor's save is a create,
 * some modifies and a rename), so they are gathered until {@value #QUIET_MILLIS} ms pass without
 * one (at most {@value #MAX_WAIT_MILLIS} ms), and the paths they name go to {@link Indexer#update}
 * together: the same indexing path as a full run, then a commit. A deleted or renamed-away folder
 * takes the documents under it along. When the platform drops events (overflow), the roots are
 * indexed again in full.
 *
 * <p>Not thread-safe: {@link #run} is called from one thread; stop it from any thread through the
 * indexer.
 */
public final class FolderWatcher implements Closeable {
  private static final long QUIET_MILLIS = 300;
  private static final long MAX_WAIT_MILLIS = 3000;
  private static final long POLL_MILLIS = 200;

  private final Indexer indexer;
  private final List<Path> roots;
  private final WatchService service;
  private final Map<WatchKey, Path> folders = new HashMap<>();

  private FolderWatcher(Indexer indexer, List<Path> roots) throws IOException {
    this.indexer = indexer;
    this.roots = roots;
    this.service = roots.get(0).getFileSystem().newWatchService();
  }

  /**
   * Starts watching the folders {@code roots} (absolute) and every folder under them.
   *
   * @throws ParkdocException when the platform cannot watch them (e.g. the inotify limit is
   *     reached)
   */
  public static FolderWatcher start(Indexer indexer, List<Path> roots) {
    List<Path> abs = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    FolderWatcher w;
    try {
      w = new FolderWatcher(indexer, abs);
    } catch (IOException e) {
      throw new ParkdocException("cannot watch folders: " + e.getMessage(), e);
    }
    try {
      for (Path root : abs) {
        w.registerTree(Files.isDirectory(root) ? root : root.getParent());
      }
    } catch (IOException e) {
      w.close();
      String advice =
          e.getMessage() != null && e.getMessage().contains("inotify")
              ? " (raise it with: sysctl fs.inotify.max_user_watches=524288)"
              : "";
      throw new ParkdocException("cannot watch " + e.getMessage() + advice, e);
    }
    return w;
  }

  /** The number of folders being watched. */
  public int folders() {
    return folders.size();
  }

  private void registerTree(Path top) throws IOException {
    Path boundary = indexer.boundaryOf(top.resolve("x"));
    Files.walkFileTree(
        top,
        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (!dir.equals(top) && indexer.skipsFolder(dir) || dir.equals(indexer.indexFolder())) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            if (!dir.equals(top) && Files.isSymbolicLink(dir) && !indexer.follows(dir, boundary)) {
              return FileVisitResult.SKIP_SUBTREE; // a link out of the indexed folder
            }
            try {
              WatchKey key =
                  dir.register(
                      service,
                      StandardWatchEventKinds.ENTRY_CREATE,
                      StandardWatchEventKinds.ENTRY_DELETE,
                      StandardWatchEventKinds.ENTRY_MODIFY);
              folders.put(key, dir);
            } catch (FileSystemException e) {
              if (e.getMessage() != null && e.getMessage().contains("inotify")) {
                throw e;
              }
              // a folder that vanished or cannot be read: nothing to watch there
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * Watches until the indexer is asked to stop, handing each batch's summary to {@code onBatch}.
   */
  public void run(Consumer<IndexSummary> onBatch) {
    while (!indexer.stopRequested()) {
      Set<Path> changed = new LinkedHashSet<>();
      boolean overflow;
      try {
        overflow = collect(changed);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ClosedWatchServiceException e) {
        return;
      }
      if (overflow) {
        onBatch.accept(indexer.index(roots));
      } else if (!changed.isEmpty()) {
        onBatch.accept(indexer.update(changed));
      }
    }
  }

  /**
   * Gathers the paths of one burst of events into {@code changed}; true when events were lost.
   * Returns with nothing when asked to stop.
   */
  private boolean collect(Set<Path> changed) throws InterruptedException {
    long first = 0;
    boolean overflow = false;
    while (!indexer.stopRequested()) {
      long now = System.nanoTime();
      if (first != 0 && TimeUnit.NANOSECONDS.toMillis(now - first) >= MAX_WAIT_MILLIS) {
        break;
      }
      WatchKey key = service.poll(first == 0 ? POLL_MILLIS : QUIET_MILLIS, TimeUnit.MILLISECONDS);
      if (key == null) {
        if (first != 0) {
          break; // quiet: the burst is over
        }
        continue;
      }
      if (first == 0) {
        first = now;
      }
      Path dir = folders.get(key);
      for (WatchEvent<?> event : key.pollEvents()) {
        if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
          overflow = true;
          continue;
        }
        if (dir == null) {
          continue;
        }
        Path path = dir.resolve((Path) event.context());
        boolean folder = Files.isDirectory(path);
        if (event.kind() == StandardWatchEventKinds.ENTRY_MODIFY && folder) {
          continue; // a folder's own change says only that its list changed; entries have their own
          // events
        }
        changed.add(path);
        if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && folder) {
          try {
            registerTree(path);
          } catch (IOException e) {
            overflow = true; // cannot watch it: a full pass will at least index it
          }
        } else if (event.kind() == StandardWatchEventKinds.ENTRY_DELETE) {
          forgetFolder(path);
        }
      }
      if (!key.reset()) {
        folders.remove(key);
      }
    }
    return overflow;
  }

  /** Stops watching {@code dir} and the folders under it (deleted, or renamed away). */
  private void forgetFolder(Path dir) {
    for (Iterator<Map.Entry<WatchKey, Path>> it = folders.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<WatchKey, Path> e = it.next();
      if (e.getValue().startsWith(dir)) {
        e.getKey().cancel();
        it.remove();
      }
    }
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      // nothing is held beyond the process
    }
    folders.clear();
  }

  /** The roots being watched. */
  public List<Path> roots() {
    return new ArrayList<>(roots);
  }
}
