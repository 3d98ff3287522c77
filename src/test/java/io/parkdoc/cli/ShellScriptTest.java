package io.parkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.Main;
import io.parkdoc.Seeds;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parkdoc shell} with standard input not a terminal, through {@link Main#run}, as in {@code
 * printf '레이저\n:quit\n' | parkdoc shell}: lines read and run, plain results, exit 0.
 */
class ShellScriptTest {
  private static final String KO_1 = "000_a8d161a3e181a11e.txt";

  @TempDir static Path work;
  private static Path index;

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

  @BeforeAll
  static void indexSeeds() throws IOException {
    Path seeds = work.resolve("seeds");
    Seeds.copyTo(seeds);
    index = work.resolve("idx");
    Result r = run(Map.of(), "", "--index", index.toString(), "index", seeds.toString());
    assertEquals(0, r.code(), r::describe);
  }

  static Result run(Map<String, String> vars, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    int code;
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      code = Main.run(o, e, Environment.of(vars, in, work), args);
    }
    return new Result(code, out.toString(), err.toString());
  }

  static Result shell(String stdin) {
    return run(Map.of(), stdin, "--index", index.toString(), "shell");
  }

  @Test
  void aQueryPrintsPlainHitsAndQuitIsExitZero() {
    Result r = shell(":translate off\n레이저\n:quit\nlaser\n");
    assertEquals(0, r.code(), r::describe);
    assertEquals("", r.err(), r::describe);
    List<String> lines = r.out().lines().toList();
    assertEquals("searching only what is typed", lines.get(0), r::describe);
    assertEquals(" 1  seeds/" + KO_1 + "  ko  0.29", lines.get(1), r::describe);
    assertTrue(
        lines.get(2).startsWith("    ") && lines.get(2).contains("레이저"),
        () -> "a passage\n" + r.describe());
    assertTrue(
        r.out().contains("\n1–2 of 2 hits · ko\n"),
        () -> "the summary, without a timing\n" + r.describe());
    assertFalse(r.out().contains("\u001b"), () -> "no colour in a pipe\n" + r.describe());
    assertFalse(r.out().contains("> "), () -> "no prompt in a pipe\n" + r.describe());
    assertFalse(r.out().contains("004_"), () -> "nothing after :quit\n" + r.describe());
  }

  @Test
  void aQueryIsTranslatedByDefault() {
    Result r = shell("레이저\n");
    assertEquals(0, r.code(), r::describe);
    assertEquals(
        "레이저 -> laser (en) · レーザー (ja) · 激光 (zh)",
        r.out().lines().findFirst().orElse(""),
        r::describe);
    assertTrue(r.out().contains("004_"), () -> "the English seed too\n" + r.describe());
  }

  @Test
  void theEndOfInputEndsTheShellWithExitZero() {
    Result r = shell("laser");
    assertEquals(0, r.code(), r::describe);
    assertTrue(r.out().contains("004_39588cbbee0213c5.txt  en"), r::describe);
  }

  @Test
  void errorsGoToStderrAndTheScriptGoesOn() {
    Result r = shell("(laser\n:open 9\n:nope\nlaser\n");
    assertEquals(0, r.code(), r::describe);
    List<String> errors = r.err().lines().toList();
    assertEquals(3, errors.size(), r::describe);
    assertTrue(errors.get(0).startsWith("parkdoc: unbalanced parenthesis"), r::describe);
    assertTrue(errors.get(1).startsWith("parkdoc: no hits to show"), r::describe);
    assertTrue(errors.get(2).startsWith("parkdoc: unknown command :nope"), r::describe);
    assertTrue(r.out().contains("004_39588cbbee0213c5.txt  en"), r::describe);
  }

  @Test
  void openPrintsTheWholeDocumentWithoutAPager() {
    Result r =
        run(Map.of("PAGER", "false"), "레이저\n:open 1\n", "--index", index.toString(), "shell");
    assertEquals(0, r.code(), r::describe);
    assertTrue(r.out().contains("seeds/" + KO_1 + "  ko  5 matches\n\n2006 년"), r::describe);
  }

  @Test
  void theCommandLinesCommandsRunInside() {
    Result r = shell(":status --json\n:analyze --lang en lasers\n");
    assertEquals(0, r.code(), r::describe);
    assertTrue(r.out().contains("{\"documents\":5"), r::describe);
    assertTrue(
        r.out().contains("en  text_en  EnglishAnalyzer, width-folded\n     0  laser"), r::describe);
  }

  @Test
  void colourWhenAskedFor() {
    Result r = run(Map.of(), "레이저\n", "--index", index.toString(), "--color=always", "shell");
    assertTrue(r.out().matches("(?s).*\u001b\\[[0-9;]*m레이저\u001b\\[[0-9;]*m.*"), r::describe);
  }

  @Test
  void aBareParkdocInAPipeIsStillAUsageError() {
    Result r = run(Map.of(), "레이저\n");
    assertEquals(2, r.code(), r::describe);
    assertTrue(r.err().contains("a command is needed"), r::describe);
  }

  @Test
  void theHistoryFileComesFromTheEnvironment() {
    Path cwd = Path.of("/w");
    assertEquals(
        Path.of("/w/h"),
        ShellCommand.historyFile(
            new Environment(Map.of("PARKDOC_HISTORY", "h", "HOME", "/home/u"), null, false, cwd)));
    assertEquals(
        Path.of("/x/parkdoc/history"),
        ShellCommand.historyFile(
            new Environment(Map.of("XDG_STATE_HOME", "/x", "HOME", "/home/u"), null, false, cwd)));
    assertEquals(
        Path.of("/home/u/.local/state/parkdoc/history"),
        ShellCommand.historyFile(new Environment(Map.of("HOME", "/home/u"), null, false, cwd)));
    assertEquals(null, ShellCommand.historyFile(new Environment(Map.of(), null, false, cwd)));
  }
}
