package io.parkdoc.core.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker pool under parsers that hang, crash or run out of memory (a test worker that does so
 * on request, io.parkdoc.formats.MisbehavingWorker): each costs one file, and the next file is read
 * by a fresh worker.
 */
class WorkerPoolTest {
  static final Path GOOD = Path.of("src/test/resources/fixtures/formats/en.docx");

  @TempDir Path dir;

  static DocumentExtractor pool(Duration timeout, int workers) {
    return new DocumentExtractor(
        ExtractLimits.DEFAULT.withTimeout(timeout).withWorkerHeapMb(128),
        workers,
        "io.parkdoc.formats.MisbehavingWorker",
        List.of());
  }

  Path file(String name) throws Exception {
    return Files.copy(GOOD, dir.resolve(name));
  }

  @Test
  void aFileThatHangsIsKilledAtTheTimeLimit() throws Exception {
    try (DocumentExtractor x = pool(Duration.ofSeconds(3), 1)) {
      assertTrue(x.extract(GOOD).text().contains("Set up 4 types of platforms."));
      List<ProcessHandle> before = x.processes();
      assertEquals(1, before.size(), "one worker after one file");
      Path tmp =
          Path.of(
              java.util.Arrays.stream(
                      Files.readString(
                              Path.of("/proc", String.valueOf(before.getFirst().pid()), "cmdline"))
                          .split("\0"))
                  .filter(a -> a.startsWith("-Djava.io.tmpdir="))
                  .findFirst()
                  .orElseThrow()
                  .substring("-Djava.io.tmpdir=".length()));
      assertTrue(Files.isDirectory(tmp));
      UnreadableDocumentException e =
          assertThrows(UnreadableDocumentException.class, () -> x.extract(file("stuck.hang")));
      assertEquals("timed out after 3 s", e.reason());
      assertFalse(before.getFirst().isAlive(), "the stuck worker was killed");
      for (int i = 0; i < 50 && Files.exists(tmp); i++) {
        Thread.sleep(100);
      }
      assertFalse(Files.exists(tmp), "the killed worker's temporary folder is removed");
      assertEquals(0, x.workers());
      assertTrue(
          x.extract(GOOD).text().contains("Set up 4 types of platforms."),
          "a new worker reads the next file");
      assertEquals(1, x.workers());
    }
    assertTrue(
        ProcessHandle.current()
            .children()
            .noneMatch(p -> p.info().commandLine().orElse("").contains("MisbehavingWorker")),
        "close() ends the workers");
  }

  @Test
  void aCrashCostsOneFile() throws Exception {
    try (DocumentExtractor x = pool(Duration.ofSeconds(60), 1)) {
      UnreadableDocumentException e =
          assertThrows(UnreadableDocumentException.class, () -> x.extract(file("boom.crash")));
      assertEquals("the extraction process died (exit code 3)", e.reason());
      assertTrue(x.extract(GOOD).text().contains("Set up 4 types of platforms."));
    }
  }

  @Test
  void runningOutOfMemoryCostsOneFile() throws Exception {
    try (DocumentExtractor x = pool(Duration.ofSeconds(60), 1)) {
      UnreadableDocumentException e =
          assertThrows(UnreadableDocumentException.class, () -> x.extract(file("hog.oom")));
      assertEquals("over the memory limit", e.reason());
      assertTrue(x.extract(GOOD).text().contains("Set up 4 types of platforms."));
    }
  }

  @Test
  void workersRunSideBySideUpToTheLimit() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try (DocumentExtractor x = pool(Duration.ofSeconds(60), 2)) {
      List<Future<ExtractedDocument>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(threads.submit(() -> x.extract(GOOD)));
      }
      for (Future<ExtractedDocument> f : results) {
        assertTrue(f.get().text().contains("Set up 4 types of platforms."));
      }
      assertTrue(x.workers() <= 2, "at most 2 workers: " + x.workers());
    } finally {
      threads.shutdown();
    }
  }

  @Test
  void noWorkerStartsUntilAFileNeedsOne() throws Exception {
    try (DocumentExtractor x = pool(Duration.ofSeconds(60), 2)) {
      assertEquals(0, x.workers());
      assertEquals(
          "empty file",
          assertThrows(
                  UnreadableDocumentException.class,
                  () -> x.extract(Files.write(dir.resolve("empty.pdf"), new byte[0])))
              .reason());
      assertEquals(0, x.workers());
      assertTrue(x.processes().isEmpty());
    }
  }
}
