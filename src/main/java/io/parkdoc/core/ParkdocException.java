package io.parkdoc.core;

/**
 * The one failure parkdoc reports to its user: a message fit to print as one line, and the cause.
 *
 * <p>The exit code says what kind of failure it was, following grep and ripgrep: 2 for usage, query
 * and I/O errors.
 */
public final class ParkdocException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ParkdocException(String message) {
    super(message);
  }

  public ParkdocException(String message, Throwable cause) {
    super(message, cause);
  }
}
