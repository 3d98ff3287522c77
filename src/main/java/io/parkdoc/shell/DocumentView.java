package io.parkdoc.shell;

import io.parkdoc.core.FullText;
import io.parkdoc.core.Mark;
import io.parkdoc.core.MatchExplanation;
import io.parkdoc.core.Snippet;
import io.parkdoc.term.Styles;
import io.parkdoc.term.TextLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Lays out a whole document (for {@code :open}) and the explanation of a hit (for {@code :explain})
 * as styled lines, wrapped by display width. Stateless.
 */
final class DocumentView {
  private static final int TAB = 4;
  private static final int EXPLAIN_INDENT = 2;

  private DocumentView() {}

  /** A heading line: the path, the language, and something dim after them. */
  static AttributedString heading(String path, String lang, String dim) {
    AttributedStringBuilder b = new AttributedStringBuilder();
    b.styled(Styles.PATH, path).append("  ").styled(Styles.LANG, lang);
    if (dim != null && !dim.isEmpty()) {
      b.append("  ").styled(Styles.DIM, dim);
    }
    return b.toAttributedString();
  }

  /**
   * The lines of {@code doc}'s text with its matches highlighted, each wrapped to {@code width}
   * columns (0: not wrapped). Control characters become spaces: a document must not drive the
   * terminal.
   */
  static List<AttributedString> text(FullText doc, int width) {
    List<AttributedString> lines = new ArrayList<>();
    String text = doc.text();
    List<Snippet.Span> spans = doc.highlights();
    List<Mark> marks = doc.marks();
    int span = 0;
    int mark = 0;
    AttributedStringBuilder line = new AttributedStringBuilder();
    int column = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (mark < marks.size() && marks.get(mark).offset() <= i) {
        // a page, slide or sheet begins: a line of its own names it
        if (line.length() > 0) {
          addWrapped(lines, line.toAttributedString(), width);
          line = new AttributedStringBuilder();
          column = 0;
        }
        while (mark < marks.size() && marks.get(mark).offset() <= i) {
          lines.add(new AttributedString("── " + marks.get(mark++).describe() + " ──", Styles.DIM));
        }
      }
      while (span < spans.size() && spans.get(span).end() <= i) {
        span++;
      }
      boolean match = span < spans.size() && spans.get(span).start() <= i;
      if (c == '\n') {
        addWrapped(lines, line.toAttributedString(), width);
        line = new AttributedStringBuilder();
        column = 0;
      } else if (c == '\t') {
        int spaces = TAB - column % TAB;
        line.append(" ".repeat(spaces));
        column += spaces;
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        continue;
      } else {
        char shown = Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c;
        line.styled(match ? Styles.MATCH : Styles.PLAIN, String.valueOf(shown));
        column++;
      }
    }
    if (line.length() > 0) {
      addWrapped(lines, line.toAttributedString(), width);
    }
    return lines;
  }

  private static void addWrapped(List<AttributedString> lines, AttributedString line, int width) {
    if (width <= 0 || line.length() == 0 || TextLayout.width(line) <= width) {
      lines.add(line);
    } else {
      lines.addAll(TextLayout.wrap(line, 0, width));
    }
  }

  /** Why a hit matched: what matched where, then the score and its parts as an indented tree. */
  static List<AttributedString> explanation(MatchExplanation e, int width) {
    List<AttributedString> lines = new ArrayList<>();
    if (!e.matched()) {
      lines.add(
          new AttributedString(
              "this document no longer matches the query (the index changed?)", Styles.DIM));
      return lines;
    }
    if (e.matches().isEmpty()) {
      lines.add(
          new AttributedString(
              "no words matched: the query only filters (lang:, path:)", Styles.DIM));
    }
    String lastField = null;
    for (MatchExplanation.FieldMatch m : e.matches()) {
      if (!m.field().equals(lastField)) {
        lines.add(
            new AttributedStringBuilder()
                .append("matched in ")
                .styled(Styles.LANG, m.field())
                .styled(
                    Styles.DIM,
                    m.field().startsWith("bigram_")
                        ? "  (pairs of characters)"
                        : "  (the language analyzer's words)")
                .toAttributedString());
        lastField = m.field();
      }
      AttributedStringBuilder b = new AttributedStringBuilder().append("  ");
      b.styled(Styles.MATCH, m.clause()).append(String.format(Locale.ROOT, "  %d×", m.count()));
      if (!m.texts().isEmpty() && !(m.texts().size() == 1 && m.texts().get(0).equals(m.clause()))) {
        b.styled(
            Styles.DIM,
            "  in the text: "
                + String.join(
                    ", ", m.texts().stream().map(t -> t.replaceAll("\\s+", " ")).toList()));
      }
      addWrapped(lines, b.toAttributedString(), width);
    }
    lines.add(new AttributedString("score", Styles.DIM));
    score(lines, e.score(), 1, width);
    return lines;
  }

  private static void score(
      List<AttributedString> lines, MatchExplanation.ScorePart p, int depth, int width) {
    float v = p.value();
    String number =
        v == Math.rint(v) && Math.abs(v) < 1e9
            ? String.valueOf((long) v)
            : String.format(Locale.ROOT, "%.4f", v);
    String prefix = " ".repeat(depth * EXPLAIN_INDENT) + number + "  ";
    int columns = TextLayout.width(prefix);
    // The description wraps under itself, not under the number.
    List<AttributedString> description =
        width > columns + 10
            ? TextLayout.wrap(new AttributedString(p.description()), 0, width - columns)
            : List.of(new AttributedString(p.description()));
    for (int i = 0; i < Math.max(1, description.size()); i++) {
      AttributedStringBuilder b = new AttributedStringBuilder();
      if (i == 0) {
        b.append(" ".repeat(depth * EXPLAIN_INDENT))
            .styled(AttributedStyle.BOLD, prefix.strip())
            .append("  ");
      } else {
        b.append(" ".repeat(columns));
      }
      if (i < description.size()) {
        b.append(description.get(i));
      }
      lines.add(b.toAttributedString());
    }
    for (MatchExplanation.ScorePart d : p.details()) {
      score(lines, d, depth + 1, width);
    }
  }
}
