package io.parkdoc.term;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TextLayoutTest {
  private static final String KO =
      "중국, 러시아, 벨로루시는 가까운 장래에 레이저 기술, 분말 야금, 현대 농업 분야에서 협력할 것이다. "
          + "입주한 길림과영 레이저 기술유한공사, 길림시다 전자기술유한공사, 장춘성보마 생물재료유한공사 등이 모두 빠르게 성장하고 있습니다.";
  private static final String ZH =
      "经过32年的深耕发展,长春高新区以“优化产业生态,推动高质量发展”为主线,打造以生物医药、先进装备制造、"
          + "现代服务业为主导,数字经济新赛道为战略培育的“三主一新”新型工业化体系,长春激光产业研究院";

  /** CJK Extension B characters: two columns and two UTF-16 units each. */
  private static final String SUPPLEMENTARY = "𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇𠀈𠀉𠀊𠀋𠀌𠀍𠀎𠀏𠀐𠀑𠀒𠀓";

  @Test
  void widths() {
    assertEquals(6, TextLayout.width("레이저"));
    assertEquals(3, TextLayout.width("abc"));
    assertEquals(4, TextLayout.width("激光"));
    assertEquals(0, TextLayout.width(""));
    assertEquals(
        2, TextLayout.width("𠀀"), "a supplementary Han character is one character of two columns");
  }

  @Test
  void combiningSequences() {
    assertEquals(1, TextLayout.width("e\u0301"), "e + combining acute");
    assertEquals(4, TextLayout.width("Cafe\u0301"));
    // 한 spelled with conjoining jamo: one wide leading consonant, then zero-width vowel and final.
    assertEquals(2, TextLayout.width("\u1112\u1161\u11ab"), "decomposed 한");
    assertEquals(2, TextLayout.width("한"), "precomposed 한");
  }

  /** {@code text} with every occurrence of each word in {@code match} in the match style. */
  private static AttributedString highlight(String text, String... words) {
    AttributedStringBuilder b = new AttributedStringBuilder();
    int at = 0;
    while (at < text.length()) {
      int next = -1;
      String word = null;
      for (String w : words) {
        int k = text.indexOf(w, at);
        if (k >= 0 && (next < 0 || k < next)) {
          next = k;
          word = w;
        }
      }
      if (next < 0) {
        b.append(text.substring(at));
        break;
      }
      b.append(text.substring(at, next));
      b.styled(Styles.MATCH, word);
      at = next + word.length();
    }
    return b.toAttributedString();
  }

  static Stream<Arguments> wrapCases() {
    return Stream.of(
        Arguments.of("korean", KO, 4, 20, new String[] {"레이저"}),
        Arguments.of("chinese", ZH, 4, 20, new String[] {"激光", "高质量"}),
        Arguments.of("odd width", ZH, 3, 20, new String[] {"激光"}),
        Arguments.of("korean odd", KO, 5, 20, new String[] {"레이저"}),
        Arguments.of("supplementary", SUPPLEMENTARY + SUPPLEMENTARY, 3, 20, new String[] {"𠀅𠀆"}),
        Arguments.of(
            "mixed",
            "The laser industry research institute 레이저 산업 연구원 激光产业研究院 and more words here",
            4,
            20,
            new String[] {"laser", "레이저", "激光"}),
        Arguments.of("no indent", KO, 0, 20, new String[] {"레이저"}),
        // Conjoining jamo and combining accents: a zero-width mark must stay with its base.
        Arguments.of(
            "decomposed",
            java.text.Normalizer.normalize(KO, java.text.Normalizer.Form.NFD),
            4,
            20,
            new String[] {java.text.Normalizer.normalize("레이저", java.text.Normalizer.Form.NFD)}),
        Arguments.of(
            "accents",
            "re\u0301sume\u0301 cafe\u0301 ".repeat(8).strip(),
            4,
            20,
            new String[] {"cafe\u0301"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrapCases")
  void wrapKeepsWidthCharactersAndStyles(
      String name, String text, int indent, int width, String[] words) {
    AttributedString in = highlight(text, words);
    List<AttributedString> lines = TextLayout.wrap(in, indent, width);
    String shown = lines.stream().map(l -> "|" + l + "|").collect(Collectors.joining("\n"));
    assertTrue(lines.size() > 1, () -> "the text should need several lines:\n" + shown);

    int pos = 0; // position in the input
    for (AttributedString line : lines) {
      String s = line.toString();
      assertTrue(
          TextLayout.width(s) <= width,
          () -> "line of " + TextLayout.width(s) + " columns > " + width + ":\n" + shown);
      assertTrue(
          s.startsWith(" ".repeat(indent)), () -> "indent of " + indent + " missing:\n" + shown);
      assertFalse(
          s.length() > indent && Character.isLowSurrogate(s.charAt(indent)),
          () -> "line starts inside a character:\n" + shown);
      assertFalse(
          !s.isEmpty() && Character.isHighSurrogate(s.charAt(s.length() - 1)),
          () -> "line ends inside a character:\n" + shown);
      String body = s.substring(indent);
      assertFalse(body.isEmpty(), () -> "an empty line:\n" + shown);
      assertTrue(
          TextLayout.width(body.substring(0, Character.charCount(body.codePointAt(0)))) > 0,
          () -> "line starts with a zero-width mark torn from its base:\n" + shown);
      // Spaces dropped at a break are the only text that may go missing.
      while (pos < text.length() && text.charAt(pos) == ' ' && !text.startsWith(body, pos)) {
        pos++;
      }
      final int at = pos;
      assertTrue(
          text.startsWith(body, pos),
          () -> "line '" + body + "' is not the text at " + at + ":\n" + shown);
      for (int k = 0; k < body.length(); k++) {
        AttributedStyle want = in.styleAt(pos + k);
        AttributedStyle got = line.styleAt(indent + k);
        final int kk = k;
        assertEquals(
            want,
            got,
            () -> "style of '" + body.charAt(kk) + "' at " + (at + kk) + " lost:\n" + shown);
      }
      pos += body.length();
    }
    final int end = pos;
    assertEquals(
        text.stripTrailing().length(), end, () -> "text lost after " + end + ":\n" + shown);
  }

  @ParameterizedTest(name = "width {0}")
  @org.junit.jupiter.params.provider.ValueSource(ints = {30, 41, 60}) // every word fits on a line
  void koreanBreaksBetweenWordsAsLatinDoes(int width) {
    // Korean is written with spaces between words: 디스플레|이 is as wrong as displ|ay.
    List<AttributedString> lines = TextLayout.wrap(new AttributedString(KO), 4, width);
    int pos = 0;
    for (AttributedString line : lines.subList(0, lines.size() - 1)) {
      String body = line.toString().substring(4);
      pos = KO.indexOf(body, pos) + body.length();
      final String shown = body;
      assertEquals(' ', KO.charAt(pos), () -> "a line ends inside a word: '" + shown + "'");
    }
  }

  @Test
  void highlightedCharacterKeepsItsStyleAfterWrapping() {
    AttributedString in = highlight(KO, "레이저");
    List<AttributedString> lines = TextLayout.wrap(in, 4, 20);
    int matched = 0;
    for (AttributedString line : lines) {
      String s = line.toString();
      for (int k = s.indexOf("레이저"); k >= 0; k = s.indexOf("레이저", k + 1)) {
        assertEquals(Styles.MATCH, line.styleAt(k), "style of 레이저 in '" + s + "'");
        assertEquals(Styles.MATCH, line.styleAt(k + 2), "style of 저 in '" + s + "'");
        matched++;
      }
      // Plain text stays plain.
      int plain = s.indexOf("기술");
      if (plain >= 0) {
        assertEquals(AttributedStyle.DEFAULT, line.styleAt(plain), "style of 기술 in '" + s + "'");
      }
    }
    assertEquals(2, matched, () -> "both 레이저 should survive whole on some line: " + lines);
  }

  @Test
  void breaksAtSpacesInSpacedText() {
    String text = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike";
    List<AttributedString> lines = TextLayout.wrap(new AttributedString(text), 2, 20);
    for (AttributedString line : lines) {
      String body = line.toString().substring(2);
      assertTrue(text.contains(body), () -> "'" + body + "' is not a piece of the text: " + lines);
      assertFalse(
          body.startsWith(" ") || body.endsWith(" "),
          () -> "'" + body + "' keeps a break space: " + lines);
      for (String w : body.split(" ")) {
        assertTrue(
            (" " + text + " ").contains(" " + w + " "),
            () -> "word split: '" + w + "' in " + lines);
      }
    }
  }

  @Test
  void shortTextIsOneLine() {
    List<AttributedString> lines = TextLayout.wrap(new AttributedString("레이저"), 4, 20);
    assertEquals(List.of("    레이저"), lines.stream().map(AttributedString::toString).toList());
  }

  // ---- ColorMode ----

  static Stream<Arguments> colorCases() {
    return Stream.of(
        // mode, env, terminal, expected
        Arguments.of(ColorMode.ALWAYS, Map.of(), false, true),
        Arguments.of(ColorMode.ALWAYS, Map.of("NO_COLOR", "1"), false, true),
        Arguments.of(ColorMode.ALWAYS, Map.of("TERM", "dumb"), true, true),
        Arguments.of(ColorMode.NEVER, Map.of(), true, false),
        Arguments.of(ColorMode.NEVER, Map.of("CLICOLOR_FORCE", "1"), true, false),
        Arguments.of(ColorMode.AUTO, Map.of(), true, true),
        Arguments.of(ColorMode.AUTO, Map.of(), false, false),
        Arguments.of(ColorMode.AUTO, Map.of("TERM", "xterm-256color"), true, true),
        Arguments.of(ColorMode.AUTO, Map.of("TERM", "dumb"), true, false),
        Arguments.of(ColorMode.AUTO, Map.of("NO_COLOR", "1"), true, false),
        Arguments.of(ColorMode.AUTO, Map.of("NO_COLOR", ""), true, true),
        Arguments.of(ColorMode.AUTO, Map.of("CLICOLOR_FORCE", "1"), false, true),
        Arguments.of(ColorMode.AUTO, Map.of("CLICOLOR_FORCE", "yes"), false, true),
        Arguments.of(ColorMode.AUTO, Map.of("CLICOLOR_FORCE", "0"), false, false),
        Arguments.of(ColorMode.AUTO, Map.of("CLICOLOR_FORCE", ""), false, false),
        Arguments.of(ColorMode.AUTO, Map.of("CLICOLOR_FORCE", "1", "TERM", "dumb"), false, true),
        Arguments.of(ColorMode.AUTO, Map.of("NO_COLOR", "1", "CLICOLOR_FORCE", "1"), false, false),
        Arguments.of(ColorMode.AUTO, Map.of("NO_COLOR", "1", "CLICOLOR_FORCE", "1"), true, false));
  }

  @ParameterizedTest(name = "{0} {1} terminal={2} -> {3}")
  @MethodSource("colorCases")
  void colorModeTruthTable(
      ColorMode mode, Map<String, String> env, boolean terminal, boolean expected) {
    assertEquals(
        expected,
        mode.enabled(new HashMap<>(env), terminal),
        () -> mode + " " + env + " terminal=" + terminal);
  }

  @Test
  void noLineStartsWithAClosingMark() {
    // 20 columns of text, then the full stop: the break moves back one character.
    String ja = "あいうえおかきくけこ。さしすせそ";
    List<String> lines =
        TextLayout.wrap(new AttributedString(ja), 0, 20).stream()
            .map(AttributedString::toString)
            .toList();
    assertEquals(List.of("あいうえおかきくけ", "こ。さしすせそ"), lines, "。 kept with the character before it");
    for (String line :
        TextLayout.wrap(new AttributedString(ZH + ZH), 2, 30).stream()
            .map(AttributedString::toString)
            .toList()) {
      assertFalse(
          line.strip().startsWith("，")
              || line.strip().startsWith("、")
              || line.strip().startsWith("”"),
          line);
      assertFalse(line.endsWith("“"), line);
    }
  }

  @Test
  void fitLeftKeepsTheEndOfAPath() {
    String path = "/tmp/parkdoc-bench-1544/libreoffice-help/ko/text_shared_02_12070000.txt";
    assertEquals(path, TextLayout.fitLeft(path, 200));
    String fitted = TextLayout.fitLeft(path, 40);
    assertTrue(TextLayout.width(fitted) <= 40, fitted);
    assertEquals("…/ko/text_shared_02_12070000.txt", fitted, "cut at a slash");
    assertEquals("…레이저.txt", TextLayout.fitLeft("/문서/레이저.txt", 11), "by columns, not characters");
  }
}
