package io.parkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.core.FullText;
import io.parkdoc.core.IndexStatus;
import io.parkdoc.core.MatchExplanation;
import io.parkdoc.core.SearchBackend;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.SearchResults;
import io.parkdoc.term.HitPrinter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partial matches are labelled wherever hits go, not only on a terminal; a pasted paragraph is an
 * answer, not an internal error; and a query that fails in {@code --batch} is reported with its qid
 * while the others run (issue 17).
 */
class PartialAndBatchTest {
  @TempDir static Path work;
  private static String index;

  @BeforeAll
  static void build() throws IOException {
    Path docs = work.resolve("docs");
    Files.createDirectories(docs);
    Files.writeString(
        docs.resolve("maine.txt"),
        "メイン州 [SEP] 行政府は議会で成立した法を執行する責任があり、メイン州知事が首長である。州知事は4年間任期で選ばれる。\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        docs.resolve("statute.txt"),
        "第一條　為保障商標權及消費者利益，維護市場公平競爭，促進工商企業正常發展，特制定本法。\n",
        StandardCharsets.UTF_8);
    index = work.resolve("idx").toString();
    CliTest.Result built = run(Map.of(), "--index", index, "index", docs.toString());
    assertEquals(0, built.code(), built::describe);
  }

  private static CliTest.Result run(Map<String, String> vars, String... args) {
    return run(vars, new java.io.ByteArrayInputStream(new byte[0]), args);
  }

  private static CliTest.Result run(
      Map<String, String> vars, java.io.InputStream stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      code = io.parkdoc.Main.run(o, e, Environment.of(vars, stdin, work), args);
    }
    return new CliTest.Result(code, out.toString(), err.toString());
  }

  @Test
  void partialMatchesAreLabelledInJson() {
    CliTest.Result r = run(Map.of(), "--index", index, "search", "--json", "メイン州知事任期は");
    assertEquals(0, r.code(), r::describe);
    assertEquals(1, r.outLines().size(), r::describe);
    assertTrue(r.outLines().get(0).contains("\"partial\":true"), r::describe);
  }

  @Test
  void partialMatchesAreLabelledInAPipe() {
    CliTest.Result r = run(Map.of(), "--index", index, "search", "メイン州知事任期は");
    assertEquals(0, r.code(), r::describe);
    assertTrue(r.out().contains("maine.txt"), r::describe);
    assertTrue(r.err().contains(HitPrinter.PARTIAL_NOTE), r::describe);
  }

  @Test
  void wholeMatchesAreNotLabelled() {
    CliTest.Result r = run(Map.of(), "--index", index, "search", "--json", "メイン州知事");
    assertEquals(0, r.code(), r::describe);
    assertFalse(r.out().contains("partial"), r::describe);
    assertFalse(r.err().contains("partial"), r::describe);
  }

  @Test
  void aPastedStatuteIsSearchedNotAnError() {
    String paragraph =
        ("第一條　為保障商標權及消費者利益，維護市場公平競爭，促進工商企業正常發展，特制定本法。"
                + "第二條　欲取得商標權、證明標章權、團體標章權或團體商標權者，應依本法申請註冊。"
                + "第三條　商標專責機關得委任或委託其他機關辦理商標審查事務。")
            .repeat(25);
    assertTrue(paragraph.length() > 2000);
    CliTest.Result r = run(Map.of(), "--index", index, "search", paragraph);
    assertEquals(0, r.code(), r::describe);
    assertTrue(r.out().contains("statute.txt"), r::describe);
    CliTest.Result batch =
        run(
            Map.of(),
            new java.io.ByteArrayInputStream(
                ("q1\t" + paragraph + "\nq2\t" + "레이저 ".repeat(700) + "\nq3\t商標權\n")
                    .getBytes(StandardCharsets.UTF_8)),
            "--index",
            index,
            "search",
            "--batch",
            "-");
    assertEquals(0, batch.code(), batch::describe);
    assertTrue(batch.out().contains("\"qid\":\"q1\""), batch::describe);
    assertTrue(batch.out().contains("\"qid\":\"q3\""), batch::describe);
    assertEquals("", batch.err(), batch::describe);
  }

  /** A backend whose search fails for one query, as a broken index or a bug would. */
  private static final class FailingOn implements SearchBackend {
    private final String failing;
    private final SearchBackend real;

    FailingOn(String failing, SearchBackend real) {
      this.failing = failing;
      this.real = real;
    }

    @Override
    public SearchResults search(SearchRequest request) {
      if (request.query().equals(failing)) {
        throw new IllegalStateException("TooManyNestedClauses (simulated)");
      }
      return real.search(request);
    }

    @Override
    public List<String> languages() {
      return real.languages();
    }

    @Override
    public long documents() {
      return real.documents();
    }

    @Override
    public FullText fullText(SearchRequest request, boolean relaxed, String path) {
      return real.fullText(request, relaxed, path);
    }

    @Override
    public MatchExplanation explain(SearchRequest request, boolean relaxed, String path) {
      return real.explain(request, relaxed, path);
    }

    @Override
    public IndexStatus status() {
      return real.status();
    }

    @Override
    public boolean isCurrent() {
      return true;
    }

    @Override
    public void close() {
      real.close();
    }
  }

  @Test
  void aFailingBatchQueryIsReportedWithItsQidAndTheOthersRun() throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (SearchBackend backend =
        new FailingOn(
            "boom",
            io.parkdoc.backend.Backends.search(io.parkdoc.core.IndexLocation.of(Path.of(index))))) {
      code =
          SearchCommand.batch(
              backend,
              new BufferedReader(new StringReader("q1\t商標權\nq2\tboom\nq3\tメイン州知事\n")),
              "-",
              q -> new SearchRequest(q, Set.of(), 10, 0, 1, true),
              p -> p,
              new PrintWriter(out, true),
              new PrintWriter(err, true));
    }
    assertEquals(ExitCodes.ERROR, code);
    assertTrue(out.toString().contains("\"qid\":\"q1\""), out.toString());
    assertTrue(out.toString().contains("\"qid\":\"q3\""), "q3 ran after q2 failed: " + out);
    assertFalse(out.toString().contains("\"qid\":\"q2\""), out.toString());
    assertTrue(err.toString().startsWith("parkdoc: query q2: "), err.toString());
    assertTrue(err.toString().contains("TooManyNestedClauses"), err.toString());
  }
}
