package io.parkdoc.core.index;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of an indexing run, which a front end may poll while {@link Indexer#index} runs.
 * Thread-safe.
 */
public final class Progress {
  final AtomicInteger files = new AtomicInteger();
  final AtomicLong bytes = new AtomicLong();
  final AtomicLong indexedBytes = new AtomicLong();
  final AtomicInteger discovered = new AtomicInteger();
  final AtomicLong discoveredBytes = new AtomicLong();
  final AtomicInteger commits = new AtomicInteger();
  final Map<String, AtomicInteger> languages = new ConcurrentHashMap<>();
  final Map<String, Speed> speeds = new ConcurrentHashMap<>();
  volatile boolean walking = true;

  /**
   * What reading, detecting and analysing one language's files has cost so far.
   *
   * @param bytes the bytes of the files of this language indexed (added or updated)
   * @param nanos the time the workers spent on them, summed over the workers
   */
  public record Speed(long bytes, long nanos) {
    Speed plus(long moreBytes, long moreNanos) {
      return new Speed(bytes + moreBytes, nanos + moreNanos);
    }
  }

  /** Records that the walk found a file of {@code bytes} bytes. */
  public void found(long bytes) {
    discovered.incrementAndGet();
    discoveredBytes.addAndGet(bytes);
  }

  /** Records that a file of {@code bytes} bytes was handled: indexed, unchanged or skipped. */
  public void handled(long bytes) {
    files.incrementAndGet();
    this.bytes.addAndGet(bytes);
  }

  /**
   * Records that a file of {@code bytes} bytes in {@code lang} was indexed, which took a worker
   * {@code nanos}.
   */
  public void indexed(String lang, long bytes, long nanos) {
    indexedBytes.addAndGet(bytes);
    languages.computeIfAbsent(lang, k -> new AtomicInteger()).incrementAndGet();
    speeds.merge(lang, new Speed(bytes, nanos), (a, b) -> a.plus(b.bytes, b.nanos));
  }

  /** Records that the walk is over: {@link #discovered} is final. */
  public void walked() {
    walking = false;
  }

  /** The cost so far of each language's files ({@link Speed}). */
  public Map<String, Speed> speeds() {
    return new TreeMap<>(speeds);
  }

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

  void reset() {
    files.set(0);
    bytes.set(0);
    indexedBytes.set(0);
    discovered.set(0);
    discoveredBytes.set(0);
    languages.clear();
    speeds.clear();
    walking = true;
  }
}
