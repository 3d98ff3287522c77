package io.parkdoc.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the search client and the search server say to each other over their Unix socket.
 *
 * <p>A request: the magic number, the kind, then for {@link #RUN} the client's jar, whether its
 * standard input and output are a terminal, its working directory, its environment variables and
 * its arguments. The answer to a run: the byte {@link #STARTED} as the command starts (the client
 * waits for it only so long: a stopped or stuck server must not hang it), then the exit code, then
 * what the command wrote, as chunks in the order it wrote them, each marked {@link #STDOUT} or
 * {@link #STDERR} (so that {@code 2>&1} interleaves as it would), ending with {@link #END}; a code
 * of {@link #UNAVAILABLE} means "run it yourself" and has no chunks. Strings are UTF-8 with an int
 * length (no 64 KB limit, unlike {@code writeUTF}). Both ends are the same jar, so there is one
 * version of the format.
 */
final class Wire {
  static final int MAGIC = 0x504b4431; // "PKD1"

  /** Run a parkdoc command line. */
  static final byte RUN = 1;

  /** Say "pid served" (tests, and whoever wants to know which process answered). */
  static final byte STATUS = 2;

  /** Stop the server. */
  static final byte STOP = 3;

  /** Sent as a run request starts. */
  static final byte STARTED = 'S';

  /** A chunk of standard output. */
  static final byte STDOUT = 1;

  /** A chunk of standard error. */
  static final byte STDERR = 2;

  /** After the last chunk. */
  static final byte END = 0;

  /**
   * The exit code that tells the launcher to run the command itself: no server, a server of another
   * jar, or a broken connection. {@code EX_TEMPFAIL} of sysexits.h; parkdoc's own codes are 0, 1
   * and 2.
   */
  static final int UNAVAILABLE = 75;

  /**
   * The client's exit code when nobody listens on the socket (connection refused): a dead server's
   * socket, which the launcher removes. A server that is alive but does not answer (stopped, busy)
   * gets {@link #UNAVAILABLE} and keeps its socket: the launcher's {@code flock} cannot see the
   * server's lock (Java locks with {@code fcntl}, which {@code flock} does not see), so it must not
   * judge liveness by the lock.
   */
  static final int DEAD = 76;

  private Wire() {}

  /** A command line as the client's process would have run it. */
  record Request(
      String jar, boolean terminal, String cwd, Map<String, String> env, List<String> args) {}

  static void writeRun(DataOutputStream out, Request r) throws IOException {
    out.writeInt(MAGIC);
    out.writeByte(RUN);
    writeString(out, r.jar());
    out.writeBoolean(r.terminal());
    writeString(out, r.cwd());
    out.writeInt(r.env().size());
    for (Map.Entry<String, String> e : r.env().entrySet()) {
      writeString(out, e.getKey());
      writeString(out, e.getValue());
    }
    out.writeInt(r.args().size());
    for (String a : r.args()) {
      writeString(out, a);
    }
    out.flush();
  }

  /** Reads a run request's body (after its magic and kind). */
  static Request readRun(DataInputStream in) throws IOException {
    String jar = readString(in);
    boolean terminal = in.readBoolean();
    String cwd = readString(in);
    int n = count(in);
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      env.put(readString(in), readString(in));
    }
    int a = count(in);
    List<String> args = new ArrayList<>(a);
    for (int i = 0; i < a; i++) {
      args.add(readString(in));
    }
    return new Request(jar, terminal, cwd, env, args);
  }

  static void writeString(DataOutputStream out, String s) throws IOException {
    writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
  }

  static String readString(DataInputStream in) throws IOException {
    return new String(readBytes(in), StandardCharsets.UTF_8);
  }

  /** Bytes a command wrote to {@link #STDOUT} or {@link #STDERR}. */
  record Chunk(byte stream, byte[] bytes) {}

  /** {@code chunks}, then {@link #END}. */
  static void writeChunks(DataOutputStream out, List<Chunk> chunks) throws IOException {
    for (Chunk c : chunks) {
      out.writeByte(c.stream());
      writeBytes(out, c.bytes());
    }
    out.writeByte(END);
  }

  /** The chunks up to {@link #END}. */
  static List<Chunk> readChunks(DataInputStream in) throws IOException {
    List<Chunk> chunks = new java.util.ArrayList<>();
    for (byte stream = in.readByte(); stream != END; stream = in.readByte()) {
      chunks.add(new Chunk(stream, readBytes(in)));
    }
    return chunks;
  }

  static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("negative length");
    }
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new EOFException("the connection ended inside a message");
    }
    return b;
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1_000_000) {
      throw new IOException("bad count " + n);
    }
    return n;
  }
}
