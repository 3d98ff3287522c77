package io.parkdoc.formats;

import io.parkdoc.core.extract.ExtractedDocument;
import io.parkdoc.core.extract.WorkerProtocol;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The extraction worker process: reads requests (a file path and limits) on stdin, extracts each
 * file with Tika, and writes the text with its page, slide and sheet marks, or one reason, on
 * stdout ({@link WorkerProtocol}). The only main class that loads Tika; parkdoc's {@code
 * DocumentExtractor} starts it, kills it when a file takes too long, and starts another.
 *
 * <p>A parse runs on a thread with a large stack (deeply nested tables), and one that runs out of
 * memory is answered "over the memory limit" before the worker exits, its heap being suspect.
 * Anything a library prints goes to stderr, never into the protocol. The worker ends when its input
 * ends or its parent process is gone.
 */
public final class ExtractWorker {
  private static final long PARSE_STACK = 256L << 20;

  private ExtractWorker() {}

  public static void main(String[] args) throws IOException {
    DataOutputStream out = takeStdout();
    serve(new TikaExtractor(new Ocr()), out);
  }

  /** The protocol's stream; from now on anything printed to System.out goes to stderr. */
  static DataOutputStream takeStdout() {
    DataOutputStream out =
        new DataOutputStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
    System.setOut(System.err);
    return out;
  }

  /**
   * Answers requests on stdin with {@code extractor} until stdin ends. {@code extractor} is made
   * before the worker says hello, so that Tika's start-up is not charged to the first file.
   */
  static void serve(TikaExtractor extractor, DataOutputStream out) throws IOException {
    watchParent();
    out.writeInt(WorkerProtocol.HELLO);
    out.flush();
    DataInputStream in = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
    WorkerProtocol.Request request;
    while ((request = WorkerProtocol.readRequest(in)) != null) {
      WorkerProtocol.Response response = handle(extractor, request);
      WorkerProtocol.write(out, response);
      if (response.exiting()) {
        Runtime.getRuntime().halt(0);
      }
    }
  }

  /** Extracts one file on a thread of its own and turns every outcome into a response. */
  static WorkerProtocol.Response handle(TikaExtractor extractor, WorkerProtocol.Request request) {
    AtomicReference<WorkerProtocol.Response> result = new AtomicReference<>();
    List<String> ocr =
        request.ocrLanguages().isEmpty()
            ? List.of()
            : Arrays.asList(request.ocrLanguages().split("\\+"));
    Thread parse =
        new Thread(
            null,
            () -> {
              try {
                result.set(WorkerProtocol.Response.ok(extract(extractor, request, ocr)));
              } catch (TikaExtractor.Failure f) {
                result.set(WorkerProtocol.Response.failed(f.getMessage(), f.detail, false));
              } catch (OutOfMemoryError e) {
                result.set(WorkerProtocol.Response.failed("over the memory limit", null, true));
              } catch (StackOverflowError e) {
                result.set(WorkerProtocol.Response.failed("nested too deeply", null, false));
              } catch (Throwable e) {
                TikaExtractor.Failure f = TikaExtractor.failure(e);
                result.set(
                    WorkerProtocol.Response.failed(f.getMessage(), f.detail, e instanceof Error));
              }
            },
            "parkdoc-parse",
            PARSE_STACK);
    parse.start();
    while (true) {
      try {
        parse.join();
        break;
      } catch (InterruptedException e) {
        // nobody interrupts the worker's main thread; keep waiting
      }
    }
    WorkerProtocol.Response r = result.get();
    return r != null
        ? r
        : WorkerProtocol.Response.failed("truncated or damaged", "the parser gave no answer", true);
  }

  private static ExtractedDocument extract(
      TikaExtractor extractor, WorkerProtocol.Request request, List<String> ocr)
      throws TikaExtractor.Failure, IOException {
    if (request.content() == null) {
      return extractor.extract(Path.of(request.path()), request.maxChars(), ocr);
    }
    // Bytes the client has read: parse a private copy (Tika and the ZIP formats want a file).
    Path copy = Files.createTempFile("parkdoc-extract-", ".bin");
    try {
      Files.write(copy, request.content());
      return extractor.extract(copy, request.maxChars(), ocr);
    } finally {
      Files.deleteIfExists(copy);
    }
  }

  /** Ends this process when the parkdoc that started it is gone, even in the middle of a parse. */
  private static void watchParent() {
    ProcessHandle.current()
        .parent()
        .ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
  }
}
