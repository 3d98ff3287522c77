package io.parkdoc.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.Main;
import io.parkdoc.Seeds;
import io.parkdoc.cli.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search server and its client in this JVM, over a real Unix socket, against an index of the
 * seeds: every answer must be byte for byte what the same command line prints when run here
 * directly, with the same working directory, environment and terminal.
 */
class DaemonTest {
  @TempDir static Path work;
  private static Path seeds;
  private static Path socket;
  private static Daemon server;
  private static Thread serving;

  @BeforeAll
  static void indexAndServe() throws IOException {
    seeds = work.resolve("seeds");
    Seeds.copyTo(seeds);
    Answer built = direct(request(work, Map.of(), "--index", "idx", "index", "seeds"));
    assertEquals(0, built.code(), built::describe);
    socket = work.resolve("s.sock");
    server = Daemon.start(socket, 600_000, Path.of(DaemonClient.jar()));
    serving = Thread.ofPlatform().daemon().start(server::serve);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** What a command printed (the footer's time, which differs run to run, as "N ms"). */
  record Answer(int code, String out, String err) {
    Answer {
      out = out.replaceAll("\u00b7 \\d+ ms", "\u00b7 N ms");
    }

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

  static Wire.Request request(Path cwd, Map<String, String> env, String... args) {
    return new Wire.Request(DaemonClient.jar(), false, cwd.toString(), env, List.of(args));
  }

  static Wire.Request terminal(Wire.Request r) {
    return new Wire.Request(r.jar(), true, r.cwd(), r.env(), r.args());
  }

  /** The command run in this JVM through {@link Main#run}, as a fresh process would run it. */
  static Answer direct(Wire.Request r) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Environment env =
        new Environment(r.env(), InputStream.nullInputStream(), r.terminal(), Path.of(r.cwd()));
    int code =
        Main.run(new PrintWriter(out), new PrintWriter(err), env, r.args().toArray(String[]::new));
    return new Answer(code, out.toString(), err.toString());
  }

  /** The command run by the server. */
  static Answer served(Wire.Request r) throws IOException {
    DaemonClient.Answer a = DaemonClient.ask(socket, r);
    return new Answer(
        a.code(),
        new String(a.out(), StandardCharsets.UTF_8),
        new String(a.err(), StandardCharsets.UTF_8));
  }

  static int servedCount() throws IOException {
    return Integer.parseInt(DaemonClient.control(socket, Wire.STATUS).split(" ")[1]);
  }

  @Test
  void answersAsTheCommandLineWould() throws IOException {
    Path sub = Files.createDirectories(work.resolve("sub"));
    List<Wire.Request> requests =
        List.of(
            request(work, Map.of(), "--index", "idx", "search", "레이저"),
            request(work, Map.of(), "--index", "idx", "search", "--json", "laser"),
            request(work, Map.of("PARKDOC_INDEX", "idx"), "search", "激光"),
            request(sub, Map.of(), "--index", "../idx", "search", "レーザー"),
            request(work, Map.of(), "--index", "idx", "search", "xyzzyplughnotaword"),
            request(work, Map.of(), "--index", "idx", "search", "(laser"),
            request(work, Map.of(), "--index", "nowhere", "search", "laser"),
            request(
                work,
                Map.of(),
                "--index",
                "idx",
                "search",
                "--lang",
                "ko",
                "--limit",
                "1",
                "--offset",
                "1",
                "레이저"),
            terminal(request(work, Map.of("COLUMNS", "60"), "--index", "idx", "search", "長春")),
            terminal(
                request(
                    work,
                    Map.of("COLUMNS", "60", "NO_COLOR", "1"),
                    "--index",
                    "idx",
                    "search",
                    "長春")),
            request(work, Map.of(), "--index", "idx", "search", "--color=always", "laser"),
            terminal(request(work, Map.of("COLUMNS", "70"), "--help")),
            terminal(request(work, Map.of("COLUMNS", "70", "NO_COLOR", "1"), "search", "--help")),
            request(work, Map.of(), "--version"),
            request(work, Map.of(), "--index", "idx", "status"),
            request(work, Map.of(), "--index", "idx", "status", "--json"),
            request(
                work,
                Map.of(),
                "detect",
                "--json",
                "seeds/004_39588cbbee0213c5.txt",
                "seeds/002_3b836e4530a82553.txt"),
            request(work, Map.of(), "detect", "seeds/nonexistent.txt"),
            request(work, Map.of(), "analyze", "--lang", "ko", "레이저를"));
    int before = servedCount();
    List<Integer> codes = new ArrayList<>();
    for (Wire.Request r : requests) {
      Answer expected = direct(r);
      Answer got = served(r);
      assertEquals(
          expected,
          got,
          () ->
              "served "
                  + r.args()
                  + " in "
                  + r.cwd()
                  + "\n"
                  + got.describe()
                  + "\nexpected\n"
                  + expected.describe());
      codes.add(got.code());
    }
    // The cases cover each exit code, and colour on a terminal (and off with NO_COLOR), in hits and
    // in help.
    assertEquals(List.of(0, 0, 0, 0, 1, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0), codes);
    assertTrue(served(requests.get(11)).out().contains("\u001b["), "help in colour on a terminal");
    assertFalse(
        served(requests.get(12)).out().contains("\u001b["), "help without colour with NO_COLOR");
    assertTrue(served(requests.get(8)).out().contains("\u001b["), "colour on a terminal");
    assertFalse(served(requests.get(9)).out().contains("\u001b["), "NO_COLOR");
    assertTrue(
        served(requests.get(0)).out().contains("seeds/000_a8d161a3e181a11e.txt"),
        "paths relative to the client's folder");
    assertTrue(
        served(requests.get(3)).out().contains(seeds.resolve("002_3b836e4530a82553.txt") + "  ja"),
        "a path outside the client's folder in full");
    assertEquals(before + requests.size() + 6, servedCount());
  }

  @Test
  void standardOutputAndErrorInterleaveAsTheyWereWritten() throws IOException {
    // As with 2>&1: a missing file's message between the two files' lines.
    Wire.Request r =
        request(
            work,
            Map.of(),
            "detect",
            "seeds/004_39588cbbee0213c5.txt",
            "seeds/nonexistent.txt",
            "seeds/002_3b836e4530a82553.txt");
    StringWriter both = new StringWriter();
    Environment env = new Environment(r.env(), InputStream.nullInputStream(), false, work);
    int code =
        Main.run(
            new PrintWriter(both, true),
            new PrintWriter(both, true),
            env,
            r.args().toArray(String[]::new));
    DaemonClient.Answer a = DaemonClient.ask(socket, r);
    StringBuilder served = new StringBuilder();
    a.chunks().forEach(c -> served.append(new String(c.bytes(), StandardCharsets.UTF_8)));
    assertEquals(2, code);
    assertEquals(code, a.code());
    assertEquals(both.toString(), served.toString());
    assertTrue(
        served.indexOf("004_") < served.indexOf("nonexistent")
            && served.indexOf("nonexistent") < served.indexOf("002_"),
        served::toString);
  }

  @Test
  void aServerThatDoesNotStartTheCommandIsNoServer() throws Exception {
    // A socket that is listening but never served (a stopped server): the client gives up, prints
    // nothing and exits 75, in a process of its own since it halts its JVM.
    Path mute = work.resolve("mute.sock");
    try (java.nio.channels.ServerSocketChannel listening =
        java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      listening.bind(java.net.UnixDomainSocketAddress.of(mute));
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  DaemonClient.class.getName(),
                  mute.toString(),
                  "search",
                  "laser")
              .redirectErrorStream(true)
              .start();
      assertTrue(
          p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS),
          "the client should give up on its own");
      assertEquals(Wire.UNAVAILABLE, p.exitValue());
      assertEquals("", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aClientTalksOnlyToAServerOfItsOwnUser() throws Exception {
    // The same server, seen by a client that believes it is another user: its environment must
    // not go to a server that runs as someone else. (Served as itself, it would exit 0.)
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"));
    List<String> tail = List.of(DaemonClient.class.getName(), socket.toString(), "--version");
    Process asOther =
        new ProcessBuilder(concat(cmd, List.of("-Duser.name=parkdoc-someone-else"), tail))
            .directory(work.toFile())
            .redirectErrorStream(true)
            .start();
    Process asSelf =
        new ProcessBuilder(concat(cmd, List.of(), tail))
            .directory(work.toFile())
            .redirectErrorStream(true)
            .start();
    assertTrue(
        asOther.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)
            && asSelf.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals(Wire.UNAVAILABLE, asOther.exitValue());
    assertEquals("", new String(asOther.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    assertEquals(0, asSelf.exitValue());
    assertTrue(
        new String(asSelf.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
            .startsWith("parkdoc "));
  }

  private static List<String> concat(List<String> a, List<String> b, List<String> c) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    all.addAll(c);
    return all;
  }

  @Test
  void seesWhatWasIndexedAfterItStarted() throws IOException {
    Wire.Request search = request(work, Map.of(), "--index", "idx", "search", "quorvendal");
    assertEquals(1, served(search).code(), "not indexed yet");
    Path more = Files.createDirectories(work.resolve("more"));
    Files.writeString(more.resolve("new.txt"), "The quorvendal laser was new.\n");
    assertEquals(0, direct(request(work, Map.of(), "--index", "idx", "index", "more")).code());
    Answer after = served(search);
    assertEquals(0, after.code(), after::describe);
    assertTrue(after.out().contains("more/new.txt"), after::describe);
  }

  @Test
  void answersOnlyItsOwnJar() throws IOException {
    Wire.Request r = request(work, Map.of(), "--index", "idx", "search", "laser");
    Wire.Request other =
        new Wire.Request(work.resolve("other.jar").toString(), false, r.cwd(), r.env(), r.args());
    DaemonClient.Answer a = DaemonClient.ask(socket, other);
    assertEquals(Wire.UNAVAILABLE, a.code());
    assertEquals(0, a.out().length);
  }

  @Test
  void aRebuiltJarEndsIt() throws Exception {
    // A stand-in for the jar: the server checks its identity (inode, size, time), not its content.
    Path jar = Files.writeString(work.resolve("stand-in.jar"), "first build");
    Path s = work.resolve("rebuilt.sock");
    Daemon rebuilt = Daemon.start(s, 600_000, jar);
    Thread t = Thread.ofPlatform().daemon().start(rebuilt::serve);
    Wire.Request r =
        new Wire.Request(jar.toString(), false, work.toString(), Map.of(), List.of("--version"));
    assertEquals(0, DaemonClient.ask(s, r).code(), "its own jar, unchanged: served");
    Files.writeString(jar, "the second build, longer");
    assertEquals(
        Wire.UNAVAILABLE, DaemonClient.ask(s, r).code(), "after a rebuild: run it yourself");
    t.join(20_000);
    assertFalse(t.isAlive(), "a server whose jar was rebuilt should end");
    assertFalse(Files.exists(s));
  }

  @Test
  void concurrentClientsGetTheirOwnAnswers() throws Exception {
    List<Wire.Request> requests = new ArrayList<>();
    for (String q : List.of("레이저", "レーザー", "激光", "laser", "xyzzyplughnotaword", "長春")) {
      requests.add(request(work, Map.of(), "--index", "idx", "search", "--json", q));
    }
    Map<Wire.Request, Answer> expected = new HashMap<>();
    for (Wire.Request r : requests) {
      expected.put(r, direct(r));
    }
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Answer>> futures = new ArrayList<>();
      List<Wire.Request> order = new ArrayList<>();
      for (int round = 0; round < 5; round++) {
        for (Wire.Request r : requests) {
          order.add(r);
          futures.add(pool.submit((Callable<Answer>) () -> served(r)));
        }
      }
      for (int i = 0; i < futures.size(); i++) {
        assertEquals(
            expected.get(order.get(i)),
            futures.get(i).get(),
            "answer " + i + " to " + order.get(i).args());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void noServerMeansRunItYourself() {
    assertEquals(
        Wire.UNAVAILABLE,
        DaemonClient.run(new String[] {work.resolve("nobody.sock").toString(), "search", "laser"}));
  }

  /**
   * A killed server's socket (nobody listens) is told from a live server that does not answer: the
   * launcher removes the first only (it removed a stopped or busy server's socket too, as its flock
   * cannot see the server's fcntl lock, which made LauncherIT flaky under load).
   */
  @Test
  void aDeadSocketIsToldFromAServerThatDoesNotAnswer() throws Exception {
    Path dead = work.resolve("dead.sock");
    try (java.nio.channels.ServerSocketChannel ch =
        java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      ch.bind(java.net.UnixDomainSocketAddress.of(dead));
    } // closed: the socket file stays, nobody listens
    assertTrue(Files.exists(dead));
    assertEquals(Wire.DEAD, DaemonClient.run(new String[] {dead.toString(), "search", "laser"}));
  }

  /** Another user of the machine cannot connect: the socket is its owner's only (0600). */
  @Test
  void theSocketIsItsOwnersOnly() throws Exception {
    Path privateSocket = work.resolve("private.sock");
    Daemon server = Daemon.start(privateSocket, 60_000, Path.of(DaemonClient.jar()));
    try {
      assertEquals(
          "rw-------",
          java.nio.file.attribute.PosixFilePermissions.toString(
              Files.getPosixFilePermissions(privateSocket)));
    } finally {
      server.close();
    }
  }

  @Test
  void endsWhenIdleAndRemovesItsSocket() throws Exception {
    Path idleSocket = work.resolve("idle.sock");
    Daemon idle = Daemon.start(idleSocket, 300, Path.of(DaemonClient.jar()));
    Thread t = Thread.ofPlatform().daemon().start(idle::serve);
    assertTrue(DaemonClient.control(idleSocket, Wire.STATUS).endsWith(" 0"));
    t.join(20_000);
    assertFalse(t.isAlive(), "still serving after its idle time");
    assertFalse(Files.exists(idleSocket), "socket left behind");
    assertThrows(IOException.class, () -> DaemonClient.control(idleSocket, Wire.STATUS));
  }

  @Test
  void stopsWhenAskedOrWhenItsSocketIsReplaced() throws Exception {
    Path s1 = work.resolve("stop.sock");
    Daemon first = Daemon.start(s1, 600_000, Path.of(DaemonClient.jar()));
    Thread t1 = Thread.ofPlatform().daemon().start(first::serve);
    assertEquals("stopping", DaemonClient.control(s1, Wire.STOP));
    t1.join(20_000);
    assertFalse(t1.isAlive());
    assertFalse(Files.exists(s1));

    Daemon old = Daemon.start(s1, 600_000, Path.of(DaemonClient.jar()));
    Thread t2 = Thread.ofPlatform().daemon().start(old::serve);
    Daemon replacement = Daemon.start(s1, 600_000, Path.of(DaemonClient.jar()));
    Thread t3 = Thread.ofPlatform().daemon().start(replacement::serve);
    try {
      t2.join(20_000);
      assertFalse(t2.isAlive(), "the replaced server should end");
      assertTrue(Files.exists(s1), "the replaced server must not delete its successor's socket");
      assertTrue(DaemonClient.control(s1, Wire.STATUS).endsWith(" 0"), "the new server answers");
    } finally {
      replacement.close();
      t3.join(20_000);
    }
  }

  /**
   * With PARKDOC_SERVER_TIMING set, the answer is the same plus one last line on standard error
   * with the server's own time for it (for bench/client-bench); without it, no such line.
   */
  @Test
  void saysItsOwnTimeWhenAsked() throws IOException {
    Wire.Request plain = request(work, Map.of(), "--index", "idx", "search", "레이저");
    Wire.Request timed =
        request(work, Map.of(Daemon.TIMING, "1"), "--index", "idx", "search", "레이저");
    Answer expected = direct(plain);
    Answer got = served(timed);
    assertEquals(expected.code(), got.code(), got::describe);
    assertEquals(expected.out(), got.out());
    assertTrue(
        got.err().matches("(?s)\\Q" + expected.err() + "\\Eparkdoc server: \\d+\\.\\d\\d ms\n"),
        got::describe);
    double ms = Double.parseDouble(got.err().replaceAll("(?s).*server: ([0-9.]+) ms\n", "$1"));
    assertTrue(ms > 0 && ms < 60_000, got::describe);
    assertEquals(expected, served(plain), "no timing line unless asked");
    Answer missing =
        served(request(work, Map.of(Daemon.TIMING, "1"), "--index", "nowhere", "status"));
    assertEquals(2, missing.code(), missing::describe);
    assertTrue(missing.err().endsWith(" ms\n"), "an error's answer is timed too");
  }

  @Test
  void aPartialAnswerIsNoAnswer() throws IOException {
    // Bytes cut off mid-message read as an error, never as a short output.
    java.io.DataInputStream in =
        new java.io.DataInputStream(
            new java.io.ByteArrayInputStream(new byte[] {0, 0, 0, 9, 'a', 'b'}));
    assertThrows(java.io.EOFException.class, () -> Wire.readBytes(in));
    assertArrayEquals(
        new byte[0],
        Wire.readBytes(
            new java.io.DataInputStream(
                new java.io.ByteArrayInputStream(new byte[] {0, 0, 0, 0}))));
  }
}
