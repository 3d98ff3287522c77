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
  private int lastWidth;

  private ProgressLine(Indexer.Progress progress, PrintWriter err, boolean enabled) {
    this.progress = progress;
    this.err = err;
    if (enabled) {
      thread = new Thread(this::loop, "parkdoc-progress");
      thread.setDaemon(true);
      thread.start();
    } else {
      thread = null;
    }
  }

  static ProgressLine start(Indexer.Progress progress, PrintWriter err, boolean enabled) {
    return new ProgressLine(progress, err, enabled);
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
    String s = line.length() > 110 ? line.substring(0, 110) : line.toString();
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
