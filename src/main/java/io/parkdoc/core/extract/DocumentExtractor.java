package io.parkdoc.core.extract;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Extracts the text of documents (PDF, Office, OpenDocument, EPUB, RTF, scans) in worker processes,
 * so that a parser that hangs, runs out of memory or crashes costs one file, never the run.
 *
 * <p>Workers are JVMs running {@code io.parkdoc.formats.ExtractWorker} from this program's own
 * class path, with a heap of {@link ExtractLimits#workerHeapMb()}. They start only when a file
 * needs one (so a run over text files, and every search, never starts one or loads a parser class),
 * at most {@code maxWorkers} at once, and are reused for the next file. A worker that takes longer
 * than {@link ExtractLimits#timeout()} is killed and replaced; one that dies is replaced. This
 * class imports no parser library: the worker does. Thread-safe: each caller gets a worker of its
 * own.
 */
public final class DocumentExtractor implements AutoCloseable {
  /** The worker's main class. */
  public static final String WORKER_CLASS = "io.parkdoc.formats.ExtractWorker";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final ExtractLimits limits;
  private final int maxWorkers;
  private final List<String> command;
  private final Deque<Worker> idle = new ArrayDeque<>();
  private final java.util.Set<Worker> live = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final ExecutorService readers =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "parkdoc-extract-io");
            t.setDaemon(true);
            return t;
          });
  private int started;
  private boolean closed;

  /** Workers of this JVM's own class path, at most {@code maxWorkers} at once. */
  public DocumentExtractor(ExtractLimits limits, int maxWorkers) {
    this(limits, maxWorkers, WORKER_CLASS, List.of());
  }

  /**
   * Workers whose main class is {@code workerClass} (tests substitute one that misbehaves), with
   * extra JVM options.
   */
  public DocumentExtractor(
      ExtractLimits limits, int maxWorkers, String workerClass, List<String> jvmOptions) {
    if (maxWorkers < 1) {
      throw new IllegalArgumentException("maxWorkers " + maxWorkers);
    }
    this.limits = limits;
    this.maxWorkers = maxWorkers;
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + limits.workerHeapMb() + "m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-Djava.awt.headless=true");
    cmd.add("-Dfile.encoding=UTF-8");
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(workerClass);
    this.command = List.copyOf(cmd);
  }

  /** The limits each file is extracted under. */
  public ExtractLimits limits() {
    return limits;
  }

  /**
   * The text of {@code file}.
   *
   * @throws UnreadableDocumentException with one short reason when the file gives no text
   *     (encrypted, damaged, a scan without --ocr, timed out, over the memory limit, ...)
   * @throws IOException when no worker process can be started
   */
  public ExtractedDocument extract(Path file) throws UnreadableDocumentException, IOException {
    if (Files.size(file) == 0) {
      throw new UnreadableDocumentException("empty file");
    }
    return extract(
        new WorkerProtocol.Request(
            file.toAbsolutePath().toString(),
            null,
            limits.maxChars(),
            String.join("+", limits.ocrLanguages())));
  }

  /**
   * The text of a file already read into memory, {@code content}, named {@code name}: the worker
   * reads these bytes, not the file again.
   */
  public ExtractedDocument extract(byte[] content, String name)
      throws UnreadableDocumentException, IOException {
    if (content.length == 0) {
      throw new UnreadableDocumentException("empty file");
    }
    return extract(
        new WorkerProtocol.Request(
            name, content, limits.maxChars(), String.join("+", limits.ocrLanguages())));
  }

  private ExtractedDocument extract(WorkerProtocol.Request request)
      throws UnreadableDocumentException, IOException {
    Worker w = acquire();
    boolean reusable = false;
    try {
      Future<WorkerProtocol.Response> answer =
          readers.submit(
              () -> {
                WorkerProtocol.write(w.out, request);
                return WorkerProtocol.readResponse(w.in);
              });
      WorkerProtocol.Response r;
      try {
        r = answer.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        answer.cancel(true);
        throw new UnreadableDocumentException("timed out after " + seconds(limits.timeout()));
      } catch (ExecutionException e) {
        throw new UnreadableDocumentException(died(w), String.valueOf(e.getCause()));
      }
      reusable = !r.exiting();
      if (r.document() == null) {
        throw new UnreadableDocumentException(r.reason(), r.detail());
      }
      return r.document();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while extracting " + request.path());
    } finally {
      release(w, reusable);
    }
  }

  /** Ends every worker. Extractions still running fail. */
  @Override
  public void close() {
    List<Worker> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(idle);
      idle.clear();
      notifyAll();
    }
    for (Worker w : all) {
      w.stop();
    }
    readers.shutdownNow();
  }

  /** How many worker processes are running now (idle or busy). */
  public synchronized int workers() {
    return started;
  }

  /** The worker processes running now (for tests). */
  List<ProcessHandle> processes() {
    return live.stream().map(w -> w.process.toHandle()).toList();
  }

  private Worker acquire() throws IOException, UnreadableDocumentException {
    synchronized (this) {
      while (true) {
        if (closed) {
          throw new IOException("the document extractor is closed");
        }
        Worker w = idle.pollFirst();
        if (w != null) {
          if (w.process.isAlive()) {
            return w;
          }
          started--;
          continue;
        }
        if (started < maxWorkers) {
          started++;
          break;
        }
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for an extraction worker");
        }
      }
    }
    try {
      return start();
    } catch (IOException | RuntimeException e) {
      synchronized (this) {
        started--;
        notifyAll();
      }
      throw e;
    }
  }

  private void release(Worker w, boolean reusable) {
    synchronized (this) {
      if (reusable && !closed && w.process.isAlive()) {
        idle.addLast(w);
        notifyAll();
        return;
      }
      started--;
      notifyAll();
    }
    w.kill();
  }

  private Worker start() throws IOException {
    // A temporary folder of its own: Tika's spooled copies and the files it is sent go there, and
    // are removed with it even when the worker is killed in the middle of a file.
    Path tmp = Files.createTempDirectory("parkdoc-worker-");
    List<String> cmd = new ArrayList<>(command);
    cmd.add(1, "-Djava.io.tmpdir=" + tmp);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      removeTree(tmp);
      throw e;
    }
    p.onExit()
        .thenRun(
            () -> {
              live.removeIf(x -> x.process == p);
              removeTree(tmp);
            });
    Worker w =
        new Worker(
            p,
            new DataOutputStream(new BufferedOutputStream(p.getOutputStream(), 1 << 16)),
            new DataInputStream(new BufferedInputStream(p.getInputStream(), 1 << 16)));
    live.add(w);
    Future<Integer> hello = readers.submit(w.in::readInt);
    try {
      int h = hello.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (h != WorkerProtocol.HELLO) {
        throw new IOException("the extraction process did not start properly");
      }
      return w;
    } catch (TimeoutException | ExecutionException e) {
      w.kill();
      throw new IOException(
          "cannot start the extraction process ("
              + String.join(" ", command.subList(0, 2))
              + " ... "
              + command.getLast()
              + "): "
              + (e instanceof TimeoutException
                  ? "no answer in " + seconds(START_TIMEOUT)
                  : "it " + exit(w)),
          e);
    } catch (InterruptedException e) {
      w.kill();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while starting an extraction worker");
    }
  }

  private static String died(Worker w) {
    return "the extraction process " + exit(w);
  }

  private static String exit(Worker w) {
    try {
      if (w.process.waitFor(5, TimeUnit.SECONDS)) {
        return "died (exit code " + w.process.exitValue() + ")";
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "stopped answering";
  }

  static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  private static void removeTree(Path dir) {
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException e) {
      // left for the system's cleaning of its temporary folder
    }
  }

  private record Worker(Process process, DataOutputStream out, DataInputStream in) {
    /** Asks the worker to end (end of its input), and kills it if it does not within a second. */
    void stop() {
      try {
        out.close();
      } catch (IOException e) {
        // it is gone already
      }
      try {
        if (!process.waitFor(1, TimeUnit.SECONDS)) {
          kill();
        }
      } catch (InterruptedException e) {
        kill();
        Thread.currentThread().interrupt();
      }
    }

    void kill() {
      // its children first (tesseract, for OCR), which would outlive it
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
