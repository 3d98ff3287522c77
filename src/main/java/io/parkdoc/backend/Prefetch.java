package io.parkdoc.backend;

import io.parkdoc.core.IndexLocation;
import io.parkdoc.core.SearchBackend;
import io.parkdoc.core.analysis.Warmup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A search's index and dictionaries, opened and loaded on background threads while the command line
 * is still being parsed (on a 2-core machine, picocli's start-up and the index's overlap).
 *
 * <p>{@link #start} is given what a search will most likely need, read from the raw arguments: the
 * index folder and the query. It starts loading the dictionaries of the query's scripts at once,
 * and opens the index on another thread, which then asks the searcher which other analyzers the
 * query needs (a Latin word that the Korean index holds needs nori) and loads those too. The search
 * then {@link #take takes} the open searcher, or opens one itself when the guess was wrong or the
 * opening failed (it then reports the error itself). Closing closes a searcher nobody took.
 * Thread-safe.
 */
public final class Prefetch implements AutoCloseable {
  private final IndexLocation location;
  private final CompletableFuture<SearchBackend> searcher = new CompletableFuture<>();
  private boolean taken;

  private Prefetch(IndexLocation location) {
    this.location = location;
  }

  /** Starts opening the index at {@code location} and loading what {@code query} needs. */
  public static Prefetch start(IndexLocation location, String query) {
    Prefetch p = new Prefetch(location);
    Warmup.forQuery(query);
    Warmup.start(
        "parkdoc-prefetch-index",
        () -> {
          try {
            SearchBackend s = Backends.search(p.location);
            p.searcher.complete(s);
            s.prepare(query);
          } catch (
              Throwable e) { // whatever it is, the search must not wait for ever: it opens its own
            p.searcher.completeExceptionally(e);
          }
        });
    return p;
  }

  /**
   * The searcher of {@code location} opened ahead, or null when it is another index or failed to
   * open.
   */
  public synchronized SearchBackend take(IndexLocation location) {
    if (taken || !location.equals(this.location)) {
      return null;
    }
    try {
      SearchBackend s = searcher.join();
      taken = true;
      return s;
    } catch (CompletionException e) {
      return null;
    }
  }

  @Override
  public synchronized void close() {
    if (!taken) {
      taken = true;
      searcher.thenAccept(SearchBackend::close);
    }
  }
}
