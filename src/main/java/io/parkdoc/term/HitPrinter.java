package io.parkdoc.term;

import io.parkdoc.core.Hit;
import io.parkdoc.core.SearchResults;
import io.parkdoc.core.Snippet;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Prints search hits for people: a heading line per hit (rank, path, language, score) and its
 * passages below with the matches highlighted, wrapped by display width when the width is known.
 *
 * <p>Without colour the same layout is written as plain text, so a pipe gets readable lines.
 * Immutable.
 */
public final class HitPrinter {
  private static final int INDENT = 4;
  private final boolean color;
  private final int width;

  /**
   * @param color write ANSI styles
   * @param width terminal columns to wrap passages to, or 0 to leave lines unwrapped (a pipe)
   */
  public HitPrinter(boolean color, int width) {
    this.color = color;
    this.width = width;
  }

  /**
   * {@code displayPath} shortened from the left (…/folder/file.txt) so that {@code hit}'s heading
   * fits the width; unchanged when it fits or the width is not known. For the shell, where a
   * wrapped heading breaks the page; the command line prints paths whole, to be copied.
   */
  public String fitPath(Hit hit, String displayPath) {
    if (width <= 0) {
      return displayPath;
    }
    int fixed = TextLayout.width(rankColumn(hit) + "  " + languages(hit) + "  " + score(hit));
    return TextLayout.fitLeft(displayPath, Math.max(12, width - fixed - 1));
  }

  /** The hit's main language, then the others it holds text in: {@code ko+en}. */
  static String languages(Hit hit) {
    return hit.languages().size() <= 1 ? hit.lang() : String.join("+", hit.languages());
  }

  private static String rankColumn(Hit hit) {
    return String.format(Locale.ROOT, "%2d  ", hit.rank());
  }

  private static String score(Hit hit) {
    return String.format(Locale.ROOT, "%.2f", hit.score());
  }

  /** Writes {@code hit}, with {@code displayPath} as its path. */
  public void print(PrintWriter out, Hit hit, String displayPath) {
    AttributedStringBuilder head = new AttributedStringBuilder();
    head.append(rankColumn(hit));
    head.styled(Styles.PATH, displayPath);
    head.append("  ");
    head.styled(Styles.LANG, languages(hit));
    head.append("  ");
    head.styled(Styles.DIM, score(hit));
    out.println(render(head.toAttributedString()));
    for (Snippet s : hit.snippets()) {
      AttributedString passage = highlighted(s, Styles.MATCH);
      if (s.where() != null) {
        // the page, slide or sheet of a PDF, a presentation or a spreadsheet
        passage =
            new AttributedStringBuilder()
                .styled(Styles.DIM, s.where() + "  ")
                .append(passage)
                .toAttributedString();
      }
      if (width > 0) {
        for (AttributedString line : TextLayout.wrap(passage, INDENT, width)) {
          out.println(render(line));
        }
      } else {
        out.println(" ".repeat(INDENT) + render(passage));
      }
    }
    out.println();
  }

  /** {@code snippet}'s text with its highlights in {@code style}. */
  public static AttributedString highlighted(Snippet snippet, AttributedStyle style) {
    AttributedStringBuilder b = new AttributedStringBuilder();
    String text = snippet.text();
    int at = 0;
    for (Snippet.Span span : snippet.highlights()) {
      b.append(text, at, span.start());
      b.styled(style, text.substring(span.start(), span.end()));
      at = span.end();
    }
    b.append(text, at, text.length());
    return b.toAttributedString();
  }

  /** ANSI text when colour is on, plain text otherwise. */
  public String render(AttributedString s) {
    return Styles.render(s, color);
  }

  /**
   * What a pipe or {@code --json} reader is told (on standard error) when the hits are partial
   * matches, as the terminal's footer says.
   */
  public static final String PARTIAL_NOTE =
      "no document has every word: these are partial matches (they hold some of the words)";

  /**
   * The one-line summary under the hits of {@code r}: which of how many, in which languages, and
   * how long the search took ({@code millis}; left out when negative).
   */
  public static String summary(SearchResults r, long millis) {
    String time = millis < 0 ? "" : " (" + millis + " ms)";
    if (r.total() == 0) {
      return "no hits in " + String.join(", ", r.languages()) + time;
    }
    int first = r.hits().isEmpty() ? 0 : r.hits().get(0).rank();
    int last = r.hits().isEmpty() ? 0 : r.hits().get(r.hits().size() - 1).rank();
    return String.format(
            Locale.ROOT,
            "%d–%d of %s%d %s · %s",
            first,
            last,
            r.totalIsExact() ? "" : "at least ",
            r.total(),
            (r.total() == 1
                    ? (r.relaxed() ? "partial match" : "hit")
                    : (r.relaxed() ? "partial matches" : "hits"))
                + (r.relaxed() ? " (no document has every word)" : ""),
            String.join(" ", r.languages()))
        + (millis < 0 ? "" : " · " + millis + " ms");
  }

  /**
   * Why a search found nothing, when some of its words are stop words ({@link
   * io.parkdoc.backend.lucene.Searcher#stopWords}): "'Würde' is a stop word in de: too common there
   * to be indexed, so it cannot be searched for". Null when {@code stopWords} is empty.
   */
  public static String stopWordNote(Map<String, List<String>> stopWords) {
    if (stopWords.isEmpty()) {
      return null;
    }
    if (stopWords.size() == 1) {
      var e = stopWords.entrySet().iterator().next();
      return "'"
          + e.getKey()
          + "' is a stop word in "
          + String.join(", ", e.getValue())
          + ": too common there to be indexed, so it cannot be searched for";
    }
    List<String> each =
        stopWords.entrySet().stream()
            .map(e -> "'" + e.getKey() + "' (" + String.join(", ", e.getValue()) + ")")
            .toList();
    return String.join(", ", each)
        + " are stop words: too common there to be indexed, so they cannot be searched for";
  }

  /** A one-line summary under the hits, on a terminal only. */
  public void footer(PrintWriter out, String text) {
    // by words at the width, one column short of the edge; a pipe's (0) leaves it one line
    for (String line : TextLayout.wrapLine(text, width > 0 ? width - 1 : 0)) {
      out.println(render(new AttributedString(line, Styles.DIM)));
    }
  }

  /**
   * The line above the hits saying what the query became in the other languages ({@code laser ->
   * 레이저 (ko) · レーザー (ja) · 激光 (zh)}), once; nothing when the search translated nothing.
   */
  public void translation(PrintWriter out, SearchResults results) {
    String line = results.translation() == null ? "" : results.translation().summary();
    if (!line.isEmpty()) {
      out.println(render(new AttributedString(line, Styles.DIM)));
    }
  }

  /** Renders {@code text} dimmed (or plain, without colour). */
  public String dim(String text) {
    return render(new AttributedString(text, Styles.DIM));
  }
}
