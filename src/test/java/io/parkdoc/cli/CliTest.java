package io.parkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.parkdoc.Main;
import io.parkdoc.Seeds;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parkdoc command line, run in-process through {@link Main#run} against an index of the
 * project's five seed files (two Korean, one Japanese, one Simplified Chinese, one English).
 */
class CliTest {
  private static final String KO_1 = "000_a8d161a3e181a11e.txt";
  private static final String KO_2 = "001_b3009ad936661df0.txt";
  private static final String JA = "002_3b836e4530a82553.txt";
  private static final String ZH = "003_93efb2037fac329c.txt";
  private static final String EN = "004_39588cbbee0213c5.txt";
  private static final Pattern ESC_AROUND_KO =
      Pattern.compile("\u001b\\[[0-9;]*m레이저\u001b\\[[0-9;]*m");

  @TempDir static Path work;
  private static Path seeds;
  private static Path index;

  /** The output of the index run that built the shared index. */
  private static Result built;

  /** What one run of parkdoc did. */
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

    List<String> outLines() {
      return out.lines().filter(l -> !l.isBlank()).toList();
    }

    List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  @BeforeAll
  static void buildIndex() throws IOException {
    seeds = work.resolve("seeds");
    Seeds.copyTo(seeds);
    index = work.resolve("idx");
    built = run(Map.of(), "--index", index.toString(), "index", seeds.toString());
  }

  // ---- running parkdoc ----

  static Result run(Map<String, String> vars, String... args) {
    return run(vars, new ByteArrayInputStream(new byte[0]), args);
  }

  static Result run(Map<String, String> vars, InputStream stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      code = Main.run(o, e, Environment.of(vars, stdin, work), args);
    }
    return new Result(code, out.toString(), err.toString());
  }

  /** Runs with the shared index and an empty environment. */
  static Result parkdoc(String... args) {
    return withIndex(Map.of(), args);
  }

  static Result withIndex(Map<String, String> vars, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--index";
    all[1] = index.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return run(vars, all);
  }

  static void assertExit(int expected, Result r) {
    assertEquals(expected, r.code(), () -> "exit code of parkdoc\n" + r.describe());
  }

  static void assertOneErrorLine(Result r) {
    List<String> lines = r.errLines();
    assertTrue(
        lines.size() >= 1 && lines.get(0).startsWith("parkdoc:"),
        () -> "stderr should start with 'parkdoc:'\n" + r.describe());
    assertFalse(
        r.err().contains("Exception"),
        () -> "stderr should not show an exception\n" + r.describe());
    assertFalse(
        r.err().contains("at io."), () -> "stderr should not show a stack trace\n" + r.describe());
  }

  // ---- index ----

  @Test
  void indexReportsFiveAdded() {
    assertExit(0, built);
    assertTrue(
        Pattern.compile("\\b5 added\\b").matcher(built.out()).find(),
        () -> "summary should say '5 added'\n" + built.describe());
    assertTrue(
        built.out().contains("ko 2"),
        () -> "summary should list the languages\n" + built.describe());
  }

  @Test
  void indexJsonIsOneLineWithEveryKey(@TempDir Path fresh) {
    Result r =
        run(
            Map.of(),
            "--index",
            fresh.resolve("idx").toString(),
            "index",
            "--json",
            seeds.toString());
    assertExit(0, r);
    assertEquals(
        1, r.outLines().size(), () -> "index --json should print one line\n" + r.describe());
    Map<String, Object> m = object(r.outLines().get(0), r);
    for (String key :
        List.of(
            "added",
            "updated",
            "unchanged",
            "removed",
            "languages",
            "skipped",
            "bytes",
            "seconds",
            "index")) {
      assertTrue(m.containsKey(key), () -> "key " + key + " missing\n" + r.describe());
    }
    assertEquals(5L, m.get("added"), r::describe);
    assertEquals(0L, m.get("updated"), r::describe);
    assertEquals(0L, m.get("unchanged"), r::describe);
    assertEquals(0L, m.get("removed"), r::describe);
    assertEquals(
        Map.of("ko", 2L, "ja", 1L, "zh-Hans", 1L, "en", 1L), m.get("languages"), r::describe);
    assertEquals(List.of(), m.get("skipped"), r::describe);
    assertTrue(((Number) m.get("bytes")).longValue() > 0, r::describe);
    assertTrue(m.get("seconds") instanceof Number, r::describe);
    assertTrue(String.valueOf(m.get("index")).endsWith("idx"), r::describe);

    // A second run finds all five unchanged.
    Result again =
        run(
            Map.of(),
            "--index",
            fresh.resolve("idx").toString(),
            "index",
            "--json",
            seeds.toString());
    assertExit(0, again);
    Map<String, Object> m2 = object(again.outLines().get(0), again);
    assertEquals(0L, m2.get("added"), again::describe);
    assertEquals(5L, m2.get("unchanged"), again::describe);
  }

  @Test
  void indexOfAMissingPathIsAnError() {
    Result r =
        run(
            Map.of(),
            "--index",
            work.resolve("other-idx").toString(),
            "index",
            work.resolve("no-such-folder").toString());
    assertExit(2, r);
    assertOneErrorLine(r);
    assertEquals(1, r.errLines().size(), () -> "one line on stderr\n" + r.describe());
    assertTrue(
        r.err().contains("no-such-folder"),
        () -> "the message should name the path\n" + r.describe());
    assertTrue(
        r.err().contains("no such"),
        () -> "the message should say it does not exist\n" + r.describe());
  }

  // ---- search ----

  @Test
  void searchTranslatesByDefaultAndSaysWhatTheQueryBecame() {
    Result r = parkdoc("search", "laser");
    assertExit(0, r);
    // In a pipe standard output holds the hits alone (the line is for a terminal, as the footer),
    // and standard error stays for problems; --json carries the translations.
    assertTrue(r.outLines().get(0).startsWith(" 1  "), r::describe);
    assertFalse(r.out().contains(" -> "), r::describe);
    assertEquals("", r.err(), r::describe);
    for (String seed : List.of(KO_1, KO_2, JA, ZH, EN)) {
      assertTrue(r.out().contains(seed), () -> seed + " found\n" + r.describe());
    }
    // On a terminal it is the first line, once, above the hits.
    StringWriter out = new StringWriter();
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(new StringWriter())) {
      Environment terminal =
          new Environment(
              Map.of("NO_COLOR", "1", "COLUMNS", "100"),
              new ByteArrayInputStream(new byte[0]),
              true,
              work);
      assertEquals(0, Main.run(o, e, terminal, "--index", index.toString(), "search", "laser"));
    }
    List<String> lines = out.toString().lines().toList();
    assertEquals("laser -> 레이저 (ko) · レーザー (ja) · 激光 (zh)", lines.get(0), out::toString);
    assertEquals(1, lines.stream().filter(l -> l.contains(" -> ")).count(), out::toString);
    Result json = parkdoc("search", "--json", "laser");
    assertTrue(
        json.outLines().get(0).contains("\"translations\":{\"ko\":[\"레이저\"]"), json::describe);
    Result off = parkdoc("search", "--translate=off", "laser");
    assertFalse(off.out().contains(" -> "), off::describe);
    assertFalse(
        off.out().contains(KO_1) || off.out().contains(JA) || off.out().contains(ZH),
        off::describe);
    assertExit(2, parkdoc("search", "--translate=maybe", "laser"));
  }

  @Test
  void analyzeShowsTheTranslationCandidates() {
    Result r = parkdoc("analyze", "--lang", "en", "laser");
    assertExit(0, r);
    assertTrue(r.out().contains("laser (en)  ko: 레이저  ja: レーザー"), r::describe);
  }

  @Test
  void searchKoreanFindsBothKoreanSeedsWithoutColourInAPipe() {
    Result r = parkdoc("search", "--translate=off", "레이저");
    assertExit(0, r);
    assertTrue(
        r.out().contains(KO_1) && r.out().contains(KO_2),
        () -> "both Korean seeds\n" + r.describe());
    assertTrue(r.out().contains("ko"), r::describe);
    assertTrue(r.out().contains("레이저"), () -> "the passage should hold the word\n" + r.describe());
    assertFalse(
        r.out().contains(JA) || r.out().contains(EN) || r.out().contains(ZH),
        () -> "only the Korean seeds\n" + r.describe());
    assertFalse(r.out().contains("\u001b"), () -> "no ANSI escapes in a pipe\n" + r.describe());
    assertEquals("", r.err(), r::describe);
  }

  @Test
  void colourAlwaysHighlightsTheMatch() {
    Result r = parkdoc("--color=always", "search", "레이저");
    assertExit(0, r);
    assertTrue(
        ESC_AROUND_KO.matcher(r.out()).find(),
        () -> "an escape sequence around 레이저\n" + r.describe());
  }

  @Test
  void colourAlwaysAfterTheCommand() {
    Result r = parkdoc("search", "--color=always", "레이저");
    assertExit(0, r);
    assertTrue(
        ESC_AROUND_KO.matcher(r.out()).find(),
        () -> "an escape sequence around 레이저\n" + r.describe());
  }

  @Test
  void colourNeverAndAutoInAPipeHaveNoEscapes() {
    for (String flag : List.of("--color=never", "--color=auto")) {
      Result r = parkdoc(flag, "search", "레이저");
      assertExit(0, r);
      assertFalse(r.out().contains("\u001b"), () -> flag + ": no ANSI escapes\n" + r.describe());
    }
  }

  @Test
  void clicolorForceTurnsColourOnInAPipe() {
    Result r = withIndex(Map.of("CLICOLOR_FORCE", "1"), "search", "레이저");
    assertExit(0, r);
    assertTrue(
        ESC_AROUND_KO.matcher(r.out()).find(),
        () -> "CLICOLOR_FORCE=1 should colour the match\n" + r.describe());
  }

  @Test
  void noColorTurnsColourOff() {
    Result r = withIndex(Map.of("NO_COLOR", "1"), "search", "레이저");
    assertExit(0, r);
    assertFalse(r.out().contains("\u001b"), () -> "NO_COLOR=1: no ANSI escapes\n" + r.describe());
    Result both = withIndex(Map.of("NO_COLOR", "1", "CLICOLOR_FORCE", "1"), "search", "레이저");
    assertExit(0, both);
    assertFalse(
        both.out().contains("\u001b"),
        () -> "NO_COLOR wins over CLICOLOR_FORCE\n" + both.describe());
  }

  @Test
  void badColourValueIsAUsageError() {
    Result r = parkdoc("--color=sometimes", "search", "레이저");
    assertExit(2, r);
    assertOneErrorLine(r);
    assertEquals("", r.out(), r::describe);
  }

  @Test
  void searchJsonHighlightsSpellTheWord() {
    Result r = parkdoc("search", "--json", "--translate=off", "laser");
    assertExit(0, r);
    assertFalse(r.outLines().isEmpty(), r::describe);
    boolean english = false;
    for (String line : r.outLines()) {
      Map<String, Object> m = object(line, r);
      for (String key :
          List.of("rank", "path", "lang", "score", "title", "snippet", "highlights")) {
        assertTrue(
            m.containsKey(key), () -> "key " + key + " missing in " + line + "\n" + r.describe());
      }
      english |= String.valueOf(m.get("path")).endsWith(EN) && "en".equals(m.get("lang"));
      String snippet = (String) m.get("snippet");
      List<?> highlights = (List<?>) m.get("highlights");
      assertFalse(highlights.isEmpty(), () -> "a hit without highlights: " + line);
      for (Object h : highlights) {
        List<?> pair = (List<?>) h;
        assertEquals(2, pair.size(), line);
        int start = ((Number) pair.get(0)).intValue();
        int end = ((Number) pair.get(1)).intValue();
        int cps = snippet.codePointCount(0, snippet.length());
        assertTrue(
            0 <= start && start < end && end <= cps,
            () -> "highlight " + pair + " out of range in " + line);
        String word =
            snippet.substring(
                snippet.offsetByCodePoints(0, start), snippet.offsetByCodePoints(0, end));
        assertTrue(
            word.equals("laser")
                || word.equals("Laser")
                || word.equals("LASER")
                || word.equals("lasers"),
            () -> "highlight " + pair + " spells '" + word + "', not laser, in " + line);
      }
    }
    assertTrue(english, () -> "the English seed should be a hit\n" + r.describe());
  }

  @Test
  void searchJsonCodePointOffsetsForKorean() {
    Result r = parkdoc("search", "--json", "--translate=off", "레이저");
    assertExit(0, r);
    assertEquals(2, r.outLines().size(), r::describe);
    int rank = 0;
    for (String line : r.outLines()) {
      Map<String, Object> m = object(line, r);
      assertEquals((long) ++rank, m.get("rank"), line);
      assertEquals("ko", m.get("lang"), line);
      String snippet = (String) m.get("snippet");
      for (Object h : (List<?>) m.get("highlights")) {
        List<?> pair = (List<?>) h;
        int start = ((Number) pair.get(0)).intValue();
        int end = ((Number) pair.get(1)).intValue();
        String word =
            snippet.substring(
                snippet.offsetByCodePoints(0, start), snippet.offsetByCodePoints(0, end));
        assertTrue(
            word.startsWith("레이저"),
            () -> "highlight " + pair + " spells '" + word + "' in " + line);
      }
    }
  }

  @Test
  void nothingFoundIsExitOneWithEmptyOutput() {
    Result r = parkdoc("search", "xyzzyplughnotaword");
    assertExit(1, r);
    assertEquals("", r.out(), r::describe);
    Result json = parkdoc("search", "--json", "xyzzyplughnotaword");
    assertExit(1, json);
    assertEquals("", json.out(), json::describe);
  }

  @Test
  void malformedQueryIsOneLineOnStderr() {
    Result r = parkdoc("search", "(laser");
    assertExit(2, r);
    assertEquals("", r.out(), r::describe);
    assertEquals(1, r.errLines().size(), () -> "exactly one line on stderr\n" + r.describe());
    assertOneErrorLine(r);
  }

  @Test
  void malformedQueryWithVerboseShowsTheStackTrace() {
    Result r = parkdoc("--verbose", "search", "(laser");
    assertExit(2, r);
    assertTrue(r.errLines().get(0).startsWith("parkdoc:"), r::describe);
    assertTrue(
        r.err().contains("\tat ") || r.err().contains(" at "),
        () -> "--verbose should print the stack trace\n" + r.describe());
  }

  @Test
  void naturalTextIsNoError() {
    for (String q :
        List.of(
            "what is a laser?",
            "What does the laser industry research institute do?",
            "laser?",
            "is it a laser, or not?")) {
      Result r = parkdoc("search", q);
      assertNotEquals(
          2, r.code(), () -> "'" + q + "' is natural text, not an error\n" + r.describe());
      assertEquals(
          "", r.err(), () -> "'" + q + "' should print nothing on stderr\n" + r.describe());
    }
    Result r = parkdoc("search", "what is a laser?");
    assertExit(0, r);
    assertTrue(
        r.out().contains(EN), () -> "the question should find the English seed\n" + r.describe());
  }

  @Test
  void aSearchThatFindsNothingBecauseOfStopWordsSaysSo(@TempDir Path fresh) throws IOException {
    Path docs = fresh.resolve("docs");
    Files.createDirectories(docs);
    Files.writeString(
        docs.resolve("udhr-de.txt"),
        "Alle Menschen sind frei und gleich an Würde und Rechten geboren.");
    String idx = fresh.resolve("idx").toString();
    assertExit(0, run(Map.of(), "--index", idx, "index", "--lang", "de", docs.toString()));
    String note =
        "parkdoc: 'Würde' is a stop word in de: too common there to be indexed, so it cannot be searched for";
    for (Result r :
        List.of(
            run(Map.of(), "--index", idx, "search", "Würde"),
            run(Map.of(), "--index", idx, "search", "--json", "Würde?"))) {
      assertExit(1, r);
      assertEquals("", r.out(), r::describe);
      assertEquals(List.of(note), r.errLines(), r::describe);
    }
    Result none = run(Map.of(), "--index", idx, "search", "Würfel");
    assertExit(1, none);
    assertEquals(
        "",
        none.err(),
        () -> "nothing found for a word that is no stop word: silent, as grep\n" + none.describe());
    for (String query : List.of("Würde Würfel", "Würde lang:ko", "Würde -Menschen")) {
      Result r = run(Map.of(), "--index", idx, "search", query);
      assertExit(1, r);
      assertEquals(
          "",
          r.err(),
          () ->
              "a stop word beside a word searched for, or in a language the query leaves out,"
                  + " is not why nothing was found\n"
                  + r.describe());
    }
    Result found = run(Map.of(), "--index", idx, "search", "Menschen");
    assertExit(0, found);
    assertEquals("", found.err(), found::describe);
    Result many = parkdoc("search", "\"to be or not to be\"");
    assertExit(1, many);
    assertEquals(
        List.of(
            "parkdoc: 'to' (en), 'be' (en), 'or' (en), 'not' (en) are stop words: too common there to be"
                + " indexed, so they cannot be searched for"),
        many.errLines(),
        many::describe);
  }

  @Test
  void searchWithoutAnIndexSaysHowToMakeOne(@TempDir Path empty) {
    Result r = run(Map.of(), "--index", empty.toString(), "search", "x");
    assertExit(2, r);
    assertEquals(1, r.errLines().size(), () -> "one line on stderr\n" + r.describe());
    assertOneErrorLine(r);
    assertTrue(
        r.err().contains("parkdoc index"),
        () -> "should say how to create an index\n" + r.describe());
    assertEquals("", r.out(), r::describe);
  }

  @Test
  void statusWithoutAnIndexIsAnError(@TempDir Path empty) {
    Result r = run(Map.of(), "--index", empty.toString(), "status");
    assertExit(2, r);
    assertOneErrorLine(r);
  }

  @Test
  void parkdocIndexEnvironmentVariableChoosesTheIndex() {
    Result r = run(Map.of("PARKDOC_INDEX", index.toString()), "search", "레이저");
    assertExit(0, r);
    assertTrue(r.out().contains(KO_1), r::describe);
  }

  @Test
  void batchPrintsJsonLinesWithQidAndIsLenient() throws IOException {
    Path file = work.resolve("queries.tsv");
    Files.writeString(file, "q1\t레이저\nq2\t(laser\nq3\tlaser?\n", StandardCharsets.UTF_8);
    Result r = parkdoc("search", "--batch", file.toString());
    assertExit(0, r);
    assertEquals("", r.err(), () -> "a lenient batch prints no error\n" + r.describe());
    Map<String, Integer> perQid = new HashMap<>();
    for (String line : r.outLines()) {
      Map<String, Object> m = object(line, r);
      assertTrue(m.containsKey("qid"), () -> "no qid in " + line);
      for (String key : List.of("rank", "path", "lang", "score", "snippet", "highlights")) {
        assertTrue(m.containsKey(key), () -> "key " + key + " missing in " + line);
      }
      perQid.merge((String) m.get("qid"), 1, Integer::sum);
    }
    assertEquals(
        2, perQid.getOrDefault("q1", 0), () -> "q1 finds the two Korean seeds\n" + r.describe());
    assertTrue(
        perQid.getOrDefault("q2", 0) >= 1,
        () -> "q2 (malformed) is searched as words\n" + r.describe());
    assertTrue(
        perQid.getOrDefault("q3", 0) >= 1, () -> "q3 finds the English seed\n" + r.describe());
  }

  @Test
  void batchFromStdin() {
    Result r =
        run(
            Map.of(),
            new ByteArrayInputStream("a\tlaser\n".getBytes(StandardCharsets.UTF_8)),
            "--index",
            index.toString(),
            "search",
            "--batch",
            "-");
    assertExit(0, r);
    assertTrue(r.outLines().stream().allMatch(l -> l.startsWith("{\"qid\":\"a\"")), r::describe);
    assertFalse(r.outLines().isEmpty(), r::describe);
  }

  @Test
  void limitAndOffsetPage() {
    Result r = parkdoc("search", "--limit", "1", "--offset", "1", "레이저");
    assertExit(0, r);
    List<String> heads =
        r.outLines().stream().filter(l -> l.matches("\\s*\\d+\\s{2}\\S+\\.txt\\s{2}.*")).toList();
    assertEquals(1, heads.size(), () -> "one hit\n" + r.describe());
    assertTrue(
        heads.get(0).strip().startsWith("2 "), () -> "the second hit, rank 2\n" + r.describe());

    Result json = parkdoc("search", "--json", "--limit", "1", "--offset", "1", "레이저");
    assertExit(0, json);
    assertEquals(1, json.outLines().size(), json::describe);
    assertEquals(2L, object(json.outLines().get(0), json).get("rank"), json::describe);
    Result first = parkdoc("search", "--json", "--limit", "1", "레이저");
    assertNotEquals(
        object(first.outLines().get(0), first).get("path"),
        object(json.outLines().get(0), json).get("path"),
        () ->
            "offset 1 should give another document than offset 0\n"
                + first.describe()
                + "\n"
                + json.describe());
  }

  @Test
  void negativeLimitIsAnError() {
    Result r = parkdoc("search", "--limit", "-1", "laser");
    assertExit(2, r);
    assertOneErrorLine(r);
  }

  @Test
  void queryIsNeeded() {
    Result r = parkdoc("search");
    assertExit(2, r);
    assertOneErrorLine(r);
  }

  // ---- status ----

  @Test
  void statusShowsFiveDocuments() {
    Result r = parkdoc("status");
    assertExit(0, r);
    assertTrue(
        Pattern.compile("documents\\s+5\\b").matcher(r.out()).find(),
        () -> "documents 5\n" + r.describe());
  }

  @Test
  void statusJson() {
    Result r = parkdoc("status", "--json");
    assertExit(0, r);
    assertEquals(1, r.outLines().size(), r::describe);
    Map<String, Object> m = object(r.outLines().get(0), r);
    assertEquals(5L, m.get("documents"), r::describe);
    assertEquals(
        Map.of("ko", 2L, "ja", 1L, "zh-Hans", 1L, "en", 1L), m.get("languages"), r::describe);
  }

  // ---- detect ----

  @Test
  void detectEachSeed() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put(KO_1, "ko");
    expected.put(KO_2, "ko");
    expected.put(JA, "ja");
    expected.put(ZH, "zh-Hans");
    expected.put(EN, "en");
    for (var e : expected.entrySet()) {
      Result r = run(Map.of(), "detect", seeds.resolve(e.getKey()).toString());
      assertExit(0, r);
      String[] cols = r.outLines().get(0).split("\t");
      assertEquals(3, cols.length, r::describe);
      assertEquals(e.getValue(), cols[1], () -> e.getKey() + "\n" + r.describe());
    }
  }

  @Test
  void detectJson() {
    Result r = run(Map.of(), "detect", "--json", "seeds/" + KO_1, "seeds/" + EN);
    assertExit(0, r);
    assertEquals(2, r.outLines().size(), r::describe);
    List<String> langs = new ArrayList<>();
    for (String line : r.outLines()) {
      Map<String, Object> m = object(line, r);
      for (String key : List.of("path", "lang", "confidence", "segments")) {
        assertTrue(m.containsKey(key), () -> "key " + key + " missing in " + line);
      }
      double c = ((Number) m.get("confidence")).doubleValue();
      assertTrue(c > 0 && c <= 1, line);
      List<?> segments = (List<?>) m.get("segments");
      assertFalse(segments.isEmpty(), line);
      for (Object s : segments) {
        Map<?, ?> seg = (Map<?, ?>) s;
        assertTrue(
            seg.containsKey("start") && seg.containsKey("end") && seg.containsKey("lang"),
            () -> "segment " + seg + " in " + line);
        assertTrue(
            ((Number) seg.get("start")).longValue() < ((Number) seg.get("end")).longValue(), line);
      }
      langs.add((String) m.get("lang"));
    }
    assertEquals(List.of("ko", "en"), langs, r::describe);
    assertEquals("seeds/" + KO_1, object(r.outLines().get(0), r).get("path"), r::describe);
  }

  @Test
  void detectStdin() {
    Result r =
        run(
            Map.of(),
            new ByteArrayInputStream("레이저 기술".getBytes(StandardCharsets.UTF_8)),
            "detect",
            "-");
    assertExit(0, r);
    assertEquals(1, r.outLines().size(), r::describe);
    String[] cols = r.outLines().get(0).split("\t");
    assertEquals("-", cols[0], r::describe);
    assertEquals("ko", cols[1], r::describe);
  }

  @Test
  void detectMissingFileIsAnError() {
    Result r = run(Map.of(), "detect", "seeds/nope.txt");
    assertExit(2, r);
    assertOneErrorLine(r);
    assertTrue(r.err().contains("nope.txt"), r::describe);
  }

  // ---- version, help, usage errors ----

  @Test
  void version() {
    Result r = run(Map.of(), "--version");
    assertExit(0, r);
    assertTrue(r.out().startsWith("parkdoc "), r::describe);
  }

  @Test
  void help() {
    Result r = run(Map.of(), "--help");
    assertExit(0, r);
    for (String word : List.of("index", "search", "detect", "status", "Exit status")) {
      assertTrue(
          r.out().contains(word), () -> "--help should mention " + word + "\n" + r.describe());
    }
    assertTrue(
        Pattern.compile("(?m)^\\s*2\\s").matcher(r.out()).find(),
        () -> "exit status 2 explained\n" + r.describe());
  }

  @Test
  void subcommandHelp() {
    Result r = run(Map.of(), "search", "--help");
    assertExit(0, r);
    assertTrue(r.out().contains("--json") && r.out().contains("--batch"), r::describe);
  }

  @Test
  void unknownOption() {
    Result r = run(Map.of(), "--bogus");
    assertExit(2, r);
    List<String> lines = r.errLines();
    assertTrue(lines.get(0).startsWith("parkdoc:"), r::describe);
    assertTrue(lines.get(0).contains("--bogus"), r::describe);
    assertEquals(2, lines.size(), () -> "one error line and the hint\n" + r.describe());
    assertTrue(lines.get(1).startsWith("Try"), () -> "a 'Try' hint\n" + r.describe());
    assertEquals("", r.out(), r::describe);
  }

  /**
   * {@code parkdoc [--index DIR] search WORD...} skips picocli (see ParkdocCommand.plainSearch):
   * its output, errors and exit codes must be exactly what picocli's path gives.
   */
  @Test
  void plainSearchSkipsPicocliWithTheSameResults() {
    List<List<String>> commands =
        List.of(
            List.of("--index", index.toString(), "search", "레이저"),
            List.of("--index=" + index, "search", "レーザー", "加工"),
            List.of("--index", index.toString(), "search", "激光"),
            List.of("--index", index.toString(), "search", "laser", "industry"),
            List.of("--index", index.toString(), "search", "zzzznothing"),
            List.of("--index", index.toString(), "search", "search"),
            List.of("--index", index.toString(), "search", "--translate=off", "laser"),
            List.of("--index", index.toString(), "search", "레이저", "--translate", "off"),
            List.of("--index", index.toString(), "search", "--translate=on", "激光"),
            List.of("--index", index.toString(), "search", "--translate=maybe", "laser"),
            List.of("--index", index.toString(), "search", "--translate=off"),
            List.of("--index", work.resolve("no-index-here").toString(), "search", "laser"),
            List.of("search", "laser"));
    for (List<String> args : commands) {
      String[] a = args.toArray(String[]::new);
      Result fast = run(Map.of("PARKDOC_INDEX", index.toString()), a);
      Result picocli;
      System.setProperty("parkdoc.fastpath", "false");
      try {
        picocli = run(Map.of("PARKDOC_INDEX", index.toString()), a);
      } finally {
        System.clearProperty("parkdoc.fastpath");
      }
      assertEquals(picocli, fast, String.join(" ", args));
    }
    assertEquals(0, run(Map.of(), "--index", index.toString(), "search", "laser").code());
    assertEquals(1, run(Map.of(), "--index", index.toString(), "search", "zzzznothing").code());
    assertEquals(
        2,
        run(Map.of(), "--index", work.resolve("no-index-here").toString(), "search", "laser")
            .code());
  }

  /**
   * {@code parkdoc [--index DIR] index [--quiet] PATH...} skips picocli too (FastPath.plainIndex):
   * the same output (its durations and speeds aside), errors and exit codes as picocli's path, on a
   * first index, a re-run, a missing path and option forms it leaves to picocli.
   */
  @Test
  void plainIndexSkipsPicocliWithTheSameResults() throws IOException {
    Path fastIndex = work.resolve("fast-index");
    Path slowIndex = work.resolve("picocli-index");
    List<List<String>> commands =
        List.of(
            List.of("--index", "INDEX", "index", seeds.toString()),
            List.of("--index=INDEX", "index", "--quiet", seeds.toString()),
            List.of("--index", "INDEX", "index", "-q", seeds.toString(), seeds.toString()),
            List.of("--index", "INDEX", "index", seeds.resolve("no-such-file").toString()),
            List.of("--index", "INDEX", "index", "--json", seeds.toString()),
            List.of("--index", "INDEX", "index", "--bogus", seeds.toString()),
            List.of("--index", "INDEX", "index"),
            List.of("--index", "INDEX", "index", seeds.toString()));
    for (List<String> args : commands) {
      Result fast = run(Map.of(), withIndex(args, fastIndex));
      Result picocli;
      System.setProperty("parkdoc.fastpath", "false");
      try {
        picocli = run(Map.of(), withIndex(args, slowIndex));
      } finally {
        System.clearProperty("parkdoc.fastpath");
      }
      assertEquals(timeless(picocli, slowIndex), timeless(fast, fastIndex), String.join(" ", args));
    }
    assertTrue(Files.isRegularFile(fastIndex.resolve("manifest.properties")), "indexed");
    assertEquals(
        Files.readAllLines(slowIndex.resolve("manifest.properties")).stream().skip(1).toList(),
        Files.readAllLines(fastIndex.resolve("manifest.properties")).stream().skip(1).toList(),
        "the same documents in each language");
  }

  private static String[] withIndex(List<String> args, Path dir) {
    return args.stream().map(a -> a.replace("INDEX", dir.toString())).toArray(String[]::new);
  }

  /** The result with durations and speeds blanked and the index's folder named INDEX. */
  private static Result timeless(Result r, Path dir) {
    java.util.function.UnaryOperator<String> f =
        t ->
            t.replace(dir.toString(), "INDEX")
                .replace(dir.getFileName().toString(), "INDEX")
                .replaceAll("[0-9.]+ (s|ms|MB/s)\\b", "N $1")
                .replaceAll("\"(elapsed|seconds|mb_per_s)[a-z_]*\":[0-9.eE+-]+", "\"$1\":N");
    return new Result(r.code(), f.apply(r.out()), f.apply(r.err()));
  }

  @Test
  void unknownSearchOption() {
    Result r = parkdoc("search", "--bogus", "laser");
    assertExit(2, r);
    assertTrue(r.errLines().get(0).startsWith("parkdoc:"), r::describe);
    assertTrue(r.errLines().stream().anyMatch(l -> l.startsWith("Try")), r::describe);
  }

  @Test
  void unknownCommand() {
    Result r = run(Map.of(), "frobnicate");
    assertExit(2, r);
    assertTrue(r.errLines().get(0).startsWith("parkdoc:"), r::describe);
    assertTrue(r.err().contains("frobnicate"), r::describe);
    assertFalse(r.err().contains("Exception"), r::describe);
  }

  @Test
  void noCommand() {
    Result r = run(Map.of());
    assertExit(2, r);
    assertTrue(r.err().contains("parkdoc:"), r::describe);
  }

  // ---- a tiny JSON reader ----

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String json, Result context) {
    try {
      Object v = new JsonReader(json).readWhole();
      if (!(v instanceof Map)) {
        fail("not a JSON object: " + json + "\n" + context.describe());
      }
      return (Map<String, Object>) v;
    } catch (IllegalArgumentException e) {
      return fail("invalid JSON (" + e.getMessage() + "): " + json + "\n" + context.describe());
    }
  }

  /** Reads JSON into Maps, Lists, Strings, Longs, Doubles, Booleans and null. */
  static final class JsonReader {
    private final String s;
    private int i;

    JsonReader(String s) {
      this.s = s;
    }

    Object readWhole() {
      Object v = value();
      ws();
      if (i != s.length()) {
        throw new IllegalArgumentException("trailing text at " + i);
      }
      return v;
    }

    private void ws() {
      while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
    }

    private char peek() {
      ws();
      if (i >= s.length()) {
        throw new IllegalArgumentException("unexpected end");
      }
      return s.charAt(i);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw new IllegalArgumentException("expected '" + c + "' at " + i);
      }
      i++;
    }

    private Object value() {
      char c = peek();
      switch (c) {
        case '{' -> {
          i++;
          Map<String, Object> m = new LinkedHashMap<>();
          if (peek() == '}') {
            i++;
            return m;
          }
          while (true) {
            String k = string();
            expect(':');
            if (m.put(k, value()) != null) {
              throw new IllegalArgumentException("duplicate key " + k);
            }
            if (peek() == ',') {
              i++;
            } else {
              expect('}');
              return m;
            }
          }
        }
        case '[' -> {
          i++;
          List<Object> l = new ArrayList<>();
          if (peek() == ']') {
            i++;
            return l;
          }
          while (true) {
            l.add(value());
            if (peek() == ',') {
              i++;
            } else {
              expect(']');
              return l;
            }
          }
        }
        case '"' -> {
          return string();
        }
        default -> {
          for (String lit : List.of("true", "false", "null")) {
            if (s.startsWith(lit, i)) {
              i += lit.length();
              return lit.equals("null") ? null : Boolean.valueOf(lit);
            }
          }
          Matcher m =
              Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")
                  .matcher(s)
                  .region(i, s.length());
          if (!m.lookingAt()) {
            throw new IllegalArgumentException("unexpected '" + c + "' at " + i);
          }
          i = m.end();
          return m.group(2) == null && m.group(3) == null
              ? (Object) Long.parseLong(m.group())
              : (Object) Double.parseDouble(m.group());
        }
      }
    }

    private String string() {
      expect('"');
      StringBuilder b = new StringBuilder();
      while (true) {
        if (i >= s.length()) {
          throw new IllegalArgumentException("unterminated string");
        }
        char c = s.charAt(i++);
        if (c == '"') {
          return b.toString();
        }
        if (c < 0x20) {
          throw new IllegalArgumentException("raw control character in string at " + (i - 1));
        }
        if (c != '\\') {
          b.append(c);
          continue;
        }
        char e = s.charAt(i++);
        switch (e) {
          case '"', '\\', '/' -> b.append(e);
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'r' -> b.append('\r');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'u' -> {
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> throw new IllegalArgumentException("bad escape \\" + e);
        }
      }
    }
  }

  @Test
  void jsonReaderSelfCheck() {
    Result none = new Result(0, "", "");
    Map<String, Object> m =
        object("{\"a\":[1,2.5,\"x\\\"y\\u00e9\"],\"b\":{\"c\":null,\"d\":true}}", none);
    assertEquals(Arrays.asList(1L, 2.5, "x\"yé"), m.get("a"));
    assertEquals(Arrays.asList(null, true), new ArrayList<>(((Map<?, ?>) m.get("b")).values()));
  }
}
