package io.parkdoc.core.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parkdoc.core.Mark;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Formats are recognised by their first bytes, whatever the name says. */
class DocumentFormatTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/formats");

  static DocumentFormat sniff(Path file, boolean images) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return DocumentFormat.sniff(in.readNBytes(DocumentFormat.HEAD), file, images);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "ko.pdf, PDF",
    "ja-vertical.pdf, PDF",
    "scan-zh.pdf, PDF",
    "ko.docx, OOXML",
    "slides.pptx, OOXML",
    "sheets.xlsx, OOXML",
    "ko-docx-named.txt, OOXML",
    "ko.odt, OPENDOCUMENT",
    "slides.odp, OPENDOCUMENT",
    "sheets.ods, OPENDOCUMENT",
    "ko.epub, EPUB",
    "ko.doc, OLE2",
    "slides.ppt, OLE2",
    "sheets.xls, OLE2",
    "ko.rtf, RTF",
  })
  void fixtures(String name, DocumentFormat expected) throws Exception {
    assertEquals(expected, sniff(FIXTURES.resolve(name), false));
  }

  @Test
  void imagesOnlyWhenAsked() throws Exception {
    assertNull(sniff(FIXTURES.resolve("scan-ko.png"), false));
    assertEquals(DocumentFormat.IMAGE, sniff(FIXTURES.resolve("scan-ko.png"), true));
  }

  @Test
  void textAndOtherBinariesAreNotDocuments() throws Exception {
    assertNull(DocumentFormat.sniff("장춘신구 과학기술".getBytes(StandardCharsets.UTF_8), null, true));
    assertNull(
        DocumentFormat.sniff(
            "<html><body>x</body></html>".getBytes(StandardCharsets.UTF_8), null, true));
    assertNull(DocumentFormat.sniff(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0}, null, true));
    assertNull(DocumentFormat.sniff(new byte[0], null, true));
    // a ZIP that is no document
    assertNull(DocumentFormat.sniff(new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0}, null, false));
  }

  @Test
  void namesPromiseFormats() {
    assertEquals(DocumentFormat.PDF, DocumentFormat.byName("Report.PDF"));
    assertEquals(DocumentFormat.OOXML, DocumentFormat.byName("a.b.docx"));
    assertNull(DocumentFormat.byName("notes.txt"));
    assertNull(DocumentFormat.byName("README"));
  }

  @Test
  void marksNameTheirPlace() {
    var marks =
        java.util.List.of(
            new Mark(Mark.Kind.PAGE, 0, "1"),
            new Mark(Mark.Kind.PAGE, 100, "2"),
            new Mark(Mark.Kind.PAGE, 100, "3"));
    assertEquals("p. 1", Mark.at(marks, 99).describe());
    assertEquals("p. 3", Mark.at(marks, 100).describe(), "an empty page gives way to the next");
    assertEquals("sheet Budget", new Mark(Mark.Kind.SHEET, 0, "Budget").describe());
    assertNull(Mark.at(java.util.List.of(new Mark(Mark.Kind.SLIDE, 5, "1")), 4));
  }
}
