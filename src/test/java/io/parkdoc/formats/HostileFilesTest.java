package io.parkdoc.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.core.extract.DocumentExtractor;
import io.parkdoc.core.extract.ExtractLimits;
import io.parkdoc.core.extract.ExtractedDocument;
import io.parkdoc.core.extract.UnreadableDocumentException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken files, made here, each give one reason (or clean, truncated text), and the
 * worker pool goes on reading the next file. The workers run with a 256 MB heap.
 */
class HostileFilesTest {
  static final Path FIXTURES = FormatFixturesTest.FIXTURES;
  static DocumentExtractor extractor;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    extractor =
        new DocumentExtractor(
            ExtractLimits.DEFAULT
                .withWorkerHeapMb(256)
                .withMaxChars(2_000_000)
                .withTimeout(Duration.ofSeconds(120)),
            1);
  }

  @AfterAll
  static void stop() {
    extractor.close();
  }

  /** After every hostile file, the pool still reads a good one. */
  @AfterEach
  void poolStillWorks() throws Exception {
    ExtractedDocument d = extractor.extract(FIXTURES.resolve("en.docx"));
    assertTrue(d.text().contains("Set up 4 types of platforms."));
    assertTrue(extractor.workers() <= 1);
  }

  static String reason(Path file) throws IOException {
    try {
      ExtractedDocument d = extractor.extract(file);
      return "text: " + d.text().length() + " chars" + (d.truncated() ? ", truncated" : "");
    } catch (UnreadableDocumentException e) {
      return e.reason();
    }
  }

  static final String CONTENT_TYPES =
      """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
      <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
      <Default Extension="xml" ContentType="application/xml"/>
      <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
      </Types>""";
  static final String RELS =
      """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
      <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
      </Relationships>""";
  static final String W =
      "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

  /**
   * A DOCX whose word/document.xml is {@code head}, {@code body} {@code times} times, then {@code
   * tail}.
   */
  static Path docx(Path file, String head, String body, long times, String tail)
      throws IOException {
    return docx(file, head, body, times, tail, java.util.zip.Deflater.DEFAULT_COMPRESSION);
  }

  static Path docx(Path file, String head, String body, long times, String tail, int level)
      throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      zip.setLevel(level);
      zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
      zip.write(CONTENT_TYPES.getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("_rels/.rels"));
      zip.write(RELS.getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("word/document.xml"));
      zip.write(head.getBytes(StandardCharsets.UTF_8));
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      for (long i = 0; i < times; i++) {
        zip.write(b);
      }
      zip.write(tail.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return file;
  }

  @Test
  void aDocxThatInflatesToAGibibyteIsStopped() throws Exception {
    String paragraph =
        "<w:p><w:r><w:t>The same sentence again and again, to fill a gibibyte.</w:t></w:r></w:p>";
    long times = (1L << 30) / paragraph.length();
    Path bomb =
        docx(
            dir.resolve("bomb.docx"),
            "<?xml version=\"1.0\"?><w:document " + W + "><w:body>",
            paragraph,
            times,
            "</w:body></w:document>");
    assertTrue(Files.size(bomb) < 8 << 20, "the bomb is small: " + Files.size(bomb));
    String r = reason(bomb);
    assertTrue(
        r.equals("expands to far more than its size (a zip bomb?)") || r.endsWith("truncated"), r);
  }

  @Test
  void billionLaughsAreRefused() throws Exception {
    StringBuilder dtd =
        new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"");
      for (int j = 0; j < 10; j++) {
        dtd.append("&lol").append(i - 1).append(';');
      }
      dtd.append("\">");
    }
    dtd.append("]><w:document ")
        .append(W)
        .append("><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>");
    Path laughs = docx(dir.resolve("laughs.docx"), dtd.toString(), "", 0, "</w:body></w:document>");
    assertEquals("XML with entity declarations (refused)", reason(laughs));
  }

  @Test
  void tablesNestedTwentyThousandDeep() throws Exception {
    int depth = 20_000;
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><w:document " + W + "><w:body>");
    xml.append("<w:tbl><w:tr><w:tc>".repeat(depth));
    xml.append("<w:p><w:r><w:t>bottom of the tables</w:t></w:r></w:p>");
    xml.append("</w:tc></w:tr></w:tbl>".repeat(depth));
    xml.append("<w:p><w:r><w:t>after the tables</w:t></w:r></w:p></w:body></w:document>");
    // not compressed: deflated, this repetitive XML would look like a zip bomb
    Path nested =
        docx(
            dir.resolve("nested.docx"),
            xml.toString(),
            "",
            0,
            "",
            java.util.zip.Deflater.NO_COMPRESSION);
    // Tika's parser refuses XML nested over 100 levels
    assertEquals("nested too deeply", reason(nested));
  }

  @Test
  void truncatedFiles() throws Exception {
    for (String name : List.of("ko.docx", "ko.pdf", "ko.odt", "ko.epub", "ko.doc", "sheets.xlsx")) {
      byte[] whole = Files.readAllBytes(FIXTURES.resolve(name));
      Path cut =
          Files.write(dir.resolve("cut-" + name), java.util.Arrays.copyOf(whole, whole.length / 2));
      String r = reason(cut);
      // a PDF's first page may survive its second half; a ZIP without its directory may still be
      // read in part, or give nothing
      assertTrue(
          r.equals("truncated or damaged") || r.equals("no text") || r.startsWith("text: "),
          name + ": " + r);
    }
  }

  @Test
  void randomBytesUnderADocumentName() throws Exception {
    byte[] noise = new byte[100_000];
    new Random(14).nextBytes(noise);
    for (String name : List.of("noise.pdf", "noise.docx", "noise.doc")) {
      String r = reason(Files.write(dir.resolve(name), noise));
      assertTrue(
          r.equals("unrecognised content") || r.equals("truncated or damaged"), name + ": " + r);
    }
    // the right magic with noise after it
    byte[] pdf = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(pdf, 0, noise, 0, pdf.length);
    assertEquals("truncated or damaged", reason(Files.write(dir.resolve("noise2.pdf"), noise)));
  }

  @Test
  void emptyFile() throws Exception {
    assertEquals("empty file", reason(Files.write(dir.resolve("empty.docx"), new byte[0])));
  }

  @Test
  void passwordProtectedPdf() throws Exception {
    Path locked = dir.resolve("locked.pdf");
    try (PDDocument doc = Loader.loadPDF(FIXTURES.resolve("en.pdf").toFile())) {
      StandardProtectionPolicy policy =
          new StandardProtectionPolicy("owner", "secret", new AccessPermission());
      policy.setEncryptionKeyLength(128);
      doc.protect(policy);
      doc.save(locked.toFile());
    }
    assertEquals("encrypted", reason(locked));
  }

  @Test
  void aPdfEncryptedWithoutAUserPasswordStillOpens() throws Exception {
    Path open = dir.resolve("owner-only.pdf");
    try (PDDocument doc = Loader.loadPDF(FIXTURES.resolve("en.pdf").toFile())) {
      StandardProtectionPolicy policy =
          new StandardProtectionPolicy("owner", "", new AccessPermission());
      policy.setEncryptionKeyLength(256);
      doc.protect(policy);
      doc.save(open.toFile());
    }
    assertTrue(extractor.extract(open).text().contains("Set up 4 types of platforms."));
  }

  @Test
  void passwordProtectedDocx() throws Exception {
    Path locked = dir.resolve("locked.docx");
    try (POIFSFileSystem fs = new POIFSFileSystem()) {
      EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
      Encryptor encryptor = info.getEncryptor();
      encryptor.confirmPassword("secret");
      try (OutputStream os = encryptor.getDataStream(fs)) {
        Files.copy(FIXTURES.resolve("en.docx"), os);
      }
      try (OutputStream out = Files.newOutputStream(locked)) {
        fs.writeFilesystem(out);
      }
    }
    assertEquals("encrypted", reason(locked));
  }
}
