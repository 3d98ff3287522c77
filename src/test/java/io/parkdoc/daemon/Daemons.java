package io.parkdoc.daemon;

import java.io.IOException;
import java.nio.file.Path;

/** What a running search server says of itself, for tests outside this package. */
public final class Daemons {
  private Daemons() {}

  /** The server's process id and the number of requests it has answered. */
  public record Status(long pid, long served) {}

  /** Asks the server at {@code socket}; IOException when nobody answers there. */
  public static Status status(Path socket) throws IOException {
    String[] s = DaemonClient.control(socket, Wire.STATUS).split(" ");
    return new Status(Long.parseLong(s[0]), Long.parseLong(s[1]));
  }
}
