package io.parkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.Main;
import io.parkdoc.term.TextLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status} and the index summary on a narrow terminal: wrapped by words at its width, each
 * word whole (issue 17: they broke mid-word at the edge). In a pipe their lines stay whole.
 */
class LayoutTest {
  @TempDir static Path work;
  private static Path docs;

  @BeforeAll
  static void makeDocs() throws IOException {
    docs = Files.createDirectories(work.resolve("a-folder-with-a-rather-long-name/docs"));
    Files.writeString(
        docs.resolve("en.txt"), "The laser industry grows quickly in the new area.\n");
    Files.writeString(docs.resolve("ko.txt"), "레이저 가공 기술은 장춘 신구의 핵심 산업이다.\n");
    Files.writeString(
        docs.resolve("de.txt"), "Die Laserindustrie wächst schnell im neuen Gebiet.\n");
    Files.writeString(
        docs.resolve("fr.txt"), "L'industrie du laser croît vite dans la nouvelle zone.\n");
  }

  static String run(boolean terminal, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Environment env =
        new Environment(
            Map.of("COLUMNS", "32", "NO_COLOR", "1"),
            InputStream.nullInputStream(),
            terminal,
            work);
    int code;
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      code = Main.run(o, e, env, args);
    }
    assertEquals(0, code, err.toString());
    return out.toString();
  }

  private static void assertFitsByWords(String text, String whole) {
    for (String line : text.split("\n")) {
      assertTrue(TextLayout.width(line) <= 32, "wider than 32 columns: " + line + "\n" + text);
    }
    assertEquals(words(whole), words(text), "same words");
  }

  /** The words of {@code text}, the run's time and speed left out. */
  private static String words(String text) {
    return text.strip()
        .replaceAll("([/-])\n +", "$1")
        .replaceAll("\\s+", " ")
        .replaceAll("in [0-9.]+ s \\([0-9.]+ MB/s\\)", "in T");
  }

  @Test
  void statusAndTheIndexSummaryWrapByWordsAtTheTerminalsWidth() {
    String index = work.resolve("the-index-of-these-documents").toString();
    String summary = run(true, "--index", index, "index", docs.toString());
    String summaryInAPipe = run(false, "--index", index, "index", "--rebuild", docs.toString());
    assertTrue(summaryInAPipe.lines().anyMatch(l -> TextLayout.width(l) > 32), summaryInAPipe);
    assertFitsByWords(summary, summaryInAPipe);
    String status = run(true, "--index", index, "status");
    String statusInAPipe = run(false, "--index", index, "status");
    assertTrue(statusInAPipe.lines().anyMatch(l -> TextLayout.width(l) > 32), statusInAPipe);
    assertFitsByWords(status, statusInAPipe);
    // a continuation hangs under the values' column
    assertTrue(status.contains("\n           "), status);
  }
}
