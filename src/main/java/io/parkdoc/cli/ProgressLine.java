package io.parkdoc.cli;

import io.parkdoc.core.Indexer;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * A live progress line on stderr while indexing: files, MB, MB/s, ETA and the language mix,
 * redrawn in place four times a second. Only on a terminal; a pipe or --quiet gets nothing.
 */
final class ProgressLine implements AutoCloseable {
  private final Indexer.Progress progress;
  private final PrintWriter err;
  private final Thread thread;
  private final long start = System.nanoTime();
  private volatile boolean running = true;
  private final int columns;
  private int lastWidth;

  private ProgressLine(Indexer.Progress progress, PrintWriter err, boolean enabled, int width) {
    this.progress = progress;
    this.err = err;
    // One column short of the width: a line that fills it wraps on some terminals, and \r then
    // redraws only its second half.
    this.columns = width > 0 ? Math.min(MAX_COLUMNS, width - 1) : MAX_COLUMNS;
    if (enabled) {
      thread = new Thread(this::loop, "parkdoc-progress");
      thread.setDaemon(true);
      thread.start();
    } else {
      thread = null;
    }
  }

  /** The longest line drawn, on a wide terminal. */
  private static final int MAX_COLUMNS = 110;

  /**
   * Starts drawing {@code progress} on {@code err} when {@code enabled}, in lines shorter than
   * {@code width} columns (0 when not known).
   */
  static ProgressLine start(Indexer.Progress progress, PrintWriter err, boolean enabled, int width) {
    return new ProgressLine(progress, err, enabled, width);
  }

  private void loop() {
    while (running) {
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        return;
      }
      if (running) {
        draw();
      }
    }
  }

  private synchronized void draw() {
    double secs = (System.nanoTime() - start) / 1e9;
    double mb = progress.bytes() / 1e6;
    double rate = secs > 0 ? mb / secs : 0;
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%d/%d files  %.1f MB  %.2f MB/s",
        progress.files(), progress.discovered(), mb, rate));
    if (!progress.walking() && rate > 0) {
      double left = Math.max(0, progress.discoveredBytes() / 1e6 - mb) / rate;
      line.append(String.format(Locale.ROOT, "  ETA %ds", Math.round(left)));
    }
    Map<String, Integer> langs = progress.languages();
    if (!langs.isEmpty()) {
      line.append("  ");
      langs.forEach((k, v) -> line.append(' ').append(k).append(' ').append(v));
    }
    String s = line.length() > columns ? line.substring(0, Math.max(0, columns)) : line.toString();
    err.print("\r" + s + " ".repeat(Math.max(0, lastWidth - s.length())));
    err.flush();
    lastWidth = s.length();
  }

  @Override
  public synchronized void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      if (lastWidth > 0) {
        err.print("\r" + " ".repeat(lastWidth) + "\r");
        err.flush();
      }
    }
  }
}
