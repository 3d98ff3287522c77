package io.parkdoc.cli;

import io.parkdoc.core.index.Progress;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A live progress line on stderr while indexing: files, MB indexed, MB/s, ETA and the language mix,
 * redrawn in place four times a second and fitted to the terminal's width by whole parts (never cut
 * inside a word or number at the right edge). Only on a terminal; a pipe, --quiet or --json gets
 * nothing.
 */
final class ProgressLine implements AutoCloseable {
  private final Progress progress;
  private final PrintWriter err;
  private final int width;
  private final Thread thread;
  private final LongSupplier clock;
  private final long start;
  private final int threads;
  private volatile boolean running = true;
  private int lastWidth;

  private ProgressLine(
      Progress progress,
      PrintWriter err,
      boolean enabled,
      int width,
      int threads,
      LongSupplier clock) {
    this.progress = progress;
    this.clock = clock;
    this.start = clock.getAsLong();
    this.threads = threads;
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
  static ProgressLine start(
      Progress progress, PrintWriter err, boolean enabled, int width, int threads) {
    return new ProgressLine(progress, err, enabled, width, threads, System::nanoTime);
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

  /** The line for the counters now, {@code seconds} after the start, in any width. */
  static String line(Progress progress, double seconds) {
    return line(progress, seconds, 1, Integer.MAX_VALUE);
  }

  /**
   * The line for the counters now, {@code seconds} after the start, fitted into {@code max} columns
   * by leaving out whole parts (the languages first, the least common first), never cut inside one.
   *
   * @param threads the workers of the run, which bound how many files are read at once
   */
  static String line(Progress progress, double seconds, int threads, int max) {
    double mb = progress.indexedBytes() / 1e6;
    List<String> parts = new ArrayList<>();
    parts.add(
        String.format(
            Locale.ROOT,
            "%d/%d%s files",
            progress.files(),
            progress.discovered(),
            progress.walking() ? "+" : ""));
    parts.add(String.format(Locale.ROOT, "%.1f MB", mb));
    parts.add(String.format(Locale.ROOT, "%.2f MB/s", seconds > 0 ? mb / seconds : 0));
    Double eta = etaSeconds(progress, seconds, threads);
    if (eta != null) {
      parts.add("ETA " + duration(Math.round(eta)));
    }
    StringBuilder line = new StringBuilder();
    for (String part : parts) {
      String next = (line.isEmpty() ? "" : "  ") + part;
      if (line.length() + next.length() > max) {
        return line.toString();
      }
      line.append(next);
    }
    Map<String, Integer> langs = progress.languages();
    String sep = " ";
    for (Map.Entry<String, Integer> e :
        langs.entrySet().stream().sorted((a, b) -> b.getValue().compareTo(a.getValue())).toList()) {
      String next = sep + " " + e.getKey() + " " + e.getValue();
      if (line.length() + next.length() > max) {
        break;
      }
      line.append(next);
      sep = "";
    }
    return line.toString();
  }

  /**
   * Seconds left, or null while the walk still finds files or before any file was indexed: the
   * bytes not handled yet, at the speed each language's files were indexed so far (worker time per
   * byte, so that files found unchanged, which cost nothing, and the start-up do not make the run
   * look faster than it is), in the mix of languages seen so far, spread over the workers that have
   * been busy.
   */
  static Double etaSeconds(Progress progress, double seconds, int threads) {
    if (progress.walking()) {
      return null;
    }
    long left = Math.max(0, progress.discoveredBytes() - progress.bytes());
    if (left == 0) {
      return 0.0;
    }
    Map<String, Progress.Speed> speeds = progress.speeds();
    long bytes = 0;
    long nanos = 0;
    for (Progress.Speed s : speeds.values()) {
      bytes += s.bytes();
      nanos += s.nanos();
    }
    if (bytes == 0 || nanos == 0 || seconds <= 0) {
      return null;
    }
    double workerSeconds = 0;
    for (Progress.Speed s : speeds.values()) {
      double share = (double) s.bytes() / bytes; // of the bytes left, assumed in this language
      double bytesPerSecond = s.bytes() / (s.nanos() / 1e9);
      workerSeconds += left * share / bytesPerSecond;
    }
    // as many workers at once as were busy on average so far, at least one, at most all
    double parallel = Math.max(1, Math.min(Math.max(1, threads), nanos / 1e9 / seconds));
    return workerSeconds / parallel;
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
    String s =
        line(
            progress,
            (clock.getAsLong() - start) / 1e9,
            threads,
            width > 0 ? Math.max(20, width - 1) : Integer.MAX_VALUE);
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
