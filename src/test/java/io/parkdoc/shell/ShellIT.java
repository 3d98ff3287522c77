package io.parkdoc.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.parkdoc.term.TextLayout;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell end to end in a real pseudo-terminal: tmux runs the {@code ./parkdoc} launcher on the
 * packaged jar, in a 100x30 window, with HOME in a scratch folder so the history goes there; keys
 * go in with {@code send-keys} and the screen comes back with {@code capture-pane -e} (with its
 * colours). Every wait polls the screen until a deadline; none is a fixed sleep. Skipped where tmux
 * is not installed (.ci/run installs it).
 */
class ShellIT {
  private static final String KO_1 = "000_a8d161a3e181a11e.txt";

  /** The prompt as capture-pane shows it, without its trailing space. */
  private static final String PROMPT = "index (5 docs)>";

  private static final Pattern HIGHLIGHTED_KO =
      Pattern.compile("\u001b\\[[0-9;]*m레이저\u001b\\[[0-9;]*m");

  /** How long a screen may take to show what is awaited: generous, for a busy 2-core machine. */
  private static final Duration PATIENCE = Duration.ofSeconds(180);

  @TempDir static Path tmp;

  /** The launcher, its .ci/jdk.sh and the packaged jar: parkdoc as installed, nothing to build. */
  private static Path install;

  /** The folder the shell runs in: seeds/ and index/. */
  private static Path work;

  private static Path home;
  private static String socket;

  @BeforeAll
  static void installAndIndex() throws Exception {
    Assumptions.assumeTrue(onPath("tmux"), "skipped: tmux is not installed (.ci/run installs it)");
    Path root = Path.of(System.getProperty("parkdoc.root", "")).toAbsolutePath();
    Path jar = root.resolve("target/parkdoc.jar");
    assertTrue(Files.isRegularFile(jar), "no " + jar + ": the IT runs after 'package'");
    install = tmp.resolve("install");
    Files.createDirectories(install.resolve(".ci"));
    Files.createDirectories(install.resolve("target"));
    Files.copy(
        root.resolve("pom.xml"), install.resolve("pom.xml"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(
        root.resolve("parkdoc"), install.resolve("parkdoc"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(
        root.resolve(".ci/jdk.sh"),
        install.resolve(".ci/jdk.sh"),
        StandardCopyOption.COPY_ATTRIBUTES);
    // Copied last, so the launcher finds it newer than pom.xml and runs it as it is.
    Files.copy(jar, install.resolve("target/parkdoc.jar"));

    work = tmp.resolve("work");
    home = tmp.resolve("home");
    Files.createDirectories(work.resolve("seeds"));
    Files.createDirectories(home);
    try (Stream<Path> seeds = Files.list(root.resolve("seeds"))) {
      for (Path f : seeds.toList()) {
        Files.copy(f, work.resolve("seeds").resolve(f.getFileName()));
      }
    }
    Process index =
        new ProcessBuilder(install.resolve("parkdoc").toString(), "index", "seeds/")
            .directory(work.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(index.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(index.waitFor(5, TimeUnit.MINUTES), "parkdoc index took too long");
    assertEquals(0, index.exitValue(), output);
    socket = "parkdoc-it-" + ProcessHandle.current().pid();
  }

  @AfterAll
  static void stopTmux() throws Exception {
    if (socket != null) {
      tmux("kill-server");
    }
  }

  // ---- the user's session ----

  @Test
  void searchOpenQuitAndFindTheQueryInHistoryAfterARestart() throws Exception {
    String pane = start("first", Map.of());
    awaitScreen(pane, s -> s.contains(PROMPT), "the prompt with the index and its count");

    keys(pane, "레이저", "Enter");
    // translated into laser, レーザー and 激光 (on by default), 레이저 finds every seed; the Korean first
    String hits = awaitScreen(pane, s -> s.contains("1–5 of 5 hits"), "the hits of 레이저");
    assertTrue(hits.contains(" 1  seeds/" + KO_1 + "  ko"), hits);
    String coloured = capture(pane, true);
    assertTrue(
        HIGHLIGHTED_KO.matcher(coloured).find(), () -> "레이저 highlighted in colour:\n" + coloured);
    assertWithin(hits, 100);

    // The seed is longer than the window: it opens in the pager, which q leaves.
    keys(pane, ":open 1", "Enter");
    awaitScreen(
        pane,
        s -> s.contains("seeds/" + KO_1 + "  ko  5 matches") && !s.contains(PROMPT),
        "the document in the pager");
    keys(pane, "q");
    awaitScreen(
        pane,
        s -> s.contains("1–5 of 5 hits") && lastLine(s).equals(PROMPT),
        "the hits again after q");

    keys(pane, ":quit", "Enter");
    awaitScreen(pane, s -> s.contains("[exited 0]"), "exit code 0 after :quit");
    Path history = home.resolve(".local/state/parkdoc/history");
    assertTrue(
        Files.readString(history, StandardCharsets.UTF_8).contains("레이저"),
        "the query in " + history);

    // A new session: Ctrl-R finds the query in the history; Up walks back to it.
    String again = start("again", Map.of());
    awaitScreen(again, s -> s.contains(PROMPT), "the prompt of the second session");
    keys(again, "C-r", "레이");
    awaitScreen(
        again,
        s -> s.contains("bck-i-search: 레이") && s.contains(PROMPT + " 레이저"),
        "Ctrl-R finding 레이저");
    keys(again, "Enter");
    awaitScreen(again, s -> s.contains("1–5 of 5 hits"), "the hits of the query from history");
    keys(again, "Up");
    awaitScreen(again, s -> lastLine(s).equals(PROMPT + " 레이저"), "Up bringing the query back");
    keys(again, "C-u", "C-d");
    awaitScreen(again, s -> s.contains("[exited 0]"), "exit code 0 after Ctrl-D");
  }

  @Test
  void aResizeRedrawsTheHitsForTheNewWidth() throws Exception {
    String pane = start("resize", Map.of());
    awaitScreen(pane, s -> s.contains(PROMPT), "the prompt");
    // two hits fit the screen whole, the prompt line included: search only what is typed
    keys(pane, ":translate off", "Enter");
    awaitScreen(pane, s -> s.contains("searching only what is typed"), "translation off");
    keys(pane, "레이저", "Enter");
    awaitScreen(pane, s -> s.contains("1–2 of 2 hits"), "the hits");
    tmux("resize-window", "-t", pane, "-x", "60", "-y", "30");
    String narrow =
        awaitScreen(
            pane,
            s ->
                s.contains("1–2 of 2 hits")
                    && s.contains(PROMPT + " 레이저")
                    && s.lines().allMatch(l -> TextLayout.width(l.stripTrailing()) <= 60),
            "the hits redrawn 60 columns wide");
    assertTrue(narrow.contains(" 1  seeds/" + KO_1), narrow);
    keys(pane, ":quit", "Enter");
    awaitScreen(pane, s -> s.contains("[exited 0]"), "exit code 0");
  }

  @Test
  void ctrlCDropsTheLineAndABadQueryDoesNotEndTheShell() throws Exception {
    String pane = start("keys", Map.of());
    awaitScreen(pane, s -> s.contains(PROMPT), "the prompt");
    keys(pane, "laser cutting");
    awaitScreen(pane, s -> s.contains(PROMPT + " laser cutting"), "the line typed");
    keys(pane, "C-c");
    // The signal takes a moment to arrive (through the JVM's signal thread): a new prompt, on a
    // line of its own, shows it has.
    awaitScreen(
        pane,
        s -> lastLine(s).equals(PROMPT) && s.lines().filter(l -> l.startsWith(PROMPT)).count() == 2,
        "a new empty prompt after Ctrl-C");
    keys(pane, "(laser", "Enter");
    String error =
        awaitScreen(pane, s -> s.contains("parkdoc: unbalanced parenthesis"), "the query's error");
    assertFalse(error.contains("Exception"), error);
    keys(pane, "laser", "Enter");
    awaitScreen(
        pane, s -> s.contains("seeds/004_39588cbbee0213c5.txt  en"), "the next query's hit");
    keys(pane, ":quit", "Enter");
    awaitScreen(pane, s -> s.contains("[exited 0]"), "exit code 0");
  }

  /**
   * Issue 17: Ctrl-C during {@code :index} echoed ^C and the run went on. On a real terminal it
   * stops the run as on the command line, keeps what was committed, says so, and the shell goes on.
   */
  @Test
  void ctrlCDuringIndexStopsItAndTheShellGoesOn() throws Exception {
    Path big = Files.createDirectories(work.resolve("big"));
    String text =
        "The laser industry of the Changchun new area grows quickly every year. ".repeat(40);
    for (int i = 0; i < 4000; i++) {
      Files.writeString(big.resolve("doc-" + i + ".txt"), i + " " + text);
    }
    Path index = tmp.resolve("big-index");
    String pane = start("interrupt", Map.of("PARKDOC_INDEX", index.toString()));
    awaitScreen(pane, s -> s.contains("Type a query"), "the greeting");
    keys(pane, ":index --commit-every 0.05 big", "Enter");
    // the event: the run's first commit (its manifest), while it goes on
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!Files.exists(index.resolve("manifest.properties")) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(Files.exists(index.resolve("manifest.properties")), () -> "no commit");
    keys(pane, "C-c");
    String stopped =
        awaitScreen(
            pane,
            s -> s.contains("interrupted; what was indexed is committed"),
            "the run stopped and saying so");
    java.util.regex.Matcher n =
        java.util.regex.Pattern.compile("indexed (\\d+) files?").matcher(stopped);
    assertTrue(n.find(), stopped);
    assertTrue(Integer.parseInt(n.group(1)) < 4000, () -> "stopped before the end\n" + stopped);
    keys(pane, ":quit", "Enter");
    awaitScreen(pane, s -> s.contains("[exited 0]"), "exit code 0");
  }

  @Test
  void noColorTurnsTheColoursOff() throws Exception {
    String pane = start("plain", Map.of("NO_COLOR", "1"));
    awaitScreen(pane, s -> s.contains(PROMPT), "the prompt");
    keys(pane, "레이저", "Enter");
    awaitScreen(pane, s -> s.contains("1–5 of 5 hits"), "the hits");
    String screen = capture(pane, true);
    assertFalse(screen.contains("\u001b["), () -> "no colour with NO_COLOR:\n" + screen);
    keys(pane, ":quit", "Enter");
    awaitScreen(pane, s -> s.contains("[exited 0]"), "exit code 0");
  }

  // ---- tmux ----

  /**
   * Starts {@code parkdoc} (bare: on a terminal it opens the shell) in a new 100x30 tmux session
   * with a clean environment plus {@code extra}; returns the session's name.
   */
  private static String start(String name, Map<String, String> extra) throws Exception {
    StringBuilder script = new StringBuilder("#!/bin/sh\n");
    // Ctrl-C reaches the whole process group: this script must outlive it to report the exit code.
    script.append("trap : INT\n");
    script.append(
        "unset PAGER LESS NO_COLOR CLICOLOR_FORCE PARKDOC_INDEX PARKDOC_HISTORY XDG_STATE_HOME COLUMNS JAVA_HOME\n");
    script.append("export HOME=").append(quote(home.toString())).append(" LANG=C.UTF-8\n");
    extra.forEach(
        (k, v) -> script.append("export ").append(k).append('=').append(quote(v)).append('\n'));
    script.append("cd ").append(quote(work.toString())).append('\n');
    script.append(quote(install.resolve("parkdoc").toString())).append('\n');
    script.append("echo \"[exited $?]\"\nexec sleep 3600\n");
    Path file = tmp.resolve("session-" + name + ".sh");
    Files.writeString(file, script, StandardCharsets.UTF_8);
    tmux("new-session", "-d", "-s", name, "-x", "100", "-y", "30", "sh " + quote(file.toString()));
    return name;
  }

  private static void keys(String pane, String... keys) throws Exception {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", pane));
    args.addAll(List.of(keys));
    tmux(args.toArray(new String[0]));
  }

  /** The visible screen; with {@code escapes}, with its colours as escape sequences. */
  private static String capture(String pane, boolean escapes) throws Exception {
    return escapes
        ? tmux("capture-pane", "-p", "-e", "-t", pane)
        : tmux("capture-pane", "-p", "-t", pane);
  }

  /**
   * Polls the screen until {@code condition} holds; fails, showing the screen, after {@link
   * #PATIENCE}.
   */
  private static String awaitScreen(String pane, Predicate<String> condition, String what)
      throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    String screen = "";
    while (System.nanoTime() < deadline) {
      screen = capture(pane, false);
      if (condition.test(screen)) {
        return screen;
      }
      Thread.sleep(100);
    }
    fail("no " + what + " within " + PATIENCE.toSeconds() + " s; the screen:\n" + screen);
    return screen;
  }

  /** The last line of the screen that is not blank, without trailing spaces. */
  private static String lastLine(String screen) {
    List<String> lines =
        screen.lines().map(String::stripTrailing).filter(l -> !l.isEmpty()).toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  private static void assertWithin(String screen, int columns) {
    for (String line : screen.lines().toList()) {
      assertTrue(
          TextLayout.width(line.stripTrailing()) <= columns,
          () -> "wider than " + columns + ": " + line);
    }
  }

  private static String tmux(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("tmux", "-u", "-L", socket, "-f", "/dev/null"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Map<String, String> env = new HashMap<>(System.getenv());
    env.remove("TMUX");
    env.put("LANG", "C.UTF-8");
    env.remove("LC_ALL");
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      fail("tmux " + String.join(" ", args) + " failed: " + out);
    }
    return out;
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
