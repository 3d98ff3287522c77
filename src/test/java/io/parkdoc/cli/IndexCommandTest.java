package io.parkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.Main;
import io.parkdoc.backend.Backends;
import io.parkdoc.backend.lucene.IndexLayout;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.detect.LanguageDetector;
import io.parkdoc.core.index.BadInputTest;
import io.parkdoc.core.index.Indexer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parkdoc index} through {@link Main#run}: the lock, bad input, what is printed where. */
class IndexCommandTest {
  @TempDir Path work;

  record Result(int code, String out, String err) {
    String describe() {
      return "exit "
          + code
          + "\n--- stdout ---\n"
          + out
          + "--- stderr ---\n"
          + err
          + "--------------";
    }
  }

  private Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      code =
          Main.run(
              o, e, Environment.of(Map.of(), new ByteArrayInputStream(new byte[0]), work), args);
    }
    return new Result(code, out.toString(), err.toString());
  }

  private static void assertNoControlCharacters(String s, Result r) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      assertTrue(
          c >= 0x20 && c != 0x7F || c == '\n',
          () -> String.format("control character U+%04X printed%n%s", (int) c, r.describe()));
    }
  }

  @Test
  void secondIndexRunStopsAtOnceWithAClearMessage() throws Exception {
    Path docs = Files.createDirectories(work.resolve("docs"));
    Files.writeString(docs.resolve("a.txt"), BadInputTest.ENGLISH);
    Path index = work.resolve("idx");
    assertEquals(0, run("--index", index.toString(), "index", "-q", "docs").code());
    try (Indexer running =
        Backends.indexer(new IndexLayout(index), IndexOptions.defaults(), new LanguageDetector())) {
      long start = System.nanoTime();
      Result second = run("--index", index.toString(), "index", "docs");
      assertTrue(System.nanoTime() - start < 5_000_000_000L, "at once");
      assertEquals(2, second.code(), second::describe);
      assertEquals("", second.out(), second::describe);
      List<String> lines = second.err().lines().toList();
      assertEquals(1, lines.size(), second::describe);
      assertTrue(
          lines.get(0).startsWith("parkdoc: another parkdoc is indexing into " + index)
              && lines.get(0).endsWith("right now; wait for it to finish"),
          second::describe);

      // search keeps working while the lock is held
      Result search = run("--index", index.toString(), "search", "laser");
      assertEquals(0, search.code(), search::describe);
      assertTrue(search.out().contains("docs/a.txt"), search::describe);
      Result status = run("--index", index.toString(), "status");
      assertEquals(0, status.code(), status::describe);

      // and sees what the running indexer commits
      Files.writeString(docs.resolve("b.txt"), "The quorvendal beam splitter.\n");
      running.index(List.of(docs));
      Result after = run("--index", index.toString(), "search", "quorvendal");
      assertEquals(0, after.code(), after::describe);
      assertTrue(after.out().contains("docs/b.txt"), after::describe);
    }
  }

  @Test
  void badInputThroughTheCommandLine() throws Exception {
    Path docs = work.resolve("docs");
    List<String> indexable = BadInputTest.makeBadFolder(docs, false);
    Path index = work.resolve("idx");
    Result r = run("--index", index.toString(), "index", "--max-size", "1", "docs");
    assertEquals(0, r.code(), r::describe);
    assertTrue(r.out().contains(indexable.size() + " added"), r::describe);
    assertTrue(
        r.out()
            .contains(
                "skipped 6: binary content 1, dangling symbolic link 1, empty 1, larger than --max-size (1 MiB) 1, "
                    + "not a regular file 1, symbolic link loop 1 (--verbose lists them)"),
        r::describe);
    assertTrue(
        r.out().contains("1 file had invalid byte sequences (3 in all), replaced with U+FFFD"),
        r::describe);
    assertEquals("", r.err(), () -> "no errors, and no progress line in a pipe\n" + r.describe());
    assertNoControlCharacters(r.out(), r);

    // --verbose names each skipped and repaired file, odd names escaped
    Result v = run("--index", index.toString(), "index", "--verbose", "--max-size", "1", "docs");
    assertEquals(0, v.code(), v::describe);
    assertTrue(v.err().contains("parkdoc: skipped docs/image.png: binary content"), v::describe);
    assertTrue(
        v.err().contains("parkdoc: skipped docs/dangling.txt: dangling symbolic link"),
        v::describe);
    assertFalse(
        v.err().contains("damaged.txt"),
        () -> "unchanged now, so not repaired again\n" + v.describe());
    assertNoControlCharacters(v.err(), v);

    // search results never print a document's escape sequences, nor a name's
    for (String word : List.of("escapeword", "escapenameword", "newlineword")) {
      Result s = run("--index", index.toString(), "search", "--color=never", word);
      assertEquals(0, s.code(), s::describe);
      assertNoControlCharacters(s.out(), s);
      assertFalse(s.out().contains("\u001b"), s::describe);
    }
    Result name = run("--index", index.toString(), "search", "escapenameword");
    assertTrue(name.out().contains("docs/name \\x1B[31m red.txt"), name::describe);
    Result newline = run("--index", index.toString(), "search", "newlineword");
    assertTrue(newline.out().contains("docs/name with\\nnewline.txt"), newline::describe);
    // with colour on, the only escapes are parkdoc's own styles
    Result colour = run("--index", index.toString(), "search", "--color=always", "escapeword");
    assertFalse(
        colour.out().contains("\u001b[2J")
            || colour.out().contains("\u001b]0;")
            || colour.out().contains("\u0007"),
        colour::describe);
  }

  @Test
  void jsonSummaryHasEveryKey() throws Exception {
    Path docs = Files.createDirectories(work.resolve("docs"));
    Files.writeString(docs.resolve("a.txt"), BadInputTest.ENGLISH);
    Files.write(docs.resolve("b.txt"), new byte[0]);
    Result r = run("--index", work.resolve("idx").toString(), "index", "--json", "docs");
    assertEquals(0, r.code(), r::describe);
    assertEquals(1, r.out().lines().count(), r::describe);
    for (String key :
        List.of(
            "\"added\":1",
            "\"updated\":0",
            "\"unchanged\":0",
            "\"removed\":0",
            "\"languages\":{\"en\":1}",
            "\"skipped\":[{\"path\":\"docs/b.txt\",\"reason\":\"empty\",\"error\":false}]",
            "\"repaired\":[]",
            "\"interrupted\":false",
            "\"bytes\":",
            "\"seconds\":",
            "\"index\":")) {
      assertTrue(r.out().contains(key), () -> key + "\n" + r.describe());
    }
    assertEquals("", r.err(), r::describe);
  }

  @Test
  void watchNeedsFolders() throws Exception {
    Files.writeString(work.resolve("a.txt"), BadInputTest.ENGLISH);
    Result r = run("--index", work.resolve("idx").toString(), "index", "--watch", "a.txt");
    assertEquals(2, r.code(), r::describe);
    assertTrue(r.err().startsWith("parkdoc: --watch watches folders"), r::describe);
  }

  @Test
  void badOptionValuesAreUsageErrors() {
    Result r = run("--index", work.resolve("idx").toString(), "index", "--commit-every", "0", ".");
    assertEquals(2, r.code(), r::describe);
    assertTrue(
        r.err().startsWith("parkdoc: --max-size and --commit-every take numbers above 0"),
        r::describe);
  }

  @Test
  void progressLineShowsFilesMegabytesRateEtaAndLanguages() throws Exception {
    Path docs = Files.createDirectories(work.resolve("docs"));
    Files.writeString(docs.resolve("a.txt"), BadInputTest.ENGLISH);
    try (Indexer indexer =
        Backends.indexer(
            new IndexLayout(work.resolve("idx")),
            IndexOptions.defaults(),
            new LanguageDetector())) {
      indexer.index(List.of(docs));
      String line = ProgressLine.line(indexer.progress(), 2.0);
      assertTrue(line.matches("1/1 files  0\\.0 MB  0\\.00 MB/s  ETA 0s  en 1"), line);
    }
  }
}
