package io.parkdoc.core;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Where the indexing pipeline writes documents: the local per-language Lucene indices, or a search
 * server's collection. One store holds the index's write lock from opening until {@link #close}; a
 * second one fails at once with a clear message.
 *
 * <p>{@link #put}, {@link #touch} and {@link #delete} may be called from several threads at once;
 * {@link #commit} from any thread, while they run: what was written before it returns is kept.
 */
public interface DocumentStore extends AutoCloseable {
  /** Where the index is. */
  IndexLocation location();

  /**
   * The folder the store keeps its own files in, which a folder walk must never enter, or null when
   * it keeps none on this machine.
   */
  Path folder();

  /**
   * Every document stored when the store was opened, by path; the map is the caller's to change.
   */
  Map<String, StoredDocument> existing();

  /**
   * Stores {@code doc}, replacing the document of its path; {@code before} is what was stored for
   * it ({@code null} for a new file), so that a document whose language changed leaves its old
   * language's index.
   */
  void put(IndexedDocument doc, StoredDocument before);

  /** Records a new modification time for an unchanged document, in place. */
  void touch(StoredDocument doc, long mtime);

  /** Removes the document of {@code path}, in whatever language it is stored. */
  void delete(String path);

  /** Removes every document (a rebuild). */
  void clear();

  /**
   * Writes what is buffered in memory using up to {@code threads} tasks of {@code pool}, before a
   * commit (which would otherwise do it on one thread). A store that buffers nothing does nothing.
   */
  default void flush(ExecutorService pool, int threads) {}

  /** Makes everything written so far durable and visible to searches. */
  void commit();

  /** How many commits this store made. */
  int commits();

  /** Drops what was not committed and releases the write lock. */
  @Override
  void close();
}
