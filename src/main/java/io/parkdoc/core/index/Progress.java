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
  volatile boolean walking = true;

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
    walking = true;
  }
}
