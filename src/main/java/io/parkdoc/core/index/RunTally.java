package io.parkdoc.core.index;

import io.parkdoc.core.IndexSummary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Per-run tallies, shared by the workers. */
final class RunTally {
  final AtomicInteger added = new AtomicInteger();
  final AtomicInteger updated = new AtomicInteger();
  final AtomicInteger unchanged = new AtomicInteger();
  final AtomicInteger removed = new AtomicInteger();
  final List<IndexSummary.Skipped> skipped = Collections.synchronizedList(new ArrayList<>());
  final List<IndexSummary.Repaired> repaired = Collections.synchronizedList(new ArrayList<>());
  final List<String> truncated = Collections.synchronizedList(new ArrayList<>());

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

  IndexSummary summary(Progress progress, long start, boolean interrupted) {
    List<IndexSummary.Skipped> s = new ArrayList<>(skipped);
    s.sort((a, b) -> a.path().compareTo(b.path()));
    List<IndexSummary.Repaired> r = new ArrayList<>(repaired);
    r.sort((a, b) -> a.path().compareTo(b.path()));
    return new IndexSummary(
        added.get(),
        updated.get(),
        unchanged.get(),
        removed.get(),
        new TreeMap<>(progress.languages()),
        s,
        r,
        progress.indexedBytes(),
        System.nanoTime() - start,
        interrupted,
        truncated.stream().sorted().toList());
  }
}
