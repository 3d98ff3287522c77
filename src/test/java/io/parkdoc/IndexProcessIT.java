package io.parkdoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.core.index.BadInputTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parkdoc index} as a separate process: unreadable files (run as an unprivileged user when
 * the tests run as root, since root reads everything), watch mode ended by a signal, and a second
 * run refused by the write lock while the first runs.
 */
class IndexProcessIT {
  private static final int NOBODY = 65534;

  @TempDir Path tmp;

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  @Test
  void unreadableFilesMakeExitTwoAndKeepTheirDocuments() throws Exception {
    Path docs = tmp.resolve("docs");
    List<String> indexable = BadInputTest.makeBadFolder(docs, true);
    Path index = tmp.resolve("index");
    Files.createDirectories(index);
    // everything readable by the user the test runs parkdoc as, but secret.txt and locked/
    try (Stream<Path> all = Files.walk(tmp)) {
      for (Path p : all.toList()) {
        if (!Files.isSymbolicLink(p)
            && !p.getFileName().toString().equals("secret.txt")
            && !p.endsWith("locked")) {
          Files.setPosixFilePermissions(
              p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
        }
      }
    }
    Integer user = root() ? NOBODY : null;
    ParkdocProcess.Result r =
        ParkdocProcess.start(
                tmp,
                tmp.resolve("logs"),
                user,
                "--index",
                index.toString(),
                "index",
                "--max-size",
                "1",
                "docs")
            .await(300);
    assertEquals(2, r.code(), () -> "errors kept files out\n" + r.describe());
    assertTrue(
        r.out().contains(indexable.size() + " added"),
        () -> r.describe() + "\n" + documents(index));
    assertTrue(
        r.err().contains("parkdoc: skipped docs/secret.txt: permission denied"), r::describe);
    assertTrue(r.err().contains("parkdoc: skipped docs/locked: permission denied"), r::describe);
    assertEquals(
        2, r.err().lines().count(), () -> "only the errors, one line each\n" + r.describe());
    assertFalse(r.err().contains("Exception"), r::describe);
  }

  private static String documents(Path index) {
    try {
      return ParkdocProcess.documents(index).keySet().toString();
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  private static void await(String what, long seconds, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting until " + what);
  }

  @Test
  void watchPicksUpAChangeAndCommitsOnSigterm() throws Exception {
    Path docs = Files.createDirectories(tmp.resolve("docs"));
    Files.writeString(docs.resolve("a.txt"), BadInputTest.ENGLISH);
    Path index = tmp.resolve("index");
    Path logs = tmp.resolve("logs");
    ParkdocProcess watch =
        ParkdocProcess.start(
            tmp, logs, null, "--index", index.toString(), "index", "--watch", "docs");
    await(
        "it watches",
        120,
        () -> {
          try {
            return watch.err().contains("watching 1 folder for changes; Ctrl-C stops");
          } catch (java.io.IOException e) {
            return false;
          }
        });
    assertTrue(watch.out().contains("1 added"), watch.result(-1).describe());

    // a second index run is refused at once while the watcher holds the lock
    ParkdocProcess.Result second =
        ParkdocProcess.run(tmp, logs, 120, "--index", index.toString(), "index", "docs");
    assertEquals(2, second.code(), second::describe);
    assertTrue(second.err().contains("another parkdoc is indexing into"), second::describe);

    Files.writeString(
        docs.resolve("b.txt"),
        "The engineers showed the quorvendal beam splitter to the visitors.\n");
    // bounds for a busy 2-core machine (each try starts a JVM): the wait ends at the event
    await(
        "search finds the new file",
        300,
        () -> {
          try {
            return ParkdocProcess.run(
                    tmp, logs, 120, "--index", index.toString(), "search", "quorvendal")
                .out()
                .contains("docs/b.txt");
          } catch (Exception e) {
            return false;
          }
        });
    try {
      await(
          "the watcher reports the change",
          120,
          () -> {
            try {
              return watch
                  .out()
                  .matches(
                      "(?s).*\\d\\d:\\d\\d:\\d\\d  1 added, 0 updated, 0 unchanged, 0 removed \\(en 1\\).*");
            } catch (java.io.IOException e) {
              return false;
            }
          });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + watch.result(-1).describe(), e);
    }

    watch.process().destroy(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hook stops and commits
    assertTrue(watch.process().waitFor(180, TimeUnit.SECONDS), "ends on the signal");
    ParkdocProcess.Result ended = watch.result(watch.process().exitValue());
    assertTrue(
        ended.err().contains("parkdoc: stopped watching; the index is committed"), ended::describe);
    assertFalse(ended.err().contains("Exception"), ended::describe);
    ParkdocProcess.Result again =
        ParkdocProcess.run(tmp, logs, 120, "--index", index.toString(), "index", "--json", "docs");
    assertEquals(0, again.code(), again::describe);
    assertTrue(
        again.out().contains("\"added\":0") && again.out().contains("\"unchanged\":2"),
        again::describe);
  }
}
