package io.parkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.Main;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents on the command line: {@code index} reads a PDF, sheets and a misnamed DOCX, {@code
 * search} names the page or sheet of each passage (text and {@code --json}), {@code detect} reads
 * documents.
 */
class DocumentsCliTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/formats");

  @TempDir static Path work;
  static Path docs;
  static CliTest.Result built;

  static CliTest.Result run(Map<String, String> vars, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      code =
          Main.run(o, e, Environment.of(vars, new ByteArrayInputStream(new byte[0]), work), args);
    }
    return new CliTest.Result(code, out.toString(), err.toString());
  }

  static CliTest.Result parkdoc(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--index";
    all[1] = work.resolve("idx").toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return run(Map.of(), all);
  }

  @BeforeAll
  static void index() throws Exception {
    docs = Files.createDirectories(work.resolve("docs"));
    for (String name : List.of("ko.pdf", "sheets.xlsx", "ko-docx-named.txt", "scan-ko.png")) {
      Files.copy(FIXTURES.resolve(name), docs.resolve(name));
    }
    built = parkdoc("index", docs.toString());
  }

  @Test
  void indexReadsTheDocuments() {
    assertEquals(0, built.code(), built.describe());
    assertTrue(built.out().contains("3 added"), built.describe());
    assertTrue(built.out().contains("skipped 1: binary content 1"), built.describe());
  }

  @Test
  void searchNamesThePage() {
    CliTest.Result r = parkdoc("--color=never", "search", "--lang", "ko", "데이터 베이스를 구축하며");
    assertEquals(0, r.code(), r.describe());
    assertTrue(r.out().contains("docs/ko.pdf"), r.describe());
    assertTrue(r.out().contains("    p. 2  "), r.describe());
  }

  @Test
  void jsonSaysWhereEachPassageIs() {
    CliTest.Result r =
        parkdoc("search", "--json", "--passages", "1", "\"Set up 4 types of platforms\"");
    assertEquals(0, r.code(), r.describe());
    String sheets =
        r.out()
            .lines()
            .filter(l -> l.contains("sheets.xlsx"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(r.describe()));
    assertTrue(sheets.contains("\"where\":[\"sheet English\"]"), sheets);
    CliTest.Result word = parkdoc("search", "--json", "광전 디스플레이 기술 연구원");
    String misnamed =
        word.out()
            .lines()
            .filter(l -> l.contains("ko-docx-named.txt"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(word.describe()));
    assertTrue(
        !misnamed.contains("\"where\""), "a Word document has no pages to name: " + misnamed);
  }

  @Test
  void detectReadsDocuments() {
    CliTest.Result r =
        parkdoc(
            "detect",
            docs.resolve("ko-docx-named.txt").toString(),
            docs.resolve("ko.pdf").toString());
    assertEquals(0, r.code(), r.describe());
    assertTrue(
        r.out().matches("(?s).*ko-docx-named\\.txt\\tko\\t.*ko\\.pdf\\tko\\t.*"), r.describe());
  }
}
