package io.parkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.Main;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parkdoc analyze}, run through {@link Main#run} without an index. */
class AnalyzeCommandTest {
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

  private Result run(InputStream stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      code = Main.run(o, e, Environment.of(Map.of(), stdin, work), args);
    }
    return new Result(code, out.toString(), err.toString());
  }

  private Result run(String... args) {
    return run(InputStream.nullInputStream(), args);
  }

  @Test
  void koreanWordsAndBigramsWithPositionsAndOffsets() {
    Result r = run("analyze", "--lang", "ko", "레이저를", "가공");
    assertEquals(0, r.code(), r::describe);
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).startsWith("ko  text_ko  nori"), r::describe);
    // position, term, offsets (in characters), type
    assertTrue(lines.get(1).matches("\\s+0  레이저\\s+0-3\\s+word"), r::describe);
    assertTrue(
        lines.get(2).matches("\\s+2  가공\\s+5-7\\s+word"),
        () -> "a gap where the particle 를 was\n" + r.describe());
    assertTrue(r.out().contains("ko  bigram_ko  CJK bigrams"), r::describe);
    assertFalse(r.out().contains("\u001b"), () -> "no colour in a pipe\n" + r.describe());
  }

  @Test
  void attributesShowThePartOfSpeech() {
    Result r = run("analyze", "-a", "-l", "ja", "東京");
    assertEquals(0, r.code(), r::describe);
    assertTrue(r.out().contains("partOfSpeech=名詞"), r::describe);
  }

  @Test
  void jsonIsOneObjectPerFieldWithCodePointOffsets() {
    Result r = run("analyze", "--json", "-l", "en", "𝐀 lasers");
    assertEquals(0, r.code(), r::describe);
    List<String> lines = r.out().lines().toList();
    assertEquals(1, lines.size(), r::describe);
    assertTrue(
        lines
            .get(0)
            .startsWith(
                "{\"lang\":\"en\",\"field\":\"text_en\",\"analyzer\":\"EnglishAnalyzer, width-folded\",\"tokens\":["),
        r::describe);
    assertTrue(
        lines.get(0).contains("{\"term\":\"laser\",\"start\":2,\"end\":8,"),
        () -> "code points, not UTF-16 units\n" + r.describe());
  }

  @Test
  void standardInput() {
    Result r =
        run(
            new ByteArrayInputStream("lasers".getBytes(StandardCharsets.UTF_8)),
            "analyze",
            "-l",
            "en",
            "-");
    assertEquals(0, r.code(), r::describe);
    assertTrue(r.out().contains("laser"), r::describe);
  }

  @Test
  void withoutLangTheScriptChooses() {
    Result r = run("analyze", "레이저");
    assertEquals(0, r.code(), r::describe);
    assertTrue(r.out().contains("text_ko"), r::describe);
    assertFalse(
        r.out().contains("text_ja") || r.out().contains("text_en"),
        () -> "Hangul is searched in Korean only\n" + r.describe());
  }

  @Test
  void anUnknownLanguageIsExitTwoWithOneLine() {
    Result r = run("analyze", "-l", "xx", "word");
    assertEquals(2, r.code(), r::describe);
    assertEquals(1, r.err().lines().count(), r::describe);
    assertTrue(r.err().startsWith("parkdoc: unknown language 'xx'"), r::describe);
  }
}
