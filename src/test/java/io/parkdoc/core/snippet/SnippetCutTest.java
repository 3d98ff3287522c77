package io.parkdoc.core.snippet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.core.Snippet;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where passages and their windows are cut (issue 17): only between whole characters as a reader
 * sees them (Thai vowels stay with their consonant), between words in Korean, and never at a line
 * wrapped inside a Chinese or Japanese sentence.
 */
class SnippetCutTest {
  private static Snippet snippetOf(String content, String word) {
    int s = content.indexOf(word);
    assertTrue(s >= 0, word);
    return SnippetFormatter.snippet(
        content, 0, content.length(), new int[] {s}, new int[] {s + word.length()});
  }

  private static List<String> highlighted(Snippet s) {
    List<String> out = new ArrayList<>();
    for (Snippet.Span span : s.highlights()) {
      out.add(s.text().substring(span.start(), span.end()));
    }
    return out;
  }

  private static boolean isMark(char c) {
    int t = Character.getType(c);
    return t == Character.NON_SPACING_MARK
        || t == Character.COMBINING_SPACING_MARK
        || t == Character.ENCLOSING_MARK;
  }

  /** The shown text between the ellipses. */
  private static String inner(Snippet s) {
    String t = s.text();
    return t.substring(t.startsWith("…") ? 1 : 0, t.endsWith("…") ? t.length() - 1 : t.length());
  }

  @Test
  void aThaiWindowNeverStartsOrEndsInsideACharacter() {
    // Thai without spaces: every cut falls somewhere in a run of consonants, vowels and tone marks.
    String thai = "สิทธิมนุษยชนขั้นพื้นฐานของทุกคนที่เกิดมามีอิสระและเสมอภาคกันในศักดิ์ศรี";
    // The window starts a fixed number of columns before the match: move the text under the cut.
    for (int shift = 0; shift < thai.length(); shift++) {
      String content = thai.repeat(6) + thai.substring(0, shift) + "เลเซอร์" + thai.repeat(6);
      Snippet s = snippetOf(content, "เลเซอร์");
      String in = inner(s);
      assertTrue(s.text().startsWith("…") && s.text().endsWith("…"), s.text());
      assertFalse(isMark(in.charAt(0)), "starts with a mark: " + s.text());
      int at = content.indexOf(in);
      assertTrue(at > 0, "the shown text is the document's");
      int after = at + in.length();
      assertFalse(
          after < content.length() && isMark(content.charAt(after)),
          "ends before a mark of its last character: " + s.text());
      assertEquals(List.of("เลเซอร์"), highlighted(s));
    }
  }

  @Test
  void aKoreanWindowStartsAtAWordNotAfterAQuotationMark() {
    // the seeds' hit 2 of 레이저 started "…를 구축하고", inside 밸리’를
    String sentence = "장춘시는 ‘광학 밸리’를 구축하고 광전 디스플레이 산업을 키운다. ";
    // The window starts a fixed number of columns before the match: move the text under the cut.
    for (int shift = 0; shift < sentence.length(); shift++) {
      String content =
          sentence.repeat(3)
              + sentence.substring(shift).stripLeading()
              + "레이저 연구원 설립. "
              + sentence.repeat(4);
      Snippet s = snippetOf(content, "레이저");
      String in = inner(s);
      int at = content.indexOf(in);
      assertTrue(at > 0, s.text());
      assertTrue(
          Character.isWhitespace(content.charAt(at - 1)),
          "window starts inside a word: " + s.text());
      int end = at + in.length();
      assertTrue(
          end == content.length() || Character.isWhitespace(content.charAt(end)),
          "window ends inside a word: " + s.text());
    }
  }

  @Test
  void aLineWrappedInsideAJapaneseWordIsNoSentenceBoundary() {
    String text = "表示するフォ\nントサイズまでの設定です。次の\n文は別です。\n\n見出し\nLatin line";
    List<Integer> b = boundaries(text);
    int wrap = text.indexOf('ン');
    assertFalse(b.contains(wrap), "boundary inside フォントサイズ: " + b);
    assertFalse(b.contains(text.indexOf("文は")), "boundary inside 次の文: " + b);
    assertTrue(b.contains(text.indexOf("次の")), "after 。: " + b);
    assertTrue(b.contains(text.indexOf("見出し")), "a blank line still ends a paragraph: " + b);
    assertTrue(b.contains(text.indexOf("Latin")), "a line of other text still starts anew: " + b);
  }

  @Test
  void aLineWrappedInsideAChineseStatuteIsNoSentenceBoundary() {
    String text = "第一條　為保障商\n標權及消費者利益，\n  特制定本法。\n第二條　本法施行。";
    List<Integer> b = boundaries(text);
    assertFalse(b.contains(text.indexOf("標權")), b.toString());
    assertFalse(b.contains(text.indexOf("特制定")), "after 、， and an indent: " + b);
    assertTrue(b.contains(text.indexOf("第二條")), b.toString());
  }

  @Test
  void joinedCjkLinesHaveNoSpaceBetweenTwoHanCharacters() {
    String content = "為保障商\n標權及消費者利益，\n  特制定本法。 English\nwords stay apart.";
    Snippet s = snippetOf(content, "標權");
    assertEquals("為保障商標權及消費者利益，特制定本法。 English words stay apart.", s.text());
    assertEquals(List.of("標權"), highlighted(s));
  }

  @Test
  void aLatinLineBreakIsStillABoundary() {
    String text = "Heading without a stop\nfirst item\nsecond item";
    assertEquals(List.of(0, 23, 34, text.length()), boundaries(text));
  }

  private static List<Integer> boundaries(String text) {
    BreakIterator it = new SentenceBreaker();
    it.setText(text);
    List<Integer> out = new ArrayList<>();
    for (int b = it.first(); b != BreakIterator.DONE; b = it.next()) {
      out.add(b);
    }
    return out;
  }
}
