package io.parkdoc.core.query;

/**
 * Queries that hold nothing a search could look for: {@code ?}, {@code *}, {@code ''}, {@code ...}
 * (no letter or digit in any script). Such a query is answered at once, with exit status 1 and a
 * line saying so, rather than with silence. Stateless.
 */
public final class NothingToSearch {
  private NothingToSearch() {}

  /**
   * The line to print when {@code query} has nothing to search for, or null when it has a letter or
   * a digit somewhere.
   */
  public static String in(String query) {
    if (query == null || query.codePoints().anyMatch(Character::isLetterOrDigit)) {
      return null;
    }
    return "nothing to search for in '"
        + query.strip()
        + "': a query needs a letter or a digit ('*' and '?' alone are no wildcards)";
  }
}
