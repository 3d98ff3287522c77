package io.parkdoc.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Picocli's parse errors said the way a user can act on them: {@code parkdoc serach laser} is an
 * unknown command with a suggestion, not "Unmatched arguments from index 0"; {@code search -laser}
 * says that a query starting with '-' needs '--' before it. Stateless.
 */
final class UsageErrors {
  private UsageErrors() {}

  /** The line that explains {@code ex}, without the "parkdoc: " in front. */
  static String explain(ParameterException ex) {
    CommandLine cl = ex.getCommandLine();
    if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String first = u.getUnmatched().get(0);
      CommandSpec spec = cl.getCommandSpec();
      if (!spec.subcommands().isEmpty() && !first.startsWith("-")) {
        // the top command: its only positional argument is a command name
        String near = nearest(first, List.copyOf(spec.subcommands().keySet()));
        return "unknown command '"
            + first
            + "'"
            + (near != null ? " (did you mean " + near + "?)" : "")
            + "; the commands are "
            + String.join(", ", spec.subcommands().keySet());
      }
      if (first.startsWith("-") && first.length() > 1 && hasQuery(spec)) {
        return "unknown option '"
            + first
            + "': a query that starts with '-' needs '--' before it, as in: parkdoc "
            + spec.name()
            + " -- "
            + first;
      }
    }
    return ex.getMessage();
  }

  private static boolean hasQuery(CommandSpec spec) {
    return spec.positionalParameters().stream()
        .anyMatch(p -> p.paramLabel().equals("QUERY") || p.paramLabel().equals("TEXT"));
  }

  /** The name within two edits of {@code typed} (a typo, two letters swapped), or null. */
  static String nearest(String typed, List<String> names) {
    String best = null;
    int bestDistance = 3;
    for (String name : names) {
      int d = distance(typed.toLowerCase(java.util.Locale.ROOT), name);
      if (d < bestDistance) {
        best = name;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Damerau-Levenshtein distance (optimal string alignment): a swap of two letters is one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
