package io.parkdoc.cli;

/** parkdoc's exit codes, the same as grep's and ripgrep's. */
public final class ExitCodes {
  /** Found something; or the command succeeded. */
  public static final int FOUND = 0;

  /** Searched and found nothing. */
  public static final int NOTHING = 1;

  /** An error: usage, a malformed query, no index, I/O; or files skipped because of errors. */
  public static final int ERROR = 2;

  private ExitCodes() {}
}
