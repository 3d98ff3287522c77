package io.parkdoc.term;

import java.util.Map;

/** The {@code --color} choice, and the one place it is turned into yes or no. */
public enum ColorMode {
  AUTO,
  ALWAYS,
  NEVER;

  /**
   * Whether to colour output: {@code --color} first, then {@code NO_COLOR}, then {@code
   * CLICOLOR_FORCE}, then whether output is a terminal (and {@code TERM} is not dumb).
   */
  public boolean enabled(Map<String, String> env, boolean terminal) {
    return switch (this) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> {
        if (present(env, "NO_COLOR")) {
          yield false;
        }
        String force = env.get("CLICOLOR_FORCE");
        if (force != null && !force.isEmpty() && !force.equals("0")) {
          yield true;
        }
        yield terminal && !"dumb".equals(env.get("TERM"));
      }
    };
  }

  private static boolean present(Map<String, String> env, String name) {
    String v = env.get(name);
    return v != null && !v.isEmpty();
  }
}
