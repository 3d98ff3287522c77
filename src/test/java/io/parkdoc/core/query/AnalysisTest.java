package io.parkdoc.core.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.core.ParkdocException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link Analysis} shows of a text: terms, offsets and positions, per language and field. */
class AnalysisTest {

  private static String describe(List<Analysis.FieldTokens> fields) {
    StringBuilder b = new StringBuilder();
    for (Analysis.FieldTokens f : fields) {
      b.append(f.field()).append(':');
      for (Analysis.Token t : f.tokens()) {
        b.append(' ')
            .append(t.term())
            .append('[')
            .append(t.start())
            .append('-')
            .append(t.end())
            .append("]@")
            .append(t.position());
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static Analysis.FieldTokens field(List<Analysis.FieldTokens> fields, String name) {
    return fields.stream()
        .filter(f -> f.field().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no field " + name + " in\n" + describe(fields)));
  }

  @Test
  void koreanShowsWordsAndBigramsWithOffsets(@TempDir Path noIndex) {
    List<Analysis.FieldTokens> fields = Analysis.analyze("레이저를 가공", List.of("ko"), null);
    assertEquals(
        List.of("text_ko", "bigram_ko"),
        fields.stream().map(Analysis.FieldTokens::field).toList(),
        () -> describe(fields));
    Analysis.FieldTokens words = field(fields, "text_ko");
    assertEquals("ko", words.lang());
    assertTrue(words.analyzer().startsWith("nori"), words.analyzer());
    // 를 is a particle: dropped, leaving a gap in the positions.
    assertEquals(
        List.of("레이저", "가공"),
        words.tokens().stream().map(Analysis.Token::term).toList(),
        () -> describe(fields));
    Analysis.Token laser = words.tokens().get(0);
    assertEquals(0, laser.start(), () -> describe(fields));
    assertEquals(3, laser.end(), () -> describe(fields));
    assertEquals(0, laser.position(), () -> describe(fields));
    assertTrue(
        words.tokens().get(1).position() >= 2, () -> "a gap where 를 was\n" + describe(fields));
    assertTrue(
        laser.attributes().keySet().stream()
            .anyMatch(k -> k.toLowerCase(java.util.Locale.ROOT).contains("pos")),
        () -> "nori's part of speech among the attributes: " + laser.attributes());

    Analysis.FieldTokens bigrams = field(fields, "bigram_ko");
    assertEquals(
        List.of("레이", "이저", "저를", "가공"),
        bigrams.tokens().stream().map(Analysis.Token::term).toList(),
        () -> describe(fields));
    assertEquals(1, bigrams.tokens().get(1).start(), () -> describe(fields));
  }

  @Test
  void englishStemsAndDropsStopWords(@TempDir Path noIndex) {
    List<Analysis.FieldTokens> fields = Analysis.analyze("The lasers cutting", List.of("en"), null);
    assertEquals(1, fields.size(), () -> describe(fields));
    Analysis.FieldTokens en = fields.get(0);
    assertEquals(
        List.of("laser", "cut"),
        en.tokens().stream().map(Analysis.Token::term).toList(),
        () -> describe(fields));
    assertEquals(4, en.tokens().get(0).start(), () -> describe(fields));
    assertEquals(10, en.tokens().get(0).end(), () -> describe(fields));
    assertEquals(
        1, en.tokens().get(0).position(), () -> "'The' was position 0\n" + describe(fields));
  }

  @Test
  void zhHansAndZhHantMeanTheChineseIndex(@TempDir Path noIndex) {
    List<Analysis.FieldTokens> fields = Analysis.analyze("長春", List.of("zh-Hant", "zh-Hans"), null);
    assertEquals(
        List.of("text_zh", "bigram_zh"),
        fields.stream().map(Analysis.FieldTokens::field).toList(),
        () -> describe(fields));
  }

  @Test
  void withoutLanguagesTheScriptChoosesAsASearchWould(@TempDir Path noIndex) {
    java.util.List<String> none = null;
    assertEquals(List.of("ko", "und"), Analysis.languagesFor("레이저", List.of(), none));
    assertEquals(List.of("ja", "und"), Analysis.languagesFor("レーザー加工", List.of(), none));
    assertEquals(List.of("ja", "zh", "und"), Analysis.languagesFor("長春", List.of(), none));
  }

  @Test
  void anUnknownLanguageIsOneClearError(@TempDir Path noIndex) {
    ParkdocException e =
        assertThrows(ParkdocException.class, () -> Analysis.analyze("x", List.of("klingon"), null));
    assertTrue(e.getMessage().contains("klingon"), e.getMessage());
  }
}
