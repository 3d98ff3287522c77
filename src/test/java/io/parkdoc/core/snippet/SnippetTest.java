package io.parkdoc.core.snippet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.core.Snippet;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnippetTest {

  private static List<String> highlighted(Snippet s) {
    List<String> out = new ArrayList<>();
    for (Snippet.Span span : s.highlights()) {
      out.add(s.text().substring(span.start(), span.end()));
    }
    return out;
  }

  private static Snippet snippetOf(String content, String... words) {
    int[] starts = new int[words.length];
    int[] ends = new int[words.length];
    int from = 0;
    for (int i = 0; i < words.length; i++) {
      starts[i] = content.indexOf(words[i], from);
      assertTrue(starts[i] >= 0, words[i]);
      ends[i] = starts[i] + words[i].length();
      from = ends[i];
    }
    return SnippetFormatter.snippet(content, 0, content.length(), starts, ends);
  }

  private static void assertNoControlOrBrokenSurrogates(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      assertFalse(
          Character.isISOControl(c),
          "control character U+" + Integer.toHexString(c) + " at " + i + " in " + text);
      if (Character.isHighSurrogate(c)) {
        assertTrue(
            i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)),
            "lone high surrogate at " + i);
      }
      if (Character.isLowSurrogate(c)) {
        assertTrue(
            i > 0 && Character.isHighSurrogate(text.charAt(i - 1)), "lone low surrogate at " + i);
      }
    }
    assertFalse(text.contains("  "), "double space in " + text);
  }

  // ---- SnippetFormatter ---------------------------------------------------------------------

  @Test
  void controlCharactersBecomeSingleSpacesAndHighlightsFollow() {
    String content = "Alpha\u001b[31m beta\n\n\tgamma\u0007 laser\r\nend\u001b[0m";
    Snippet s = snippetOf(content, "laser");
    // ESC, BEL, CR, LF and TAB are each blank; a run of them is one space; the escape sequence's
    // printable rest ([31m) is harmless text once its ESC is gone.
    assertEquals("Alpha [31m beta gamma laser end [0m", s.text());
    assertNoControlOrBrokenSurrogates(s.text());
    assertEquals(List.of("laser"), highlighted(s));
  }

  @Test
  void leadingAndTrailingBlanksAreDropped() {
    String content = "\n\n   レーザー加工\t\n";
    Snippet s = snippetOf(content, "レーザー");
    assertEquals("レーザー加工", s.text());
    assertEquals(List.of(new Snippet.Span(0, 4)), s.highlights());
  }

  @Test
  void severalMatchesEachHighlightedAfterCleaning() {
    String content = "laser\n\n\n\u001blaser  \u0000 laser";
    Snippet s = snippetOf(content, "laser", "laser", "laser");
    assertEquals("laser laser laser", s.text());
    assertEquals(
        List.of(new Snippet.Span(0, 5), new Snippet.Span(6, 11), new Snippet.Span(12, 17)),
        s.highlights());
  }

  @Test
  void longPassageIsCutToAWindowAroundTheFirstMatch() {
    String content = "x".repeat(300) + "laser" + "y".repeat(300);
    Snippet s = snippetOf(content, "laser");
    assertTrue(s.text().startsWith("…"), s.text());
    assertTrue(s.text().endsWith("…"), s.text());
    // the window itself plus the two ellipses
    assertTrue(s.text().length() <= SnippetFormatter.WINDOW + 2, "length " + s.text().length());
    assertTrue(s.text().length() > SnippetFormatter.WINDOW / 2, "length " + s.text().length());
    assertEquals(List.of("laser"), highlighted(s));
    // the match is inside, with text on both sides
    Snippet.Span span = s.highlights().get(0);
    assertTrue(span.start() > 1 && span.end() < s.text().length() - 1);
  }

  @Test
  void windowOfSpacedTextIsCutBetweenWordsNotInsideThem() {
    String words = "speed up the building of Changchun Intelligent Manufacturing Valley and more ";
    String content = words.repeat(4) + "the laser industry research institute " + words.repeat(5);
    Snippet s = snippetOf(content, "laser");
    assertEquals(List.of("laser"), highlighted(s));
    String inner = s.text().substring(1, s.text().length() - 1);
    assertTrue(s.text().startsWith("…") && s.text().endsWith("…"), s.text());
    // whole words on both sides: the cut text starts and ends where the original has a space
    assertTrue(content.contains(" " + inner + " "), s.text());
  }

  @Test
  void aCutWindowNeverEndsOnAnOpeningQuoteNorStartsOnAClosingOne() {
    // A window ends wherever its 200 columns run out: shifting the text one character at a time
    // puts the cut next to every quote and bracket of the sentence once.
    String unit = "국내 기술 선도 ‘광학 밸리’를 건설하고 「광섬유」 산업 (연구원) 지원 ";
    for (int shift = 0; shift < unit.length(); shift++) {
      String content = unit.repeat(6) + "가".repeat(shift) + " 레이저 " + unit.repeat(6);
      Snippet s = snippetOf(content, "레이저");
      String text = s.text();
      assertTrue(text.startsWith("…") && text.endsWith("…"), text);
      char last = text.charAt(text.length() - 2);
      char first = text.charAt(1);
      assertFalse("‘「(“『【《〈".indexOf(last) >= 0, () -> "ends on an opening quote: " + text);
      assertFalse("’」)”』】》〉".indexOf(first) >= 0, () -> "starts on a closing quote: " + text);
      assertFalse(highlighted(s).isEmpty(), text);
      // Nor shows half of one: the first mark in the window opens, the last one closes.
      String marks = text.replaceAll("[^‘’「」()]", "");
      assertFalse(
          marks.startsWith("’") || marks.startsWith("」") || marks.startsWith(")"),
          () -> "half a quotation at the start: " + text);
      assertFalse(
          marks.endsWith("‘") || marks.endsWith("「") || marks.endsWith("("),
          () -> "half a quotation at the end: " + text);
    }
  }

  @Test
  void aJapaneseWindowDoesNotStartInsideABracket() {
    // The Japanese seed's passage began "…林一号」が…", the tail of 「吉林一号」.
    String unit = "長春光機所の「吉林一号」が衛星コンステレーションとなり、";
    for (int shift = 0; shift < unit.length(); shift++) {
      String content = unit.repeat(8) + "あ".repeat(shift) + "レーザ抵抗調整機" + unit.repeat(8);
      String text = snippetOf(content, "レーザ").text();
      String marks = text.replaceAll("[^「」]", "");
      assertFalse(marks.startsWith("」") || marks.endsWith("「"), () -> "half a bracket: " + text);
    }
  }

  @Test
  void aWholeGermanQuotationKeepsItsClosingQuote() {
    // German „…“ closes with U+201C, which Unicode classes as an opening quote: a window that
    // ends right after a whole quotation must keep it.
    String unit = "Er sagte „Laserstrahl“ und ging weiter. ";
    boolean endedOnQuote = false;
    for (int shift = 0; shift < unit.length(); shift++) {
      String content = unit.repeat(8) + "Photonik " + "x".repeat(shift) + " " + unit.repeat(8);
      String text = snippetOf(content, "Photonik").text();
      endedOnQuote |= text.endsWith("“…");
      assertFalse(text.endsWith("„…"), text);
    }
    assertTrue(endedOnQuote, "some window should end right after a whole quotation");
  }

  @Test
  void windowOfUnspacedTextIsStillCutBetweenCharacters() {
    String content = "长春高新区激光产业".repeat(40) + "研究院" + "光电显示技术".repeat(40);
    Snippet s = snippetOf(content, "研究院");
    assertTrue(s.text().startsWith("…") && s.text().endsWith("…"), s.text());
    assertEquals(List.of("研究院"), highlighted(s));
  }

  @Test
  void matchNearTheEndKeepsTheEndUncut() {
    String content = "x".repeat(500) + "laser" + "yy";
    Snippet s = snippetOf(content, "laser");
    assertTrue(s.text().startsWith("…"));
    assertTrue(s.text().endsWith("laseryy"), s.text());
    assertEquals(List.of("laser"), highlighted(s));
    assertTrue(s.text().length() <= SnippetFormatter.WINDOW + 1);
  }

  @Test
  void matchNearTheStartKeepsTheStartUncut() {
    String content = "ab laser " + "y".repeat(500);
    Snippet s = snippetOf(content, "laser");
    assertTrue(s.text().startsWith("ab laser"), s.text());
    assertTrue(s.text().endsWith("…"));
    assertEquals(List.of("laser"), highlighted(s));
  }

  @Test
  void shortPassageIsNotCut() {
    String content = "a".repeat(SnippetFormatter.WINDOW - 10) + " laser";
    Snippet s = snippetOf(content, "laser");
    assertFalse(s.text().contains("…"));
    assertEquals(content, s.text());
  }

  /**
   * 605 characters, "laser" at 300, and a supplementary character starting at each of two offsets.
   */
  private static String withPairsAt(int first, int second) {
    StringBuilder sb = new StringBuilder();
    sb.append("x".repeat(first)).append("𠀋"); // U+2000B, two UTF-16 units
    sb.append("x".repeat(300 - sb.length())).append("laser");
    sb.append("y".repeat(second - sb.length())).append("😀"); // U+1F600
    sb.append("y".repeat(605 - sb.length()));
    String content = sb.toString();
    assertEquals(300, content.indexOf("laser"));
    assertEquals(605, content.length());
    return content;
  }

  @Test
  void cutNeverSplitsASurrogatePair() {
    // The window of a 605-character passage whose match starts at 300 is [240, 440) (60 before
    // the match, WINDOW in all). Put a supplementary character across, at and next to each cut.
    assertEquals(200, SnippetFormatter.WINDOW, "the offsets below assume the 200-character window");
    for (int shift = -2; shift <= 1; shift++) {
      String content = withPairsAt(240 + shift, 440 + shift);
      Snippet s = snippetOf(content, "laser");
      String where = "pairs at " + (240 + shift) + " and " + (440 + shift) + ": " + s.text();
      assertNoControlOrBrokenSurrogates(s.text());
      assertTrue(s.text().startsWith("…") && s.text().endsWith("…"), where);
      assertEquals(List.of("laser"), highlighted(s), where);
      assertTrue(s.text().length() <= SnippetFormatter.WINDOW + 2, where);
    }
    // the case that needs care: high surrogate at 239 and 439, low surrogate right at each cut
    String halves = withPairsAt(239, 439);
    assertTrue(
        Character.isLowSurrogate(halves.charAt(240))
            && Character.isLowSurrogate(halves.charAt(440)));
    Snippet s = snippetOf(halves, "laser");
    assertFalse(
        s.text().contains("𠀋") || s.text().contains("😀"),
        "half-cut characters are dropped whole: " + s.text());
    // a character starting exactly at the window start is kept whole
    Snippet kept = snippetOf(withPairsAt(240, 441), "laser");
    assertTrue(kept.text().startsWith("…𠀋"), kept.text());
  }

  @Test
  void matchAfterSupplementaryCharactersIsStillExact() {
    String content = "😀😀\n\n𠀋 laser 😀";
    Snippet s = snippetOf(content, "laser");
    assertEquals("😀😀 𠀋 laser 😀", s.text());
    assertEquals(List.of("laser"), highlighted(s));
  }

  // ---- SentenceBreaker ----------------------------------------------------------------------

  private static List<Integer> boundaries(BreakIterator it, String text) {
    it.setText(text);
    List<Integer> out = new ArrayList<>();
    for (int b = it.first(); b != BreakIterator.DONE; b = it.next()) {
      out.add(b);
    }
    return out;
  }

  @Test
  void japaneseSentenceEnds() {
    String text = "長春は寒い。しかし発展している！本当？";
    // 。 at 5, ！ at 15, ？ at 18: boundaries just after each
    assertEquals(5, text.indexOf('。'));
    assertEquals(15, text.indexOf('！'));
    assertEquals(18, text.indexOf('？'));
    assertEquals(List.of(0, 6, 16, 19), boundaries(new SentenceBreaker(), text));
  }

  @Test
  void koreanSentenceEndWithoutSpace() {
    String text = "춥다.그러나 발전한다";
    List<Integer> b = boundaries(new SentenceBreaker(), text);
    assertEquals(List.of(0, 3, text.length()), b);
    assertEquals("춥다.", text.substring(0, 3));
  }

  @Test
  void abbreviationDotBetweenLatinLettersIsNotAKoreanBoundary() {
    String text = "e.g.abc 춥다";
    List<Integer> b = boundaries(new SentenceBreaker(), text);
    assertFalse(b.contains(2) || b.contains(4), b.toString());
  }

  @Test
  void newlineIsABoundary() {
    String text = "Heading without a stop\nfirst item\nsecond item";
    List<Integer> b = boundaries(new SentenceBreaker(), text);
    assertEquals(List.of(0, 23, 34, text.length()), b);
  }

  @Test
  void followingPrecedingAndNavigation() {
    SentenceBreaker it = new SentenceBreaker();
    String text = "長春は寒い。しかし発展している！本当？";
    it.setText(text);
    assertEquals(6, it.following(0));
    assertEquals(6, it.following(5));
    assertEquals(16, it.following(6), "strictly after the offset");
    assertEquals(19, it.following(18));
    assertEquals(BreakIterator.DONE, it.following(19));
    assertEquals(6, it.preceding(16), "strictly before the offset");
    assertEquals(6, it.preceding(10));
    assertEquals(0, it.preceding(6));
    assertEquals(BreakIterator.DONE, it.preceding(0));
    assertEquals(19, it.last());
    assertEquals(16, it.previous());
    assertEquals(16, it.current());
    assertEquals(0, it.first());
    assertEquals(16, it.next(2));
    assertEquals(BreakIterator.DONE, it.next(5));
  }

  @Test
  void setTextAgainStartsOver() {
    SentenceBreaker it = new SentenceBreaker();
    assertEquals(List.of(0, 6, 16, 19), boundaries(it, "長春は寒い。しかし発展している！本当？"));
    assertEquals(List.of(0, 3, 11), boundaries(it, "춥다.그러나 발전한다"));
  }
}
