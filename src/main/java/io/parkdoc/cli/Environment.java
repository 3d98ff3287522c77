package io.parkdoc.cli;

import java.io.Console;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;

/**
 * What parkdoc reads from its process: environment variables, standard input, whether standard
 * output is a terminal, and the working directory. Injected so tests can set each.
 *
 * @param variables environment variables
 * @param stdin standard input
 * @param terminal true when standard input and output are a terminal
 * @param cwd the working directory, against which paths are shown
 */
public record Environment(
    Map<String, String> variables, InputStream stdin, boolean terminal, Path cwd) {

  /** The environment of this process. */
  public static Environment system() {
    return new Environment(System.getenv(), System.in, isTerminal(), Path.of("").toAbsolutePath());
  }

  /** A pipe, not a terminal, with the given variables: for tests. */
  public static Environment of(Map<String, String> variables, InputStream stdin, Path cwd) {
    return new Environment(variables, stdin, false, cwd.toAbsolutePath());
  }

  public String get(String name) {
    String v = variables.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  private static boolean isTerminal() {
    // The launcher asks the shell ([ -t 0 ] && [ -t 1 ]), which costs nothing; System.console()
    // costs a JVM start-up some 20 ms.
    String known = System.getProperty("parkdoc.terminal");
    if (known != null) {
      return Boolean.parseBoolean(known);
    }
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      // JDK 22+ returns a Console for pipes too; isTerminal() tells them apart.
      Method m = Console.class.getMethod("isTerminal");
      return (Boolean) m.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
