package io.parkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.Main;
import io.parkdoc.backend.lucene.IndexLayout;
import io.parkdoc.core.IoErrors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Error messages that say the cause (issue 17), and what {@code NOT laser} alone finds. */
class ErrorMessagesTest {
  @TempDir static Path work;
  private static Path index;

  record Result(int code, String out, String err) {}

  @BeforeAll
  static void buildIndex() throws IOException {
    Path docs = Files.createDirectories(work.resolve("docs"));
    Files.writeString(docs.resolve("laser.txt"), "The laser works well in the lab every day.\n");
    Files.writeString(docs.resolve("garden.txt"), "Nothing about beams here, only the gardens.\n");
    Files.writeString(docs.resolve("laser-fr.txt"), "Le laser est rapide et fonctionne bien.\n");
    index = work.resolve("idx");
    assertEquals(0, run("--index", index.toString(), "index", docs.toString()).code());
  }

  static Result run(String... args) {
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

  @Test
  void anIndexThatIsAFileIsSaidToBeAFile() throws IOException {
    Path file = Files.writeString(work.resolve("not-a-folder"), "x");
    for (List<String> args :
        List.of(
            List.of("--index", file.toString(), "search", "laser"),
            List.of("--index", file.toString(), "index", work.resolve("docs").toString()),
            List.of("--index", file.toString(), "status"))) {
      Result r = run(args.toArray(String[]::new));
      assertEquals(2, r.code(), r.toString());
      assertTrue(r.err().contains("is a file, not a folder"), r.toString());
    }
  }

  @Test
  void ioErrorsSayTheirCause() {
    assertEquals("permission denied", IoErrors.reason(new AccessDeniedException("/x/write.lock")));
    assertEquals(
        "read-only file system",
        IoErrors.reason(new FileSystemException("/x/write.lock", null, "Read-only file system")));
    assertEquals(
        "is a file, not a folder",
        IoErrors.reason(new FileAlreadyExistsException(work.resolve("docs/laser.txt").toString())));
  }

  @Test
  void aMistypedCommandIsNamedWithTheNearestOne() {
    Result r = run("serach", "laser");
    assertEquals(2, r.code());
    assertTrue(
        r.err().startsWith("parkdoc: unknown command 'serach' (did you mean search?)"), r.err());
    Result far = run("frobnicate");
    assertTrue(far.err().startsWith("parkdoc: unknown command 'frobnicate';"), far.err());
  }

  @Test
  void aQueryStartingWithADashSaysToUseDoubleDash() {
    Result r = run("--index", index.toString(), "search", "-laser");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("needs '--' before it"), r.err());
    assertTrue(r.err().contains("parkdoc search -- -laser"), r.err());
  }

  @Test
  void aQueryWithNothingToSearchForSaysSo() {
    for (String q : List.of("?", "*", "''", "...")) {
      Result r = run("--index", index.toString(), "search", q);
      assertEquals(1, r.code(), q);
      assertEquals("", r.out());
      assertTrue(r.err().startsWith("parkdoc: nothing to search for"), q + ": " + r.err());
    }
  }

  @Test
  void notAloneFindsEveryDocumentWithoutTheWordInEveryLanguage() {
    // as Solr and Elasticsearch read it; documents of other languages than the word's must not
    // come back through their own language's clause (they did: every document was found)
    for (String q : List.of("NOT laser", "-laser")) {
      Result r = run("--index", index.toString(), "search", "--json", "--", q);
      assertEquals(0, r.code(), q + ": " + r);
      List<String> lines = r.out().lines().toList();
      assertEquals(1, lines.size(), q + ": " + r.out());
      assertTrue(lines.get(0).contains("garden.txt"), r.out());
    }
  }

  @Test
  void anIndexOfAnOlderFormatAsksForARebuildThenSearchesAgain() throws IOException {
    // format 5 reads a hit's title and languages from doc values that format 4 does not have
    Path old = work.resolve("old-format");
    Path docs = work.resolve("docs");
    assertEquals(0, run("--index", old.toString(), "index", docs.toString()).code());
    Path manifest = old.resolve("manifest.properties");
    String text = Files.readString(manifest);
    assertTrue(text.contains("format=" + IndexLayout.FORMAT), text);
    Files.writeString(manifest, text.replace("format=" + IndexLayout.FORMAT, "format=4"));
    for (List<String> args :
        List.of(
            List.of("--index", old.toString(), "search", "laser"),
            List.of("--index", old.toString(), "index", docs.toString()))) {
      Result r = run(args.toArray(String[]::new));
      assertEquals(2, r.code(), r.toString());
      assertTrue(
          r.err().contains("has format 4 but this parkdoc reads format " + IndexLayout.FORMAT),
          r.toString());
      assertTrue(r.err().contains("parkdoc index --rebuild"), r.toString());
      assertFalse(r.err().contains("\tat "), "a stack trace: " + r);
    }
    assertEquals(0, run("--index", old.toString(), "index", "--rebuild", docs.toString()).code());
    Result again = run("--index", old.toString(), "search", "--json", "laser");
    assertEquals(0, again.code(), again.toString());
    assertTrue(again.out().contains("laser.txt"), again.out());
  }
}
