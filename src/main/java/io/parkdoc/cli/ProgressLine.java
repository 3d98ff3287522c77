package io.parkdoc.cli;

import io.parkdoc.core.index.Progress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * A live progress line on stderr while indexing: files, MB indexed, MB/s, ETA and the language mix,
 * redrawn in place four times a second and cut to the terminal's width. Only on a terminal; a pipe,
 * --quiet or --json gets nothing.
 */
final class ProgressLine implements AutoCloseable {
  private final Progress progress;
  private final PrintWriter err;
  private final int width;
  private final Thread thread;
  private final long start = System.nanoTime();
  private volatile boolean running = true;
  private int lastWidth;

  private ProgressLine(Progress progress, PrintWriter err, boolean enabled, int width) {
    this.progress = progress;
    this.err = err;
    this.width = width;
    if (enabled) {
      thread = new Thread(this::loop, "parkdoc-progress");
      thread.setDaemon(true);
      thread.start();
    } else {
      thread = null;
    }
  }

  /**
   * Starts drawing {@code progress} on {@code err} when {@code enabled}, in at most {@code width}
   * columns.
   */
  static ProgressLine start(Progress progress, PrintWriter err, boolean enabled, int width) {
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

  /** The line for the counters now, {@code seconds} after the start. */
  static String line(Progress progress, double seconds) {
    double mb = progress.indexedBytes() / 1e6;
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%d/%d%s files  %.1f MB  %.2f MB/s",
                progress.files(),
                progress.discovered(),
                progress.walking() ? "+" : "",
                mb,
                seconds > 0 ? mb / seconds : 0));
    // the handled bytes (unchanged files included) tell how far the run is
    double handledRate = seconds > 0 ? progress.bytes() / seconds : 0;
    if (!progress.walking() && handledRate > 0) {
      double left = Math.max(0, progress.discoveredBytes() - progress.bytes()) / handledRate;
      line.append(String.format(Locale.ROOT, "  ETA %s", duration(Math.round(left))));
    }
    Map<String, Integer> langs = progress.languages();
    if (!langs.isEmpty()) {
      line.append(" ");
      langs.entrySet().stream()
          .sorted((a, b) -> b.getValue().compareTo(a.getValue()))
          .forEach(e -> line.append(' ').append(e.getKey()).append(' ').append(e.getValue()));
    }
    return line.toString();
  }

  private static String duration(long seconds) {
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
  }

  private synchronized void draw() {
    if (!running) {
      return;
    }
    String s = line(progress, (System.nanoTime() - start) / 1e9);
    int max = Math.max(20, width - 1);
    if (s.length() > max) {
      s = s.substring(0, max);
    }
    err.print("\r" + s + " ".repeat(Math.max(0, lastWidth - s.length())));
    err.flush();
    lastWidth = s.length();
  }

  /** Stops drawing and erases the line. */
  @Override
  public synchronized void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      if (lastWidth > 0) {
        err.print("\r" + " ".repeat(lastWidth) + "\r");
        err.flush();
        lastWidth = 0;
      }
    }
  }
}
