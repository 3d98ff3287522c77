package io.parkdoc.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.Main;
import io.parkdoc.Seeds;
import io.parkdoc.cli.CliCommands;
import io.parkdoc.cli.Environment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive shell on a JLine {@link DumbTerminal} fed by streams (as jline3's own {@code
 * ReaderTestSupport} does), searching an index of the five seeds, with the command line's real
 * commands behind {@code :status}, {@code :index} and {@code :analyze}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ShellTest {
  private static final Pattern HIGHLIGHTED_KO =
      Pattern.compile("\u001b\\[[0-9;]*m레이저\u001b\\[[0-9;]*m");
  private static final String KO_1 = "000_a8d161a3e181a11e.txt";
  private static final String KO_2 = "001_b3009ad936661df0.txt";
  private static final String EN_SEED = "004_39588cbbee0213c5.txt";
  private static final String CTRL_C = "\u0003";
  private static final String CTRL_P = "\u0010";
  private static final String CTRL_R = "\u0012";

  @TempDir static Path work;
  private static Path index;

  /** What a session showed, and its exit code. */
  record Transcript(int code, String screen) {
    String describe() {
      return "exit " + code + "\n--- screen ---\n" + screen + "\n--------------";
    }

    /** The screen without escape sequences. */
    String plain() {
      return screen.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "");
    }
  }

  @BeforeAll
  static void indexSeeds() throws IOException {
    Path seeds = work.resolve("seeds");
    Seeds.copyTo(seeds);
    index = work.resolve("idx");
    StringWriter out = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(out),
            Environment.of(Map.of(), InputStream.nullInputStream(), work),
            "--index",
            index.toString(),
            "index",
            seeds.toString());
    assertEquals(0, code, out::toString);
  }

  // ---- running a session ----

  static ShellSettings settings(Path indexDir, Path history) {
    return new ShellSettings(
        io.parkdoc.core.IndexLocation.of(indexDir),
        work,
        p -> Path.of(p).startsWith(work) ? work.relativize(Path.of(p)).toString() : p,
        true,
        false,
        history,
        null,
        Map.of(),
        false); // today's search: what is typed (ShellTranslateTest covers translation)
  }

  static Shell shell(Path indexDir, Path history) {
    Environment env = Environment.of(Map.of(), InputStream.nullInputStream(), work);
    return new Shell(
        settings(indexDir, history),
        new CliCommands(env, io.parkdoc.core.IndexLocation.of(indexDir), true, false));
  }

  /**
   * A terminal of type ansi (as jline3's ReaderTestSupport has it: a "dumb" type would turn line
   * editing off), tall enough that nothing goes through the pager.
   */
  static Terminal terminal(InputStream keys, ByteArrayOutputStream screen) throws IOException {
    Terminal t = new DumbTerminal("test", "ansi", keys, screen, StandardCharsets.UTF_8);
    t.setSize(new Size(100, 1000));
    // The control characters of a real terminal: Ctrl-C interrupts, Ctrl-D ends the input. All
    // the signal characters are set: DumbTerminal would take the end of input (-1) for an unset
    // one.
    Attributes a = t.getAttributes();
    a.setControlChar(Attributes.ControlChar.VINTR, 3);
    a.setControlChar(Attributes.ControlChar.VQUIT, 28);
    a.setControlChar(Attributes.ControlChar.VSUSP, 26);
    a.setControlChar(Attributes.ControlChar.VSTATUS, 20);
    a.setControlChar(Attributes.ControlChar.VEOF, 4);
    a.setLocalFlag(Attributes.LocalFlag.ISIG, true);
    t.setAttributes(a);
    return t;
  }

  /** Types {@code keys} into a shell on the seed index; the session ends when the keys run out. */
  static Transcript type(String keys, Path indexDir, Path history) throws IOException {
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    try (Terminal t =
        terminal(new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen)) {
      int code = shell(indexDir, history).interactive(t);
      return new Transcript(code, screen.toString(StandardCharsets.UTF_8));
    }
  }

  static Transcript type(String keys) throws IOException {
    return type(keys, index, null);
  }

  // ---- searching ----

  @Test
  void translateOnShowsWhatTheQueryBecameAndFindsTheOtherLanguages() throws IOException {
    Transcript t = type(":translate on\n레이저\n:translate off\n레이저\n:quit\n");
    assertEquals(0, t.code(), t::describe);
    String plain = t.plain();
    int line = plain.indexOf("레이저 -> laser (en)");
    assertTrue(line >= 0, () -> "the translation line\n" + t.describe());
    assertTrue(
        plain.indexOf("seeds/" + EN_SEED) > line, () -> "the English seed found\n" + t.describe());
    int off = plain.indexOf("searching only what is typed");
    assertTrue(off > line, t::describe);
    assertEquals(
        -1, plain.indexOf("레이저 -> ", off), () -> "no translation once off\n" + t.describe());
  }

  @Test
  void aQueryShowsHighlightedHitsUnderAPromptWithTheIndexAndItsCount() throws IOException {
    Transcript t = type("레이저\n:quit\n");
    assertEquals(0, t.code(), t::describe);
    assertTrue(
        t.plain().contains("idx (5 docs)> "),
        () -> "the prompt names the index and its count\n" + t.describe());
    assertTrue(t.plain().contains(" 1  seeds/" + KO_1 + "  ko"), t::describe);
    assertTrue(t.plain().contains(" 2  seeds/" + KO_2 + "  ko"), t::describe);
    assertTrue(HIGHLIGHTED_KO.matcher(t.screen()).find(), () -> "레이저 highlighted\n" + t.describe());
    assertTrue(t.plain().contains("1–2 of 2 hits · ko"), () -> "the summary line\n" + t.describe());
  }

  @Test
  void passagesAreWrappedToTheTerminalWidth() throws IOException {
    Transcript t = type("레이저\n");
    for (String line : t.plain().lines().filter(l -> l.startsWith("    ")).toList()) {
      assertTrue(
          io.parkdoc.term.TextLayout.width(line) <= 100,
          () -> "wider than 100 columns: " + line + "\n" + t.describe());
    }
  }

  @Test
  void aBadQueryPrintsOneLineAndTheShellGoesOn() throws IOException {
    Transcript t = type("(laser\nlaser\n");
    assertEquals(0, t.code(), t::describe);
    assertTrue(t.plain().contains("parkdoc: unbalanced parenthesis"), t::describe);
    assertFalse(
        t.screen().contains("Exception") || t.screen().contains("\tat "),
        () -> "no stack trace\n" + t.describe());
    assertTrue(
        t.plain().contains("seeds/004_39588cbbee0213c5.txt  en"),
        () -> "the next query still runs\n" + t.describe());
  }

  @Test
  void moreShowsTheNextPageAndLimitSetsItsSize() throws IOException {
    Transcript t = type(":limit 1\n레이저\n:more\n:more\n");
    assertTrue(t.plain().contains("1–1 of 2 hits"), t::describe);
    assertTrue(t.plain().contains(" 2  seeds/" + KO_2), () -> ":more shows hit 2\n" + t.describe());
    assertTrue(t.plain().contains("2–2 of 2 hits"), t::describe);
    assertTrue(t.plain().contains("no more hits: 2 in all"), t::describe);
  }

  @Test
  void langRestrictsTheLanguagesAndShowsInThePrompt() throws IOException {
    Transcript t = type(":lang ja,zh\nlaser\n:lang all\nlaser\n:lang xx\n");
    assertTrue(t.plain().contains("idx (5 docs) ja,zh> "), t::describe);
    assertTrue(
        t.plain().contains("no hits in ja, zh"),
        () -> "the English seed is not searched\n" + t.describe());
    assertTrue(
        t.plain().contains("seeds/004_39588cbbee0213c5.txt  en"),
        () -> "after :lang all it is\n" + t.describe());
    assertTrue(t.plain().contains("parkdoc: unknown language 'xx'"), t::describe);
  }

  @Test
  void aSearchThatFindsNothingBecauseOfStopWordsSaysSoUnderIt() throws IOException {
    Transcript t = type("the\nlaser\n");
    assertTrue(
        t.plain()
            .matches(
                "(?s).*no hits in ko, ja, zh, en[^\\n]* · 'the' is a stop word in en: too common there to be indexed.*"),
        t::describe);
    assertEquals(
        1,
        t.plain().split("stop word", -1).length - 1,
        () -> "only under the search that found nothing\n" + t.describe());
  }

  @Test
  void settingALanguageSearchesTheLastQueryAgain() throws IOException {
    Transcript t = type("laser\n:lang ja\n");
    assertTrue(t.plain().contains("no hits in ja"), t::describe);
  }

  // ---- opening and explaining a hit ----

  @Test
  void openShowsTheWholeDocumentWithEveryMatchHighlighted() throws IOException {
    Transcript t = type("레이저\n:open 1\n");
    assertTrue(t.plain().contains("seeds/" + KO_1 + "  ko  5 matches"), t::describe);
    // A line from the middle of the document, not in any passage.
    assertTrue(t.plain().contains("국제화 방면에서 장춘고신구에서"), () -> "the whole text\n" + t.describe());
    long highlighted = HIGHLIGHTED_KO.matcher(t.screen()).results().count();
    assertTrue(
        highlighted >= 2 + 5,
        () ->
            "5 in the document besides the 2 in the passages, found "
                + highlighted
                + "\n"
                + t.describe());
  }

  @Test
  void openOfAHitBeyondThePageFetchesIt() throws IOException {
    Transcript t = type(":limit 1\n레이저\n:open 2\n:open 3\n");
    assertTrue(t.plain().contains("seeds/" + KO_2 + "  ko  "), t::describe);
    assertTrue(t.plain().contains("parkdoc: no hit 3: the last search found 2"), t::describe);
  }

  @Test
  void explainNamesTheFieldsTermsAndScoreParts() throws IOException {
    Transcript t = type("레이저\n:explain 1\n");
    assertTrue(t.plain().contains("matched in text_ko"), t::describe);
    assertTrue(t.plain().contains("matched in bigram_ko"), t::describe);
    assertTrue(t.plain().contains("idf, computed as"), () -> "BM25's parts\n" + t.describe());
  }

  @Test
  void openAndExplainBeforeASearchSayWhatToDo() throws IOException {
    Transcript t = type(":open 1\n:explain x\n:more\n");
    assertTrue(t.plain().contains("parkdoc: no hits to show: type a query first"), t::describe);
    assertTrue(t.plain().contains("parkdoc: :explain takes a number, not 'x'"), t::describe);
  }

  // ---- the command line's commands ----

  @Test
  void analyzeIsTheCommandLinesCommand() throws IOException {
    Transcript t = type(":analyze -l ko 레이저를\n");
    assertTrue(t.plain().contains("ko  text_ko  nori"), t::describe);
    assertTrue(Pattern.compile("0  레이저\\s+0-3\\s+word").matcher(t.plain()).find(), t::describe);
  }

  @Test
  void analyzeTakesTheLanguagesFirst() throws IOException {
    Transcript t = type(":analyze en,de lasers\n:analyze no problem at all\n");
    assertTrue(t.plain().contains("en  text_en  EnglishAnalyzer"), t::describe);
    assertTrue(t.plain().contains("de  text_de  GermanAnalyzer"), t::describe);
    assertFalse(
        t.plain().contains("text_ko"), () -> "only the languages asked for\n" + t.describe());
    assertEquals(
        List.of("analyze", "--lang", "ko,ja", "--", "레이저"),
        Session.shorthand(List.of("analyze", "ko,ja", "레이저")));
    assertEquals(
        List.of("analyze", "레이저"),
        Session.shorthand(List.of("analyze", "레이저")),
        "one word is the text");
    assertEquals(
        List.of("analyze", "-a", "ko", "x"),
        Session.shorthand(List.of("analyze", "-a", "ko", "x")));
  }

  @Test
  void aCommandsOptionsDoNotCarryOverToItsNextRun() throws IOException {
    Transcript t = type(":status --json\n:status\n");
    assertTrue(t.plain().contains("{\"documents\":5"), t::describe);
    assertTrue(
        t.plain().contains("documents  5  (ko 2"),
        () -> "the second :status is not JSON\n" + t.describe());
  }

  @Test
  void indexAddsFilesAndTheShellSearchesThemAtOnce(@TempDir Path dir) throws IOException {
    Path idx = dir.resolve("idx");
    Path docs = dir.resolve("docs");
    Files.createDirectories(docs);
    Files.writeString(
        docs.resolve("a.txt"), "Plasma cutting and laser welding of thick steel plates.");
    Transcript t = type("plasma\n:index " + docs + "\nplasma\n:status\n", idx, null);
    assertTrue(t.plain().contains("no index at "), () -> "no index at first\n" + t.describe());
    assertTrue(t.plain().contains("indexed 1 file"), t::describe);
    assertTrue(
        t.plain().contains("idx (1 docs)> plasma"),
        () -> "the prompt counts the new document\n" + t.describe());
    assertTrue(
        t.plain().contains(" 1  " + work.relativize(docs.resolve("a.txt")) + "  en")
            || t.plain().contains(" 1  " + docs.resolve("a.txt") + "  en"),
        () -> "found at once\n" + t.describe());
  }

  @Test
  void helpListsTheShellsAndTheCommandLinesCommands() throws IOException {
    Transcript t = type(":help\n:help limit\n:nope\n");
    for (String c :
        List.of(
            ":open N",
            ":more",
            ":explain N",
            ":lang",
            ":limit N",
            ":quit",
            ":analyze",
            ":status",
            ":index",
            ":detect")) {
      assertTrue(t.plain().contains(c), () -> c + " in :help\n" + t.describe());
    }
    assertFalse(
        t.plain().contains(":search") || t.plain().contains(":shell"),
        () -> "a line is a search; no shell in the shell\n" + t.describe());
    assertTrue(t.plain().contains(":limit N  hits per page"), t::describe);
    assertTrue(t.plain().contains("parkdoc: unknown command :nope"), t::describe);
  }

  // ---- keys and history ----

  @Test
  void ctrlCDropsTheLineAndCtrlDLeaves() throws Exception {
    try (Typist typist = new Typist()) {
      typist.keys("레이저" + CTRL_C);
      typist.await(
          s -> s.contains("레이저") && s.lastIndexOf("idx (5 docs)> ") > s.indexOf("레이저"),
          "a new prompt after Ctrl-C");
      typist.keys("laser\n");
      typist.await(s -> s.contains("1–1 of 1 hit"), "the hit of laser");
      typist.keys("\u0004");
      assertEquals(0, typist.exit(), typist::describe);
      assertFalse(
          typist.plain().contains("seeds/" + KO_1),
          () -> "the Korean query was dropped\n" + typist.describe());
    }
  }

  @Test
  void historyIsKeptAcrossSessions(@TempDir Path dir) throws IOException {
    Path history = dir.resolve("state/parkdoc/history");
    type("레이저\n", index, history);
    assertTrue(Files.readString(history).contains("레이저"), "the history file holds the query");
    // Ctrl-P brings back the last line, Ctrl-R searches for one.
    Transcript back = type(CTRL_P + "\n", index, history);
    assertTrue(
        back.plain().contains(" 1  seeds/" + KO_1),
        () -> "the query came back\n" + back.describe());
    Transcript search = type(CTRL_R + "레이\n", index, history);
    assertTrue(
        search.plain().contains(" 1  seeds/" + KO_1),
        () -> "Ctrl-R found it\n" + search.describe());
  }

  // ---- resizing ----

  @Test
  void aResizeRedrawsTheLastPageForTheNewWidth() throws Exception {
    try (Typist typist = new Typist()) {
      typist.keys("레이저\n");
      typist.await(s -> s.contains("1–2 of 2 hits"), "the hits");
      int before = typist.plain().length();
      typist.terminal.setSize(new Size(40, 1000));
      typist.terminal.raise(Terminal.Signal.WINCH);
      typist.await(
          s -> s.length() > before && s.substring(before).contains("1–2 of 2 hits"),
          "the hits drawn again");
      String redrawn = typist.plain().substring(before);
      assertTrue(
          redrawn.contains("idx (5 docs)> 레이저"), () -> "the query line, then the hits\n" + redrawn);
      for (String line : redrawn.lines().filter(l -> l.startsWith("    ")).toList()) {
        assertTrue(
            io.parkdoc.term.TextLayout.width(line) <= 40,
            () -> "wider than 40 columns: " + line + "\n" + redrawn);
      }
      typist.keys(":quit\n");
      assertEquals(0, typist.exit(), typist::describe);
    }
  }

  /**
   * A session fed key by key from another thread, for what must happen while the shell waits for
   * input.
   */
  static final class Typist implements AutoCloseable {
    private final PipedOutputStream keys = new PipedOutputStream();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    final Terminal terminal;
    private final CompletableFuture<Integer> code;

    Typist() throws IOException {
      this(index);
    }

    Typist(Path indexDir) throws IOException {
      terminal = terminal(new PipedInputStream(keys, 1 << 16), screen);
      code = CompletableFuture.supplyAsync(() -> shell(indexDir, null).interactive(terminal));
    }

    void keys(String s) throws IOException {
      keys.write(s.getBytes(StandardCharsets.UTF_8));
      keys.flush();
    }

    String plain() {
      return new Transcript(0, screen.toString(StandardCharsets.UTF_8)).plain();
    }

    String describe() {
      return "--- screen ---\n" + screen.toString(StandardCharsets.UTF_8) + "\n--------------";
    }

    void await(Predicate<String> condition, String what) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        if (condition.test(plain())) {
          return;
        }
        Thread.sleep(20);
      }
      throw new AssertionError("no " + what + " within 30 s\n" + describe());
    }

    int exit() throws Exception {
      return code.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
      keys.close();
      terminal.close();
    }
  }

  // ---- layout outside the hits ----

  @Test
  void helpAndTheFooterWrapByWordsAtTheTerminalsWidth() throws Exception {
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    String keys = ":help\nlaser OR 레이저 OR レーザー OR 激光\n:quit\n";
    try (Terminal t =
        terminal(new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen)) {
      t.setSize(new Size(52, 1000));
      assertEquals(0, shell(index, null).interactive(t));
    }
    String plain = new Transcript(0, screen.toString(StandardCharsets.UTF_8)).plain();
    String help =
        plain.substring(
            plain.indexOf("Type a query to search every"), plain.indexOf("Ctrl-C drops"));
    for (String line : help.split("\n")) {
      assertTrue(
          io.parkdoc.term.TextLayout.width(line.stripTrailing()) <= 52,
          () -> "wider than 52 columns: " + line + "\n" + plain);
    }
    // a command's description continues under the descriptions' column, not at the edge
    assertTrue(
        help.lines().anyMatch(l -> l.matches(" {20,}\\S.*")),
        () -> "no continuation under the column\n" + help);
    String footer = plain.substring(plain.lastIndexOf(" of "));
    assertTrue(footer.contains("hits"), plain);
    for (String line :
        plain.substring(plain.lastIndexOf("\n", plain.lastIndexOf(" of "))).split("\n")) {
      assertTrue(
          io.parkdoc.term.TextLayout.width(line.stripTrailing()) <= 52,
          () -> "footer wider than 52 columns: " + line + "\n" + plain);
    }
  }

  // ---- Ctrl-C during :index ----

  @Test
  void ctrlCDuringIndexStopsItKeepsWhatWasCommittedAndSaysSo(@TempDir Path tmp) throws Exception {
    Path big = Files.createDirectories(tmp.resolve("big"));
    String text =
        "The laser industry of the Changchun new area grows quickly every year. ".repeat(40);
    for (int i = 0; i < 4000; i++) {
      Files.writeString(big.resolve("doc-" + i + ".txt"), i + " " + text);
    }
    Path fresh = tmp.resolve("fresh-index");
    try (Typist typist = new Typist(fresh)) {
      typist.keys(":index --commit-every 0.05 " + big + "\n");
      // the event: the first commit of the run (its manifest), made while the run goes on
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (!Files.exists(fresh.resolve("manifest.properties")) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertTrue(Files.exists(fresh.resolve("manifest.properties")), typist::describe);
      typist.terminal.raise(Terminal.Signal.INT);
      typist.await(s -> s.contains("interrupted; what was indexed is committed"), "the stop");
      String after = typist.plain();
      Matcher added = Pattern.compile("indexed (\\d+) files?").matcher(after);
      assertTrue(added.find(), after);
      assertTrue(Integer.parseInt(added.group(1)) < 4000, () -> "stopped before the end\n" + after);
      // the shell goes on, on what was committed
      typist.keys(":status\n");
      typist.await(s -> s.contains("documents"), "the status");
      typist.keys(":quit\n");
      assertEquals(0, typist.exit(), typist::describe);
    }
  }

  // ---- completion ----

  @Test
  void tabCompletesCommandsLanguagesAndPaths() throws IOException {
    Environment env = Environment.of(Map.of(), InputStream.nullInputStream(), work);
    ShellCompleter completer =
        new ShellCompleter(
            new CliCommands(env, io.parkdoc.core.IndexLocation.of(index), false, false), work);
    try (Terminal t = terminal(InputStream.nullInputStream(), new ByteArrayOutputStream())) {
      LineReader reader = LineReaderBuilder.builder().terminal(t).build();
      assertTrue(complete(completer, reader, ":o").contains(":open"));
      assertTrue(complete(completer, reader, ":an").contains(":analyze"));
      assertTrue(complete(completer, reader, ":lang ko,j").contains("ko,ja"));
      assertTrue(complete(completer, reader, "laser lang:z").contains("lang:zh-Hant"));
      assertTrue(complete(completer, reader, ":analyze --lang k").contains("ko"));
      assertTrue(complete(completer, reader, ":status --j").contains("--json"));
      assertTrue(
          complete(completer, reader, ":index se").stream().anyMatch(c -> c.startsWith("seeds")),
          () -> "paths under the working directory: " + complete(completer, reader, ":index se"));
      assertEquals(
          List.of(), complete(completer, reader, "laser"), "query words are not completed");
    }
  }

  private static List<String> complete(ShellCompleter completer, LineReader reader, String line) {
    List<Candidate> candidates = new java.util.ArrayList<>();
    completer.complete(reader, new DefaultParser().parse(line, line.length()), candidates);
    return candidates.stream().map(Candidate::value).toList();
  }
}
