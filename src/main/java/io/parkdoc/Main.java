package io.parkdoc;

import io.parkdoc.cli.Environment;
import io.parkdoc.cli.ParkdocCommand;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The parkdoc command line: the one place that calls {@link System#exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    quietLibraries();
    // UTF-8 whatever the locale says: a C locale would turn every Hangul and Han into '?'.
    PrintWriter out =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8),
            true);
    PrintWriter err =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8),
            true);
    int code = run(out, err, Environment.system(), args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  // Held so the logger settings are not garbage-collected with the loggers.
  private static final java.util.logging.Logger LUCENE =
      java.util.logging.Logger.getLogger("org.apache.lucene");

  /**
   * Keeps library chatter off the user's stderr: Lucene's advice about the Vector API module and
   * SLF4J's note that OpenNLP has no logging back end are for developers, not users.
   */
  public static void quietLibraries() {
    LUCENE.setLevel(java.util.logging.Level.SEVERE);
    System.setProperty("slf4j.internal.verbosity", "ERROR");
  }

  /**
   * Runs parkdoc with {@code args}, writing to {@code out} and {@code err}; returns the exit code.
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(out, err, Environment.system(), args);
  }

  /**
   * As {@link #run(PrintWriter, PrintWriter, String...)}, with the environment given rather than
   * the process's.
   */
  public static int run(PrintWriter out, PrintWriter err, Environment env, String... args) {
    return ParkdocCommand.execute(out, err, env, args);
  }
}
