package io.parkdoc.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.Seeds;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search server's C client ({@code src/main/c/parkdoc-client.c}), compiled here as the launcher
 * compiles it, against a server in this JVM: every answer, exit code and failure must be what the
 * JVM client ({@link DaemonClient}, run as a process) gives. Skipped where no C compiler exists.
 */
class NativeClientTest {
  @TempDir static Path work;
  private static Path client;
  private static Path socket;
  private static Daemon server;

  /** What a client process printed and its exit code. */
  record Run(int code, String out, String err) {
    String describe() {
      return "exit " + code + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err + "---";
    }
  }

  @BeforeAll
  static void compileIndexAndServe() throws Exception {
    String cc = compiler();
    Assumptions.assumeTrue(cc != null, "skipped: no C compiler (cc, gcc) on the PATH");
    client = work.resolve("parkdoc-client");
    // As the launcher builds it, and with every warning an error: the source must compile clean.
    Run built =
        run(
            work,
            Map.of(),
            cc,
            "-O2",
            "-Wall",
            "-Wextra",
            "-Werror",
            "-o",
            client.toString(),
            Path.of("src/main/c/parkdoc-client.c").toAbsolutePath().toString());
    assertEquals(0, built.code(), built::describe);
    assertEquals("", built.out() + built.err(), "no warnings\n" + built.describe());
    Seeds.copyTo(work.resolve("seeds"));
    int indexed =
        io.parkdoc.Main.run(
            new java.io.PrintWriter(java.io.Writer.nullWriter()),
            new java.io.PrintWriter(java.io.Writer.nullWriter()),
            new io.parkdoc.cli.Environment(
                Map.of(), java.io.InputStream.nullInputStream(), false, work),
            new String[] {"--index", "idx", "index", "seeds"});
    assertEquals(0, indexed);
    socket = work.resolve("s.sock");
    server = Daemon.start(socket, 600_000, Path.of(DaemonClient.jar()));
    Thread.ofPlatform().daemon().start(server::serve);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String compiler() {
    for (String name : List.of("cc", "gcc")) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
          return Path.of(dir, name).toString();
        }
      }
    }
    return null;
  }

  /** Runs a program in {@code cwd} with this process's environment plus {@code env}. */
  static Run run(Path cwd, Map<String, String> env, String... cmd) throws Exception {
    Path out = Files.createTempFile(work, "out", "");
    Path err = Files.createTempFile(work, "err", "");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(cwd.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().remove("PARKDOC_INDEX");
    pb.environment().putAll(env);
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), () -> String.join(" ", cmd) + " did not end");
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** The C client with {@code args} to the server at {@code sock}, for jar {@code jar}. */
  static Run nativeClient(Path cwd, Map<String, String> env, Path sock, String jar, String... args)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of(client.toString(), sock.toString(), jar));
    cmd.addAll(List.of(args));
    return run(cwd, env, cmd.toArray(String[]::new));
  }

  static Run nativeClient(Path cwd, Map<String, String> env, String... args) throws Exception {
    return nativeClient(cwd, env, socket, DaemonClient.jar(), args);
  }

  /** The JVM client, as the launcher runs it (not on a terminal). */
  static Run jvm(Path cwd, Map<String, String> env, Path sock, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dparkdoc.terminal=false",
                "-cp",
                System.getProperty("java.class.path"),
                DaemonClient.class.getName(),
                sock.toString()));
    cmd.addAll(List.of(args));
    return run(cwd, env, cmd.toArray(String[]::new));
  }

  static Run jvm(Path cwd, Map<String, String> env, String... args) throws Exception {
    return jvm(cwd, env, socket, args);
  }

  @Test
  void answersAsTheJvmClient() throws Exception {
    Path sub = Files.createDirectories(work.resolve("sub"));
    // A pasted paragraph as the query; one of ~6,000 words (~100 KB: too complex, exit 2); a text
    // whose tokens make ~0.5 MB of output (an argument is at most 128 KB): beyond a socket's
    // buffer.
    String paragraph =
        Files.readString(Path.of("seeds/001_b3009ad936661df0.txt")).substring(0, 1500);
    String hugeQuery = "laser 레이저 レーザー 激光 ".repeat(1500);
    String longText = "레이저를 연구하는 長春의 광학 회사들. ".repeat(2000);
    record Case(Path cwd, Map<String, String> env, List<String> args) {}
    List<Case> cases =
        List.of(
            new Case(work, Map.of(), List.of("--index", "idx", "search", "--json", "레이저")),
            new Case(work, Map.of(), List.of("--index", "idx", "search", "--json", "レーザー")),
            new Case(work, Map.of(), List.of("--index", "idx", "search", "--json", "激光")),
            new Case(work, Map.of(), List.of("--index", "idx", "search", "--json", "laser")),
            new Case(work, Map.of("PARKDOC_INDEX", "idx"), List.of("search", "laser")),
            new Case(sub, Map.of(), List.of("--index", "../idx", "search", "레이저")),
            new Case(work, Map.of(), List.of("--index", "idx", "search", "xyzzyplughnotaword")),
            new Case(work, Map.of(), List.of("--index", "idx", "search", "--bogus", "laser")),
            new Case(work, Map.of(), List.of("--index", "idx", "status")),
            new Case(work, Map.of(), List.of("--index", "idx", "search", paragraph)),
            new Case(work, Map.of(), List.of("--index", "idx", "search", hugeQuery)),
            new Case(
                work,
                Map.of("NO_COLOR", "1", "COLUMNS", "50"),
                List.of("--index", "idx", "search", "--color=always", "laser")),
            new Case(work, Map.of(), List.of("analyze", "--lang", "ko", longText)));
    List<Integer> codes = new ArrayList<>();
    int before = servedCount();
    for (Case c : cases) {
      String[] args = c.args().toArray(String[]::new);
      Run expected = jvm(c.cwd(), c.env(), args);
      Run got = nativeClient(c.cwd(), c.env(), args);
      String line = String.join(" ", c.args());
      assertEquals(
          expected,
          got,
          () ->
              "parkdoc "
                  + line.substring(0, Math.min(200, line.length()))
                  + "\nnative client\n"
                  + got.describe()
                  + "\nJVM client\n"
                  + expected.describe());
      codes.add(got.code());
    }
    // Found, nothing found, a bad option, a query too complex; each was served (twice), none run
    // elsewhere.
    assertEquals(List.of(0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 2, 0, 0), codes);
    assertEquals(before + 2 * cases.size(), servedCount());
    Run big = nativeClient(work, Map.of(), cases.get(12).args().toArray(String[]::new));
    assertTrue(big.out().length() > 200_000, () -> "a long answer: " + big.out().length());
    assertTrue(
        nativeClient(work, Map.of(), "--index", "idx", "search", "--json", "激光")
            .out()
            .contains("003_93efb2037fac329c.txt"),
        "the hit itself");
  }

  private static int servedCount() throws IOException {
    return Integer.parseInt(DaemonClient.control(socket, Wire.STATUS).split(" ")[1]);
  }

  @Test
  void noServerDeadServerOtherJar() throws Exception {
    // No socket: 75. A socket nobody listens on (a killed server's): 76, so the launcher removes
    // it.
    Path none = work.resolve("nobody.sock");
    Path dead = work.resolve("dead.sock");
    try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.bind(UnixDomainSocketAddress.of(dead));
    }
    for (Path sock : List.of(none, dead)) {
      Run n = nativeClient(work, Map.of(), sock, DaemonClient.jar(), "search", "laser");
      Run j = jvm(work, Map.of(), sock, "search", "laser");
      assertEquals(j, n, () -> sock + "\n" + n.describe() + "\n" + j.describe());
    }
    assertEquals(Wire.UNAVAILABLE, jvm(work, Map.of(), none, "search", "laser").code());
    assertEquals(Wire.DEAD, nativeClient(work, Map.of(), dead, "x.jar", "status").code());
    // A server of another jar (or a rebuilt one): run it yourself, nothing printed.
    Run other =
        nativeClient(work, Map.of(), socket, work.resolve("other.jar").toString(), "--version");
    assertEquals(new Run(Wire.UNAVAILABLE, "", ""), other);
  }

  @Test
  void aServerThatDoesNotStartTheCommandIsNoServer() throws Exception {
    Path mute = work.resolve("mute.sock");
    try (ServerSocketChannel listening = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      listening.bind(UnixDomainSocketAddress.of(mute));
      long t0 = System.nanoTime();
      Run n = nativeClient(work, Map.of(), mute, DaemonClient.jar(), "search", "laser");
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
      assertEquals(new Run(Wire.UNAVAILABLE, "", ""), n);
      assertTrue(seconds >= 2, "gave up after " + seconds + " s, before its 3 s");
    }
  }

  /**
   * A connection cut inside the answer: the client prints nothing of it (the launcher then runs the
   * command itself, and it must not be printed twice) and exits 75, as the JVM client does.
   */
  @Test
  void aCutAnswerPrintsNothing() throws Exception {
    Path cut = work.resolve("cut.sock");
    try (ServerSocketChannel listening = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      listening.bind(UnixDomainSocketAddress.of(cut));
      Thread fake =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    for (int i = 0; i < 2; i++) {
                      try (SocketChannel c = listening.accept()) {
                        c.read(java.nio.ByteBuffer.allocate(1 << 16)); // the request, or its start
                        DataOutputStream out = new DataOutputStream(Channels.newOutputStream(c));
                        out.writeByte(Wire.STARTED);
                        out.writeInt(0);
                        out.writeByte(Wire.STDOUT);
                        out.writeInt(100);
                        out.write("only ten b".getBytes(StandardCharsets.UTF_8));
                        out.flush();
                      } catch (IOException e) {
                        return;
                      }
                    }
                  });
      Run n = nativeClient(work, Map.of(), cut, DaemonClient.jar(), "search", "laser");
      Run j = jvm(work, Map.of(), cut, "search", "laser");
      fake.join(10_000);
      assertEquals(new Run(Wire.UNAVAILABLE, "", ""), n);
      assertEquals(j, n);
    }
  }

  @Test
  void theEnvironmentReachesTheServer() throws Exception {
    // Without PARKDOC_INDEX the default ./index does not exist (exit 2); with it, the seeds answer.
    Path sub = Files.createDirectories(work.resolve("sub"));
    Map<String, String> env = new HashMap<>();
    env.put("PARKDOC_INDEX", work.resolve("idx").toString());
    Run with = nativeClient(sub, env, "search", "激光");
    assertEquals(0, with.code(), with::describe);
    Run without = nativeClient(sub, Map.of(), "search", "激光");
    assertEquals(2, without.code(), without::describe);
  }
}
