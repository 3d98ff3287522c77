package io.parkdoc.core.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LanguageDetectorTest {
  private static final Map<String, String> SEED_LANGUAGES =
      Map.of("000", "ko", "001", "ko", "002", "ja", "003", "zh-Hans", "004", "en");

  private static final String KOREAN = "한국어 문단입니다. 오늘은 날씨가 아주 좋아서 공원에 산책을 갔습니다.";
  private static final String ENGLISH =
      "This is an English paragraph about the weather, which is lovely today in the park.";

  @Test
  void seedsHaveTheirKnownLanguages() throws IOException {
    Path seeds = Path.of("seeds");
    assumeTrue(Files.isDirectory(seeds), "seeds/ not found from " + Path.of("").toAbsolutePath());
    LanguageDetector detector = new LanguageDetector();
    List<Path> files;
    try (Stream<Path> s = Files.list(seeds)) {
      files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    assertEquals(5, files.size(), "seed files");
    for (Path file : files) {
      String expected = SEED_LANGUAGES.get(file.getFileName().toString().substring(0, 3));
      Detection d = detector.detect(Files.readString(file));
      assertEquals(expected, d.lang(), file.toString());
      assertTrue(d.confidence() > 0.5, file + " confidence " + d.confidence());
    }
  }

  @Test
  void simplifiedAndTraditionalChineseOnShortStrings() {
    LanguageDetector detector = new LanguageDetector();
    assertEquals("zh-Hans", detector.detect("这是简体中文的句子。").lang());
    assertEquals("zh-Hant", detector.detect("這是繁體中文的句子。").lang());
    assertEquals("zh-Hans", detector.detect("学习").lang());
    assertEquals("zh-Hant", detector.detect("學習").lang());
    // No character that only one of the two forms uses: the rule says Simplified.
    assertEquals("zh-Hans", detector.detect("中文").lang());
    assertEquals("ja", detector.detect("これは日本語です。").lang());
    assertEquals("ko", detector.detect("한국어").lang());
  }

  @Test
  void hanOnlyParagraphInJapaneseTextStaysJapanese() {
    String text =
        "東京都千代田区\n\n" + "これは日本語の文章です。今日はとてもいい天気ですね。\n\n" + "東京特許許可局長\n\n" + "明日も晴れるでしょう。散歩に行きましょう。";
    Detection d = new LanguageDetector().detect(text);
    assertEquals("ja", d.lang());
    assertEquals(1.0, d.confidence(), 1e-9);
    assertEquals(List.of(new Segment(0, text.length(), "ja")), d.segments());
    // On its own the same Han-only text is Chinese.
    assertEquals("zh-Hans", new LanguageDetector().detect("東京都千代田区").lang());
  }

  @Test
  void mixedKoreanAndEnglishGiveTwoSegments() {
    String text = KOREAN + "\n\n" + ENGLISH + "\n";
    Detection d = new LanguageDetector().detect(text);
    int enStart = KOREAN.length() + 2;
    assertEquals(
        List.of(
            new Segment(0, KOREAN.length(), "ko"),
            new Segment(enStart, enStart + ENGLISH.length(), "en")),
        d.segments());
    assertEquals(KOREAN, text.substring(0, d.segments().get(0).end()));
    assertTrue(d.lang().equals("ko") || d.lang().equals("en"), d.lang());
    assertTrue(d.confidence() > 0 && d.confidence() < 1, "a mixed text: " + d.confidence());
  }

  @Test
  void adjacentParagraphsOfOneLanguageMerge() {
    String text = ENGLISH + "\n\n" + ENGLISH + "\n\n" + KOREAN + "\n\n" + KOREAN;
    Detection d = new LanguageDetector().detect(text);
    assertEquals(2, d.segments().size(), d.segments().toString());
    assertEquals(new Segment(0, 2 * ENGLISH.length() + 2, "en"), d.segments().get(0));
    assertEquals("ko", d.segments().get(1).lang());
    assertEquals(text.length(), d.segments().get(1).end());
  }

  @Test
  void cjkTextDoesNotLoadTheModelButEnglishDoes() {
    LanguageDetector detector = new LanguageDetector();
    assertFalse(detector.modelLoaded());
    assertEquals("ko", detector.detect(KOREAN).lang());
    assertEquals("ja", detector.detect("これは日本語の文章です。LibreOffice を使います。").lang());
    assertEquals("zh-Hans", detector.detect("这是简体中文的句子。").lang());
    assertEquals("und", detector.detect("12345 67.89 -- 2023-12-11").lang());
    assertEquals("th", detector.detect("ภาษาไทยเป็นภาษาราชการของประเทศไทย").lang());
    assertFalse(detector.modelLoaded(), "CJK, Thai and letterless text must not need the model");
    assertEquals("en", detector.detect(ENGLISH).lang());
    assertTrue(detector.modelLoaded());
  }

  @Test
  void textWithoutLettersIsUndetermined() {
    LanguageDetector detector = new LanguageDetector();
    String numbers = "  1234567890\n\n42 3.14 ---- (2024-01-01)  ";
    Detection digits = detector.detect(numbers);
    assertEquals("und", digits.lang());
    assertEquals(0.0, digits.confidence());
    assertEquals(
        List.of(new Segment(2, numbers.stripTrailing().length(), "und")), digits.segments());
    Detection empty = detector.detect("");
    assertEquals("und", empty.lang());
    assertEquals(0.0, empty.confidence());
    assertTrue(empty.segments().isEmpty());
    assertEquals("und", detector.detect(" \n\t\n ").lang());
  }

  @Test
  void statisticalLanguagesAreMappedToIndexCodes() {
    LanguageDetector detector = new LanguageDetector();
    assertEquals(
        "de",
        detector
            .detect("Die Funktion gibt den Wert zurück, wenn die Bedingung erfüllt ist.")
            .lang());
    assertEquals(
        "fr",
        detector.detect("Cette fonction renvoie la valeur si la condition est remplie.").lang());
    assertEquals(
        "es",
        detector
            .detect("Esta función devuelve el valor si se cumple la condición indicada.")
            .lang());
    assertEquals(
        "ru", detector.detect("Эта функция возвращает значение, если условие выполнено.").lang());
    assertEquals(
        "pt",
        detector.detect("Esta função devolve o valor quando a condição não é cumprida.").lang());
    // Polish has its analyzer (stempel) since issue 17.
    assertEquals(
        "pl",
        detector
            .detect(
                "Wszyscy ludzie rodzą się wolni i równi pod względem swej godności i swych praw. "
                    + "Są oni obdarzeni rozumem i sumieniem i powinni postępować wobec innych w "
                    + "duchu braterstwa.")
            .lang());
    // Vietnamese has no analyzer: und, not a wrong neighbour.
    assertEquals(
        "und",
        detector
            .detect(
                "Tất cả mọi người sinh ra đều được tự do và bình đẳng về nhân phẩm và quyền lợi. "
                    + "Mọi con người đều được tạo hóa ban cho lý trí và lương tâm và cần phải "
                    + "đối xử với nhau trong tình bằng hữu.")
            .lang());
  }

  @Test
  void codeInsideATranslatedPageJoinsTheSurroundingLanguage() {
    String text =
        "Преобразует строчные символы в строке в заглавные.\n\n"
            + "sVar = \"Las_Vegas\"\nsResult = LCase(sVar)\n\n"
            + "Параметры: любое строковое выражение, подлежащее преобразованию.";
    Detection d = new LanguageDetector().detect(text);
    assertEquals("ru", d.lang());
    assertEquals(List.of(new Segment(0, text.length(), "ru")), d.segments());
    // Real code keeps some words ("Print", "Dim"): it may be a segment of its own, but its few
    // uncertain letters do not outvote the page.
    String basic =
        "Преобразует строчные символы в строке в заглавные.\n\n"
            + "Sub ExampleLUCase\nDim sVar As String\nsVar = \"Las Vegas\"\n"
            + "Print LCase(sVar) ' \"las vegas\"\nPrint UCase(sVar) ' \"LAS VEGAS\"\nEnd Sub\n\n"
            + "Параметры: любое строковое выражение, подлежащее преобразованию.";
    assertEquals("ru", new LanguageDetector().detect(basic).lang());
  }

  @Test
  void concurrentCallsAgree() throws Exception {
    LanguageDetector detector = new LanguageDetector();
    List<String> texts =
        List.of(KOREAN, ENGLISH, "Die Funktion gibt den Wert zurück.", "這是繁體中文的句子。");
    List<String> expected = new ArrayList<>();
    for (String t : texts) {
      expected.add(new LanguageDetector().detect(t).lang());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String t = texts.get(i % texts.size());
        results.add(pool.submit(() -> detector.detect(t).lang()));
      }
      for (int i = 0; i < results.size(); i++) {
        assertEquals(expected.get(i % texts.size()), results.get(i).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void hugeTextsAreSampled() {
    StringBuilder text = new StringBuilder();
    while (text.length() < 4_000_000) {
      text.append(ENGLISH).append("\n\n").append(KOREAN).append(' ').append(KOREAN).append("\n\n");
    }
    LanguageDetector detector = new LanguageDetector();
    detector.detect(ENGLISH); // model load is not what this test times
    long start = System.nanoTime();
    Detection d = detector.detect(text);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals("ko", d.lang());
    assertEquals("en", d.segments().get(0).lang());
    assertEquals(text.length() - 2, d.segments().get(d.segments().size() - 1).end());
    assertTrue(millis < 20_000, "4 MB took " + millis + " ms");
  }
}
