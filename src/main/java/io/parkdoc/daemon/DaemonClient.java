package io.parkdoc.daemon;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * The launcher's way to a running {@link Daemon}: sends this process's command line, working
 * directory, environment and "is this a terminal" to the server, writes what comes back to standard
 * output and standard error, and exits with the command's exit code.
 *
 * <p>It exits with {@link Wire#UNAVAILABLE}, having written nothing, when there is no server to
 * answer (no socket, a dead one, another jar's, a connection cut before the whole answer came); the
 * launcher then runs the command itself. This class loads a handful of JDK classes and nothing of
 * Lucene or picocli: a JVM that runs it starts in about the time of {@code java -version}.
 *
 * <p>Usage (by the launcher): {@code java -cp parkdoc.jar io.parkdoc.daemon.DaemonClient SOCKET
 * ARGS...}
 */
public final class DaemonClient {
  private DaemonClient() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    if (args.length < 1) {
      return Wire.UNAVAILABLE;
    }
    // A server that does not start the command soon (stopped, stuck, or busy with a long one)
    // is no server: give up, having printed nothing, and let the launcher run it.
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(START_TIMEOUT_MILLIS);
                Runtime.getRuntime().halt(Wire.UNAVAILABLE);
              } catch (InterruptedException e) {
                // started in time
              }
            },
            "parkdoc-client-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    Answer answer;
    try {
      answer =
          ask(
              Path.of(args[0]),
              request(List.of(args).subList(1, args.length)),
              watchdog::interrupt);
    } catch (java.net.ConnectException e) {
      return Wire.DEAD; // nobody listens: a dead server's socket
    } catch (IOException | RuntimeException e) {
      return Wire.UNAVAILABLE;
    } finally {
      watchdog.interrupt();
    }
    if (answer.code() == Wire.UNAVAILABLE) {
      return Wire.UNAVAILABLE;
    }
    // From here on the command has run: a closed pipe (| head) is the reader's choice, as it is
    // for parkdoc itself, and must not make the launcher run the command a second time.
    FileOutputStream out = new FileOutputStream(FileDescriptor.out);
    FileOutputStream err = new FileOutputStream(FileDescriptor.err);
    for (Wire.Chunk c : answer.chunks()) {
      write(c.stream() == Wire.STDERR ? err : out, c.bytes());
    }
    return answer.code();
  }

  /** How long a server may take to start a command. */
  static final long START_TIMEOUT_MILLIS = 3_000;

  /** What a command printed, in the order it printed it, and its exit code. */
  record Answer(int code, List<Wire.Chunk> chunks) {
    byte[] out() {
      return join(Wire.STDOUT);
    }

    byte[] err() {
      return join(Wire.STDERR);
    }

    private byte[] join(byte stream) {
      java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
      chunks.stream().filter(c -> c.stream() == stream).forEach(c -> b.writeBytes(c.bytes()));
      return b.toByteArray();
    }
  }

  /** This process's command line as a request. */
  static Wire.Request request(List<String> args) {
    return new Wire.Request(
        jar(),
        Boolean.getBoolean("parkdoc.terminal"),
        Path.of("").toAbsolutePath().toString(),
        System.getenv(),
        args);
  }

  /** The jar (or classes folder) this class was loaded from: the server answers only its own. */
  static String jar() {
    try {
      return Path.of(DaemonClient.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return "";
    }
  }

  /** Sends {@code request} to the server at {@code socket} and reads the whole answer. */
  static Answer ask(Path socket, Wire.Request request) throws IOException {
    return ask(socket, request, () -> {});
  }

  /**
   * As {@link #ask(Path, Wire.Request)}, calling {@code started} when the server starts the
   * command.
   */
  static Answer ask(Path socket, Wire.Request request, Runnable started) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      // The request carries this user's environment: only a server of this user may have it,
      // whatever the socket's folder turned out to be when connecting.
      String peer = channel.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED).user().getName();
      if (!peer.equals(System.getProperty("user.name"))) {
        throw new IOException("the server at " + socket + " runs as " + peer);
      }
      DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
      Wire.writeRun(out, request);
      DataInputStream in =
          new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
      if (in.readByte() != Wire.STARTED) {
        throw new IOException("not a parkdoc server");
      }
      started.run();
      int code = in.readInt();
      return new Answer(code, code == Wire.UNAVAILABLE ? List.of() : Wire.readChunks(in));
    }
  }

  /**
   * Sends a request without arguments ({@link Wire#STATUS}, {@link Wire#STOP}); returns the
   * answer's text.
   */
  static String control(Path socket, byte kind) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
      out.writeInt(Wire.MAGIC);
      out.writeByte(kind);
      out.flush();
      return Wire.readString(
          new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel))));
    }
  }

  private static void write(FileOutputStream stream, byte[] bytes) {
    try {
      stream.write(bytes);
      stream.flush();
    } catch (IOException e) {
      // the reader has gone; nothing more to tell it
    }
  }
}
