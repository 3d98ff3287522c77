package io.parkdoc.core.snippet;

import io.parkdoc.core.Snippet;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Formats the highlighter's passages as {@link Snippet}s: text plus match offsets, no markup.
 *
 * <p>Control characters (escape sequences included: a document must not drive the terminal) and
 * runs of white space become one space. A passage longer than {@link #WINDOW} characters, a long
 * sentence, is shown as a window around its first match, cut only between characters. Stateless.
 */
public final class SnippetFormatter extends PassageFormatter {
  /** The most columns of a passage shown: a CJK character takes two, as on a terminal. */
  static final int WINDOW = 200;

  private static final int LEAD = 60;

  @Override
  public Object format(Passage[] passages, String content) {
    List<Snippet> out = new ArrayList<>(passages.length);
    for (Passage p : passages) {
      out.add(
          snippet(
              content,
              p.getStartOffset(),
              p.getEndOffset(),
              java.util.Arrays.copyOf(p.getMatchStarts(), p.getNumMatches()),
              java.util.Arrays.copyOf(p.getMatchEnds(), p.getNumMatches())));
    }
    return out;
  }

  /**
   * True for characters a terminal shows two columns wide (Hangul, Han, kana, full-width forms).
   */
  static boolean wide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F)
        || (cp >= 0x2E80 && cp <= 0xA4CF)
        || (cp >= 0xAC00 && cp <= 0xD7A3)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F)
        || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6)
        || (cp >= 0x20000 && cp <= 0x3FFFD);
  }

  private static int columns(String s, int from, int to) {
    int cols = 0;
    for (int i = from; i < to; i++) {
      cols +=
          wide(s.charAt(i))
                  || (Character.isHighSurrogate(s.charAt(i))
                      && i + 1 < to
                      && wide(s.codePointAt(i)))
              ? 2
              : 1;
    }
    return cols;
  }

  /** The offset {@code budget} columns before {@code at}, not before {@code limit}. */
  private static int back(String s, int at, int limit, int budget) {
    int i = at;
    while (i > limit && budget > 0) {
      i--;
      budget -= wide(s.charAt(i)) ? 2 : 1;
    }
    return i;
  }

  /** How far a cut may move to reach a space between words. */
  private static final int WORD_SLACK = 24;

  /**
   * {@code cut} moved in {@code direction} to the nearest space when it falls inside a word and a
   * space lies within {@link #WORD_SLACK} characters, never past {@code bound} (a match); else
   * {@code cut}. Text without spaces (Chinese, Japanese) keeps its cut between characters.
   */
  private static int atSpace(String s, int cut, int direction, int bound) {
    if (cut <= 0
        || cut >= s.length()
        || Character.isWhitespace(s.charAt(cut - 1))
        || Character.isWhitespace(s.charAt(cut))
        || unspaced(s.charAt(cut - 1))
        || unspaced(s.charAt(cut))
        || !(Character.isLetterOrDigit(s.charAt(cut - 1))
            || Character.isLetterOrDigit(s.charAt(cut)))) {
      return cut;
    }
    for (int i = cut, n = 0; n < WORD_SLACK; i += direction, n++) {
      if (direction < 0 ? i <= bound : i >= bound) {
        return cut;
      }
      if (Character.isWhitespace(s.charAt(direction < 0 ? i - 1 : i))) {
        return direction < 0 ? i - 1 : i + 1;
      }
    }
    return cut;
  }

  /**
   * True for characters of text written without spaces between words (Han, kana, their
   * punctuation): a cut next to one is between words. Not Hangul: Korean puts spaces between words,
   * and a cut between 밸리’ and 를 is inside one.
   */
  private static boolean unspaced(char c) {
    return SentenceBreaker.cjkLetter(c)
        || Character.isSurrogate(c)
        || (c >= '\u3000' && c <= '\u303F')
        || (c >= '\uFF00' && c <= '\uFFEF');
  }

  /**
   * {@code cut} moved out of a quotation or bracket that it would show only half of: at the
   * window's end ({@code direction} -1) before an opening mark whose closing mark lies past the cut
   * ("선도 ‘광학…" ends "선도…"), at its start (+1) after a closing mark whose opening one lies before it
   * ("…林一号」が" starts "…が"); only within {@link #WORD_SLACK} characters, never past {@code bound} (a
   * match), then past blanks.
   */
  private static int outsideQuotation(String s, int cut, int direction, int bound) {
    for (int i = cut, n = 0;
        n < WORD_SLACK && (direction < 0 ? i > bound : i < bound);
        i += direction, n++) {
      int k = direction < 0 ? i - 1 : i;
      if (direction < 0 ? closes(s, k) : opens(s, k)) {
        break; // the quotation next to the cut is whole
      }
      if (direction < 0 ? opens(s, k) : closes(s, k)) {
        cut = direction < 0 ? k : k + 1;
        break;
      }
    }
    while (direction < 0
        ? cut > bound && Character.isWhitespace(s.charAt(cut - 1))
        : cut < bound && Character.isWhitespace(s.charAt(cut))) {
      cut += direction;
    }
    return cut;
  }

  /**
   * Whether the mark at {@code k} opens a quotation: ( [ 「 『 【 《 ‘ “ „ and the like, followed by
   * its text. German „Text“ closes with U+201C, which Unicode calls an opening quote: after a
   * letter and before a space it closes.
   */
  private static boolean opens(String s, int k) {
    int t = Character.getType(s.charAt(k));
    return (t == Character.START_PUNCTUATION || t == Character.INITIAL_QUOTE_PUNCTUATION)
        && !closes(s, k);
  }

  /** Whether the mark at {@code k} closes a quotation or bracket. */
  private static boolean closes(String s, int k) {
    int t = Character.getType(s.charAt(k));
    if (t == Character.END_PUNCTUATION || t == Character.FINAL_QUOTE_PUNCTUATION) {
      return true;
    }
    boolean afterText = k > 0 && Character.isLetterOrDigit(s.charAt(k - 1));
    boolean beforeText = k + 1 < s.length() && Character.isLetterOrDigit(s.charAt(k + 1));
    return t == Character.INITIAL_QUOTE_PUNCTUATION && afterText && !beforeText;
  }

  /** The offset {@code budget} columns after {@code at}, not after {@code limit}. */
  private static int forward(String s, int at, int limit, int budget) {
    int i = at;
    while (i < limit && budget > 0) {
      budget -= wide(s.charAt(i)) ? 2 : 1;
      i++;
    }
    return i;
  }

  /**
   * True when the blanks starting at {@code i} hold a line break between two characters of Chinese
   * or Japanese text (Han, kana, their full-width punctuation): a wrapped line, joined with nothing
   * between (商標權, not 商 標權).
   */
  private static boolean joinsCjkLines(String s, int i, int to) {
    if (i == 0) {
      return false;
    }
    int j = i;
    boolean lineBreak = false;
    while (j < to && Character.isWhitespace(s.charAt(j))) {
      lineBreak |= s.charAt(j) == '\n';
      j++;
    }
    return lineBreak
        && j < to
        && SentenceBreaker.cjkText(Character.codePointBefore(s, i))
        && SentenceBreaker.cjkText(Character.codePointAt(s, j));
  }

  /**
   * The passage of {@code content} between {@code start} and {@code end} (a sentence), cut to the
   * window around its first match, with the matches as highlights.
   */
  public static Snippet snippet(
      String content, int start, int end, int[] matchStarts, int[] matchEnds) {
    int from = start;
    int to = end;
    boolean cutStart = false;
    boolean cutEnd = false;
    if (columns(content, from, to) > WINDOW) {
      int first = matchStarts.length > 0 ? matchStarts[0] : from;
      from = back(content, Math.max(start, first), start, LEAD);
      to = forward(content, from, end, WINDOW);
      from = back(content, to, start, WINDOW);
      cutStart = from > start;
      cutEnd = to < end;
      // In text with spaces between words, cut at a space rather than inside a word ("Intell…").
      int firstMatch = end;
      int lastMatch = start;
      for (int m = 0; m < matchStarts.length; m++) {
        if (matchEnds[m] > from && matchStarts[m] < to) {
          firstMatch = Math.min(firstMatch, matchStarts[m]);
          lastMatch = Math.max(lastMatch, matchEnds[m]);
        }
      }
      if (cutEnd) {
        to =
            outsideQuotation(
                content,
                atSpace(content, to, -1, Math.max(from, lastMatch)),
                -1,
                Math.max(from, lastMatch));
      }
      if (cutStart) {
        int bound = Math.min(to, firstMatch);
        from = outsideQuotation(content, atSpace(content, from, +1, bound), +1, bound);
        // Past a closing mark, Korean goes on with the word's particle (밸리’를): start at the
        // next word instead ("…구축하고", never "…를 구축하고").
        from = atSpace(content, from, +1, bound);
      }
      // Only between whole characters as the reader sees them: a Thai vowel or tone mark, a
      // combining accent, an emoji's modifier stays with its base (never "…ิทธิ").
      BreakIterator clusters = BreakIterator.getCharacterInstance(Locale.ROOT);
      clusters.setText(content);
      if (from > start && from < content.length() && !clusters.isBoundary(from)) {
        int f = clusters.following(from);
        from = f == BreakIterator.DONE ? from : Math.min(f, to);
      }
      if (to < end && to > from && !clusters.isBoundary(to)) {
        int t = clusters.preceding(to);
        to = t == BreakIterator.DONE ? to : Math.max(t, from);
      }
    }
    StringBuilder text = new StringBuilder(to - from + 2);
    int[] map = new int[to - from + 1];
    if (cutStart) {
      text.append('…');
    }
    boolean space = true;
    for (int i = from; i < to; i++) {
      char c = content.charAt(i);
      map[i - from] = text.length();
      boolean blank =
          Character.isWhitespace(c)
              || Character.isISOControl(c)
              || c == '\u00A0'
              || (c >= '\u2028' && c <= '\u2029')
              || c == '\uFEFF';
      if (blank) {
        if (!space && !joinsCjkLines(content, i, to)) {
          text.append(' ');
        }
        space = true;
      } else {
        text.append(c);
        space = false;
      }
    }
    map[to - from] = text.length();
    while (text.length() > 0 && text.charAt(text.length() - 1) == ' ') {
      text.setLength(text.length() - 1);
    }
    if (cutEnd) {
      text.append('…');
    }
    List<Snippet.Span> spans = new ArrayList<>();
    for (int m = 0; m < matchStarts.length; m++) {
      int s = Math.max(matchStarts[m], from);
      int e = Math.min(matchEnds[m], to);
      if (s >= e) {
        continue;
      }
      int ms = Math.min(map[s - from], text.length());
      int me = Math.min(map[e - from], text.length());
      if (me > ms && (spans.isEmpty() || spans.get(spans.size() - 1).end() <= ms)) {
        spans.add(new Snippet.Span(ms, me));
      } else if (me > ms) {
        Snippet.Span last = spans.remove(spans.size() - 1);
        spans.add(new Snippet.Span(last.start(), Math.max(last.end(), me)));
      }
    }
    return new Snippet(text.toString(), spans, start, null);
  }
}
