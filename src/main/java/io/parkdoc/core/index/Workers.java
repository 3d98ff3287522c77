package io.parkdoc.core.index;

import io.parkdoc.core.DocumentStore;
import io.parkdoc.core.ParkdocException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The worker pool of one run, and the periodic commit beside it. Closing it never interrupts a
 * worker: an interrupt inside Lucene's file I/O would close the index writer for good.
 */
final class Workers implements AutoCloseable {
  private final int threads;
  private final DocumentStore store;
  private final BooleanSupplier stopRequested;
  private final ExecutorService pool;
  private final ScheduledExecutorService committer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "parkdoc-commit");
            t.setDaemon(true);
            return t;
          });
  private final List<Future<?>> pending = new ArrayList<>();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final RunTally run;

  /**
   * Starts {@code threads} workers for {@code run}, and a {@code commit} every {@code
   * commitInterval}; {@code store} flushes its buffers on them at the end; tasks submitted after
   * {@code stopRequested} turns true are dropped.
   */
  Workers(
      int threads,
      Duration commitInterval,
      DocumentStore store,
      Runnable commit,
      BooleanSupplier stopRequested,
      RunTally run) {
    this.threads = Math.max(1, threads);
    this.store = store;
    this.stopRequested = stopRequested;
    this.run = run;
    this.pool =
        Executors.newFixedThreadPool(
            this.threads,
            r -> {
              Thread t = new Thread(r, "parkdoc-indexer");
              t.setDaemon(true);
              return t;
            });
    long every = commitInterval.toMillis();
    committer.scheduleWithFixedDelay(
        () -> {
          try {
            commit.run();
          } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            run.aborted = true;
          }
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
  }

  void submit(Runnable task) {
    pending.add(
        pool.submit(
            () -> {
              if (!stopRequested.getAsBoolean() && !run.aborted) {
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
        throw cause instanceof ParkdocException pe
            ? pe
            : new ParkdocException("indexing failed: " + cause, cause);
      }
    }
    pending.clear();
    RuntimeException e = failure.get();
    if (e != null) {
      throw e;
    }
  }

  /**
   * Writes the documents still buffered in memory to segments, one buffer per worker at a time. The
   * commit that follows would do it in one thread, the last serial stretch of a run.
   */
  void flush() {
    store.flush(pool, threads);
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
