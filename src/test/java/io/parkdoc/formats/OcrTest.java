package io.parkdoc.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.parkdoc.core.Mark;
import io.parkdoc.core.extract.DocumentExtractor;
import io.parkdoc.core.extract.ExtractLimits;
import io.parkdoc.core.extract.ExtractedDocument;
import io.parkdoc.core.extract.Tesseract;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scans read with tesseract (skipped, saying why, where it or its Korean and Chinese data are not
 * installed: Debian's tesseract-ocr, tesseract-ocr-kor, tesseract-ocr-chi-sim).
 */
class OcrTest {
  static final Path FIXTURES = FormatFixturesTest.FIXTURES;

  static List<String> languages() {
    Tesseract.Setup setup = Tesseract.check("tesseract");
    assumeTrue(
        setup.languages().containsAll(List.of("kor", "chi_sim")),
        "OCR test skipped: "
            + (setup.problem() == null ? "no Korean or Chinese OCR data" : setup.problem()));
    return setup.languages();
  }

  static DocumentExtractor extractor(List<String> languages) {
    return new DocumentExtractor(
        ExtractLimits.DEFAULT.withOcr(languages).withTimeout(Duration.ofMinutes(5)), 1);
  }

  @Test
  void aKoreanScanIsReadInKorean() throws Exception {
    try (DocumentExtractor x = extractor(languages())) {
      ExtractedDocument d = x.extract(FIXTURES.resolve("scan-ko.png"));
      assertEquals("image/png", d.mediaType());
      assertTrue(d.text().contains("국가과학기술의 자립자강과 사회주의"), d.text());
      assertTrue(d.text().contains("관리 강화 등 8 대 과제를 대대적으로"), d.text());
    }
  }

  @Test
  void aChinesePdfWithoutTextIsReadPageByPage() throws Exception {
    try (DocumentExtractor x = extractor(languages())) {
      ExtractedDocument d = x.extract(FIXTURES.resolve("scan-zh.pdf"));
      assertEquals("application/pdf", d.mediaType());
      assertEquals(List.of("p. 1"), d.marks().stream().map(Mark::describe).toList());
      // tesseract's spaces between Han characters are gone, as in a PDF's text layer
      assertTrue(d.text().contains("长春高新区以“优化产业生态"), d.text());
      assertTrue(d.text().contains("深耕发展"), d.text());
    }
  }

  @Test
  void withoutOcrAScanIsSkippedWithItsReason() throws Exception {
    try (DocumentExtractor x = new DocumentExtractor(ExtractLimits.DEFAULT, 1)) {
      var e =
          org.junit.jupiter.api.Assertions.assertThrows(
              io.parkdoc.core.extract.UnreadableDocumentException.class,
              () -> x.extract(FIXTURES.resolve("scan-ko.png")));
      assertEquals("an image; --ocr reads scans", e.reason());
    }
  }

  @Test
  void aMissingTesseractIsOneClearLine() {
    Tesseract.Setup setup = Tesseract.check("/nonexistent/tesseract");
    assertTrue(setup.languages().isEmpty());
    assertEquals(
        "--ocr: tesseract is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-kor "
            + "tesseract-ocr-jpn tesseract-ocr-chi-sim tesseract-ocr-chi-tra tesseract-ocr-eng); scans are skipped",
        setup.problem());
  }

  @Test
  void installedLanguagesAreListed() {
    List<String> langs = languages();
    Tesseract.Setup setup = Tesseract.check("tesseract");
    assertTrue(langs.getFirst().equals("kor"), langs.toString());
    if (langs.containsAll(List.of("kor", "jpn", "chi_sim", "chi_tra", "eng"))) {
      assertNull(setup.problem());
    }
  }
}
