package io.parkdoc.daemon;

import io.parkdoc.Main;
import io.parkdoc.backend.Backends;
import io.parkdoc.cli.Environment;
import io.parkdoc.cli.FastPath;
import io.parkdoc.core.SearchBackend;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A parkdoc that stays running after a search, so that the next {@code parkdoc search} answers in
 * milliseconds instead of starting a JVM, opening the index and loading dictionaries again.
 *
 * <p>The launcher starts it in the background after a search typed at a terminal (or whenever
 * {@code PARKDOC_SERVER} gives a number of minutes) and reaches it through {@link DaemonClient}.
 * Each request runs exactly the command line the user typed, through {@link Main#run} with the
 * user's working directory, environment and terminal, so the answer is byte for byte what a fresh
 * process would print; only the JVM, its compiled code and the loaded dictionaries are kept. The
 * index is opened afresh for every request (a few milliseconds once warm), so a search always sees
 * the last committed indexing run and the server holds no index file open between requests.
 *
 * <p>It serves one jar: a request from another jar, or one arriving after its own jar was rebuilt,
 * is answered {@link Wire#UNAVAILABLE} (the launcher then runs the command itself), and a rebuilt
 * jar ends it. It ends too when nobody asked it anything for its idle time, when its socket is
 * deleted or replaced, or on {@link Wire#STOP}. One server per socket: a second one started for the
 * same socket finds the lock taken and ends at once. Requests run one at a time.
 *
 * <p>Usage (by the launcher): {@code java -cp parkdoc.jar io.parkdoc.daemon.Daemon SOCKET
 * IDLE_MINUTES}, with standard input holding CWD and ARGS..., each ended by a NUL: the command line
 * that started it, run in CWD to warm it up.
 */
public final class Daemon implements AutoCloseable {
  private static final long CHECK_MILLIS = 2_000;

  private final Path socket;
  private final long idleMillis;
  private final Path jar;
  private final Object jarIdentity;
  private final ServerSocketChannel channel;
  private final Object socketKey;
  private final AtomicLong lastUsed = new AtomicLong(System.currentTimeMillis());
  private final AtomicLong served = new AtomicLong();
  private final Object running = new Object();
  private volatile boolean closed;

  private Daemon(Path socket, long idleMillis, Path jar, ServerSocketChannel channel)
      throws IOException {
    this.socket = socket;
    this.idleMillis = idleMillis;
    this.jar = jar;
    this.jarIdentity = identity(jar);
    this.channel = channel;
    this.socketKey = fileKey(socket);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: Daemon SOCKET IDLE_MINUTES < CWD\\0ARGS\\0...");
      return 2;
    }
    Main.quietLibraries();
    Path socket = Path.of(args[0]).toAbsolutePath();
    long idle = (long) (Double.parseDouble(args[1]) * 60_000);
    // The lock file stays: deleting it would let two servers each lock a file of that name.
    Path lockFile = socket.resolveSibling(socket.getFileName() + ".lock");
    try (FileChannel lockChannel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockChannel.tryLock()) {
      if (lock == null) {
        return 0; // another server has this socket
      }
      // The command line to warm up with comes on standard input, not in `ps` for all to read.
      List<String> warm =
          List.of(new String(System.in.readAllBytes(), StandardCharsets.UTF_8).split("\0"));
      if (!warm.isEmpty() && !warm.get(0).isEmpty()) {
        warmUp(Path.of(warm.get(0)), warm.subList(1, warm.size()));
      }
      try (Daemon server = start(socket, idle, ownJar())) {
        // kill (SIGTERM), logging out: the socket goes with the process.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "parkdoc-server-exit"));
        server.serve();
      }
      return 0;
    } catch (IOException | RuntimeException e) {
      System.err.println("parkdoc server: " + e);
      return 2;
    }
  }

  /**
   * Binds {@code socket} (replacing a stale one: the caller holds the socket's lock) and starts the
   * thread that ends the server when it has been idle for {@code idleMillis}.
   */
  static Daemon start(Path socket, long idleMillis, Path jar) throws IOException {
    Files.deleteIfExists(socket);
    ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    channel.bind(UnixDomainSocketAddress.of(socket));
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
    Daemon server = new Daemon(socket, idleMillis, jar, channel);
    Thread watch = new Thread(server::watch, "parkdoc-server-watch");
    watch.setDaemon(true);
    watch.start();
    return server;
  }

  /** Accepts connections until closed; each is handled on a virtual thread. */
  void serve() {
    while (!closed) {
      SocketChannel client;
      try {
        client = channel.accept();
      } catch (IOException e) {
        break; // closed
      }
      long accepted = System.nanoTime();
      Thread.ofVirtual().name("parkdoc-server-request").start(() -> handle(client, accepted));
    }
  }

  /** Answers one connection, accepted at {@code accepted} ({@link System#nanoTime()}). */
  private void handle(SocketChannel client, long accepted) {
    try (client) {
      DataInputStream in =
          new DataInputStream(new BufferedInputStream(Channels.newInputStream(client)));
      DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(client)));
      if (in.readInt() != Wire.MAGIC) {
        return;
      }
      byte kind = in.readByte();
      if (kind == Wire.STATUS) {
        Wire.writeString(out, ProcessHandle.current().pid() + " " + served.get());
      } else if (kind == Wire.STOP) {
        Wire.writeString(out, "stopping");
        out.flush();
        close();
        return;
      } else if (kind == Wire.RUN) {
        answer(Wire.readRun(in), out, accepted);
      }
      out.flush();
    } catch (IOException e) {
      // the client went away; its launcher falls back to running the command itself
    }
  }

  /**
   * The environment variable that makes the server end its answer with one more line on standard
   * error: its own time for the request, from accepting the connection to the answer being ready to
   * send (what a client adds to it is its own start-up). For benchmarks; the output is otherwise
   * unchanged.
   */
  static final String TIMING = "PARKDOC_SERVER_TIMING";

  private void answer(Wire.Request request, DataOutputStream out, long accepted)
      throws IOException {
    Output output = new Output();
    int code;
    synchronized (running) {
      out.writeByte(Wire.STARTED);
      out.flush();
      if (!jar.toString().equals(request.jar()) || !Objects.equals(jarIdentity, identity(jar))) {
        out.writeInt(Wire.UNAVAILABLE);
        return;
      }
      lastUsed.set(System.currentTimeMillis());
      try {
        code = runCommand(request, output);
      } catch (RuntimeException | Error e) {
        code = Wire.UNAVAILABLE; // whatever it was, a fresh process will say it properly
      }
      served.incrementAndGet();
      lastUsed.set(System.currentTimeMillis());
    }
    if (code != Wire.UNAVAILABLE && request.env().containsKey(TIMING)) {
      output.stream(Wire.STDERR)
          .write(
              String.format(
                      java.util.Locale.ROOT,
                      "parkdoc server: %.2f ms%n",
                      (System.nanoTime() - accepted) / 1e6)
                  .getBytes(StandardCharsets.UTF_8));
    }
    out.writeInt(code);
    if (code != Wire.UNAVAILABLE) {
      Wire.writeChunks(out, output.chunks());
    }
  }

  /** Runs a request's command line as its own process would, into {@code output}. */
  static int runCommand(Wire.Request request, Output output) {
    Environment env =
        new Environment(
            request.env(),
            InputStream.nullInputStream(),
            request.terminal(),
            Path.of(request.cwd()));
    // Flushed at each line, as Main.main's writers are: standard output and error interleave as
    // they would on a terminal or with 2>&1.
    PrintWriter out =
        new PrintWriter(
            new OutputStreamWriter(output.stream(Wire.STDOUT), StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(
            new OutputStreamWriter(output.stream(Wire.STDERR), StandardCharsets.UTF_8), true);
    int code = Main.run(out, err, env, request.args().toArray(String[]::new));
    out.flush();
    err.flush();
    return code;
  }

  /** What a command writes to its two streams, kept in the order it is written. Thread-safe. */
  static final class Output {
    private final java.util.List<Wire.Chunk> chunks = new java.util.ArrayList<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private byte pendingStream = -1;

    OutputStream stream(byte stream) {
      return new OutputStream() {
        @Override
        public void write(int b) {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          append(stream, b, off, len);
        }
      };
    }

    private synchronized void append(byte stream, byte[] b, int off, int len) {
      if (stream != pendingStream) {
        close();
        pendingStream = stream;
      }
      pending.write(b, off, len);
    }

    private void close() {
      if (pending.size() > 0) {
        chunks.add(new Wire.Chunk(pendingStream, pending.toByteArray()));
        pending.reset();
      }
    }

    synchronized java.util.List<Wire.Chunk> chunks() {
      close();
      return java.util.List.copyOf(chunks);
    }
  }

  /** Ends the server when it has been idle too long, its jar changed, or its socket went. */
  private void watch() {
    while (!closed) {
      try {
        Thread.sleep(Math.min(CHECK_MILLIS, Math.max(100, idleMillis / 4)));
      } catch (InterruptedException e) {
        return;
      }
      boolean idle;
      synchronized (running) {
        idle = System.currentTimeMillis() - lastUsed.get() > idleMillis;
      }
      if (idle
          || !Objects.equals(jarIdentity, identity(jar))
          || !Objects.equals(socketKey, fileKey(socket))) {
        close();
        return;
      }
    }
  }

  /** Stops accepting, and deletes the socket when it is still this server's. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (Objects.equals(socketKey, fileKey(socket))) {
      try {
        Files.deleteIfExists(socket);
      } catch (IOException e) {
        // a stale socket: the next client finds nobody there and the launcher runs the command
        // itself
      }
    }
    try {
      channel.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  /**
   * Runs the command line that started the server (output discarded), then loads the analyzers of
   * every language in its index: the first search in another script is then as quick as the rest
   * (nori alone would add ~0.1 s to the first Korean search).
   */
  private static void warmUp(Path cwd, List<String> args) {
    Environment env = new Environment(System.getenv(), InputStream.nullInputStream(), false, cwd);
    PrintWriter sink =
        new PrintWriter(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    String[] line = args.toArray(String[]::new);
    try {
      if (line.length > 0) {
        Main.run(sink, sink, env, line);
      }
      try (SearchBackend searcher = Backends.search(FastPath.guessIndex(env, line))) {
        searcher.warm();
      }
    } catch (RuntimeException e) {
      // a warm-up only: no index yet, say
    }
  }

  /** The jar this class runs from. */
  private static Path ownJar() {
    return Path.of(DaemonClient.jar());
  }

  /** A file's inode (its file key), or null when it is gone. */
  private static Object fileKey(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  /** A file's identity (file key, size, time), or null when it is gone. */
  private static Object identity(Path file) {
    try {
      BasicFileAttributes a =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return List.of(Objects.toString(a.fileKey()), a.size(), a.lastModifiedTime().toMillis());
    } catch (IOException e) {
      return null;
    }
  }
}
