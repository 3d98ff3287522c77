package io.parkdoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.parkdoc.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Output that users read and that must change only on purpose: the man page and the {@code --help}
 * of every command.
 *
 * <ul>
 *   <li>{@code man/parkdoc.1} must equal {@link ManPage#render()}: a change to the CLI (an option,
 *       a description) or to {@code manpage-extra.7} without regenerating the page fails here.
 *       Regenerate with {@code mvn -q process-classes} (the build runs {@code
 *       io.parkdoc.cli.ManPage man/parkdoc.1}), or with the property below.
 *   <li>{@code parkdoc --help} and {@code parkdoc COMMAND --help} must equal {@code
 *       src/test/resources/golden/help-parkdoc.txt} and {@code help-COMMAND.txt}.
 *   <li>The man page must format with {@code groff -man -Tutf8 -ww} without a warning (skipped when
 *       groff is not installed), and {@code man -l} must render it (skipped without man).
 * </ul>
 *
 * <p><b>Updating the golden files:</b> run with the system property {@code
 * parkdoc.updateGolden=true}, as in {@code mvn test -Dtest=GoldenTest -Dparkdoc.updateGolden=true};
 * a golden file (or the man page) that is missing or differs is then written with the new content
 * instead of failing the test. Review the diff before committing it.
 *
 * <p>The help text is what picocli prints when output is not a terminal: 80 columns, no colour.
 * {@code ParkdocCommand} asks for {@code usageHelpAutoWidth}, but picocli only measures the
 * terminal (with {@code stty}) when the JVM's console is a terminal, which it never is under
 * Surefire, whose output is a pipe; the tests are skipped if it is. Picocli decides on colour from
 * the real process environment ({@code CLICOLOR_FORCE} would turn it on in a pipe), not from
 * parkdoc's {@link Environment}, so these tests set {@code picocli.ansi=false} while they run.
 */
class GoldenTest {
  private static final boolean UPDATE = Boolean.getBoolean("parkdoc.updateGolden");
  private static final Path ROOT =
      Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
  private static final Path MAN_PAGE = ROOT.resolve("man/parkdoc.1");
  private static final Path GOLDEN = ROOT.resolve("src/test/resources/golden");
  private static final String REGENERATE =
      "regenerate it with 'mvn -q process-classes' (which runs "
          + "'java io.parkdoc.cli.ManPage man/parkdoc.1'), or run 'mvn test -Dtest=GoldenTest -Dparkdoc.updateGolden=true'";

  private static String savedAnsi;

  @BeforeAll
  static void plainHelp() {
    savedAnsi = System.getProperty("picocli.ansi");
    System.setProperty("picocli.ansi", "false");
  }

  @AfterAll
  static void restore() {
    if (savedAnsi == null) {
      System.clearProperty("picocli.ansi");
    } else {
      System.setProperty("picocli.ansi", savedAnsi);
    }
  }

  @Test
  void manPageIsUpToDate() throws IOException {
    String expected = ManPage.render();
    if (UPDATE && (!Files.exists(MAN_PAGE) || !read(MAN_PAGE).equals(expected))) {
      write(MAN_PAGE, expected);
      return;
    }
    assertTrue(Files.exists(MAN_PAGE), MAN_PAGE + " is missing: " + REGENERATE);
    assertEquals(expected, read(MAN_PAGE), "man/parkdoc.1 does not match the CLI: " + REGENERATE);
  }

  @Test
  void manPageIsReproducible() {
    assertEquals(ManPage.render(), ManPage.render());
  }

  /**
   * On a terminal, {@code --help} takes the terminal's width (here 60 columns) and wraps its prose
   * between words: no path is cut ({@code ~/.} / {@code local/state}), a table row continues under
   * its second column.
   */
  @ParameterizedTest
  @ValueSource(strings = {"", "shell"})
  void helpOnANarrowTerminalMatchesGolden(String command) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Environment env =
        new Environment(
            Map.of("COLUMNS", "60", "NO_COLOR", "1"),
            InputStream.nullInputStream(),
            true,
            Path.of("."));
    String[] args = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      assertEquals(0, Main.run(o, e, env, args), err::toString);
    }
    String help = out.toString().replace("\r\n", "\n");
    for (String line : help.split("\n")) {
      assertTrue(
          io.parkdoc.term.TextLayout.width(line) <= 60 || !line.contains(" "),
          "wider than the terminal: " + line);
    }
    assertFalse(help.contains("~/.\n"), help);
    Path golden =
        GOLDEN.resolve("help-" + (command.isEmpty() ? "parkdoc" : command) + "-60-columns.txt");
    boolean same = Files.exists(golden) && read(golden).equals(help);
    if (!same && UPDATE) {
      write(golden, help);
      return;
    }
    assertTrue(Files.exists(golden), golden + " is missing: run with -Dparkdoc.updateGolden=true");
    assertEquals(read(golden), help, "differs from " + ROOT.relativize(golden));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "index", "search", "shell", "analyze", "detect", "status"})
  void helpMatchesGolden(String command) throws IOException {
    Assumptions.assumeFalse(
        Environment.system().terminal(),
        "picocli sizes --help to the terminal when the console is one; run under Maven, where it is a pipe");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Environment env =
        Environment.of(Map.of("COLUMNS", "100"), InputStream.nullInputStream(), Path.of("."));
    String[] args = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
    int code;
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      code = Main.run(o, e, env, args);
    }
    assertEquals(0, code, "exit code of parkdoc " + String.join(" ", args) + "; stderr: " + err);
    assertEquals("", err.toString(), "stderr of parkdoc " + String.join(" ", args));
    String help = out.toString().replace("\r\n", "\n");
    assertFalse(help.contains("\u001b"), "ANSI escapes in --help:\n" + help);
    assertFalse(
        help.contains(ROOT.toString()), "an absolute path of this machine in --help:\n" + help);

    Path golden = GOLDEN.resolve("help-" + (command.isEmpty() ? "parkdoc" : command) + ".txt");
    boolean same = Files.exists(golden) && read(golden).equals(help);
    if (!same && UPDATE) {
      write(golden, help);
      return;
    }
    assertTrue(
        Files.exists(golden),
        golden
            + " is missing: run 'mvn test -Dtest=GoldenTest -Dparkdoc.updateGolden=true' to create it");
    assertEquals(
        read(golden),
        help,
        "parkdoc "
            + String.join(" ", args)
            + " differs from "
            + ROOT.relativize(golden)
            + "; if the change is meant, run 'mvn test -Dtest=GoldenTest -Dparkdoc.updateGolden=true' and review the diff");
  }

  @Test
  void groffFormatsWithoutWarnings() throws Exception {
    Assumptions.assumeTrue(installed("groff"), "groff is not installed");
    // -k: read UTF-8 (preconv); -ww: every warning; -z: format, print nothing.
    Result r = run(ManPage.render(), Map.of(), "groff", "-k", "-man", "-Tutf8", "-ww", "-z");
    assertEquals(0, r.code, "groff failed: " + r.err);
    assertEquals("", r.err, "groff warnings in the man page");
  }

  @Test
  void manRendersThePage() throws Exception {
    Assumptions.assumeTrue(
        installed("man") && run("", Map.of(), "man", "--version").code == 0,
        "man-db's man (with -l) is not installed");
    Assumptions.assumeTrue(
        Files.exists(MAN_PAGE), "man/parkdoc.1 is missing (see manPageIsUpToDate)");
    Result r =
        run(
            "",
            Map.of(
                "MANWIDTH",
                "80",
                "LANG",
                "C.UTF-8",
                "LC_ALL",
                "C.UTF-8",
                "MANPAGER",
                "cat",
                "PAGER",
                "cat"),
            "man",
            "-l",
            MAN_PAGE.toString());
    assertEquals(0, r.code, "man -l failed: " + r.err);
    String page = r.out.replaceAll(".\b", ""); // overstrikes, should man keep them
    for (String section :
        List.of(
            "NAME",
            "SYNOPSIS",
            "GLOBAL OPTIONS",
            "COMMANDS",
            "QUERY SYNTAX",
            "EXIT STATUS",
            "ENVIRONMENT",
            "FILES",
            "EXAMPLES",
            "SEE ALSO")) {
      assertTrue(
          page.contains("\n" + section + "\n"),
          "no " + section + " section in man -l output:\n" + page);
    }
    assertTrue(
        page.contains("parkdoc search 레이저"), "the Korean example did not survive man -l:\n" + page);
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  private static void write(Path p, String content) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
    System.err.println("GoldenTest: wrote " + ROOT.relativize(p));
  }

  private static boolean installed(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private record Result(int code, String out, String err) {}

  private static Result run(String stdin, Map<String, String> env, String... command)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of(command));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    Process p = pb.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread outReader = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
    Thread errReader = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
    try (var in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", command) + " did not finish in 60 s");
    }
    outReader.join();
    errReader.join();
    return new Result(
        p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void copy(InputStream in, ByteArrayOutputStream to) {
    try (in) {
      in.transferTo(to);
    } catch (IOException e) {
      // the process ended; what was read is kept
    }
  }
}
