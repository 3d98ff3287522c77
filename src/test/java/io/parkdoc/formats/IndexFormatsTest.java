package io.parkdoc.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.backend.Backends;
import io.parkdoc.backend.lucene.IndexLayout;
import io.parkdoc.backend.lucene.LuceneSearcher;
import io.parkdoc.core.FullText;
import io.parkdoc.core.Hit;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.IndexSummary;
import io.parkdoc.core.Mark;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.Snippet;
import io.parkdoc.core.detect.LanguageDetector;
import io.parkdoc.core.index.Indexer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parkdoc index} over a folder of the document fixtures and a few broken files: every
 * readable document is found by a sentence from it, a PDF hit names its page, a sheet hit its
 * sheet, the rest is skipped with its reason, and a second run reads nothing again.
 */
class IndexFormatsTest {
  @TempDir static Path dir;
  static Path folder;
  static IndexLayout layout;
  static IndexSummary first;
  static LuceneSearcher searcher;

  static IndexSummary index() {
    try (Indexer indexer =
        Backends.indexer(layout, IndexOptions.defaults().withThreads(2), new LanguageDetector())) {
      return indexer.index(List.of(folder));
    }
  }

  @BeforeAll
  static void indexFixtures() throws IOException {
    folder = Files.createDirectories(dir.resolve("docs"));
    try (Stream<Path> s = Files.list(FormatFixturesTest.FIXTURES)) {
      for (Path p : s.toList()) {
        Files.copy(p, folder.resolve(p.getFileName()));
      }
    }
    byte[] pdf = Files.readAllBytes(folder.resolve("ko.pdf"));
    Files.write(
        folder.resolve("broken.docx"),
        java.util.Arrays.copyOf(Files.readAllBytes(folder.resolve("en.docx")), 3000));
    Files.write(folder.resolve("empty.pdf"), new byte[0]);
    Files.writeString(
        folder.resolve("notes.txt"), "A plain text file about the Changchun laser industry.\n");
    layout = new IndexLayout(dir.resolve("index"));
    first = index();
    searcher = LuceneSearcher.open(layout);
    assertTrue(pdf.length > 0);
  }

  @AfterAll
  static void close() {
    searcher.close();
  }

  static Map<String, String> skipped(IndexSummary s) {
    return s.skipped().stream()
        .collect(
            Collectors.toMap(
                k -> Path.of(k.path()).getFileName().toString(), IndexSummary.Skipped::reason));
  }

  @Test
  void everyReadableDocumentIsIndexedAndTheRestSkippedWithItsReason() {
    Map<String, String> skipped = skipped(first);
    assertEquals(
        "no text layer; --ocr reads scans", skipped.get("scan-zh.pdf"), skipped.toString());
    assertEquals("binary content", skipped.get("scan-ko.png"), skipped.toString());
    assertEquals("truncated or damaged", skipped.get("broken.docx"), skipped.toString());
    assertEquals("empty", skipped.get("empty.pdf"), skipped.toString());
    assertEquals(4, skipped.size(), skipped.toString());
    // 24 per-language documents, the vertical PDF, 3 slides, 3 sheets, the misnamed DOCX, notes.txt
    assertEquals(33, first.added(), first.toString());
    assertFalse(first.hadErrors());
  }

  static List<String> found(String query) {
    return searcher.search(new SearchRequest(query, Set.of(), 50, 0, 2, false)).hits().stream()
        .map(h -> Path.of(h.path()).getFileName().toString())
        .toList();
  }

  @Test
  void aSentenceFindsEachFormat() {
    List<String> ko = found("\"광전 디스플레이 기술 연구원\"");
    for (String ext : List.of("docx", "doc", "odt", "rtf", "epub", "pdf")) {
      assertTrue(ko.contains("ko." + ext), ext + " " + ko);
    }
    assertTrue(ko.contains("ko-docx-named.txt"), ko.toString());
    List<String> ja = found("北湖未来科学都市");
    for (String ext : List.of("docx", "doc", "odt", "rtf", "epub", "pdf")) {
      assertTrue(ja.contains("ja." + ext), ext + " " + ja);
    }
    assertTrue(ja.contains("ja-vertical.pdf"), ja.toString());
    List<String> zh = found("长春药谷");
    for (String ext : List.of("docx", "doc", "odt", "rtf", "epub", "pdf")) {
      assertTrue(zh.contains("zh." + ext), ext + " " + zh);
    }
    List<String> notes = found("\"Set up 4 types of platforms\"");
    for (String name :
        List.of(
            "slides.pptx",
            "slides.ppt",
            "slides.odp",
            "sheets.xlsx",
            "sheets.xls",
            "sheets.ods",
            "en.pdf")) {
      assertTrue(notes.contains(name), name + " " + notes);
    }
  }

  static Hit hit(String query, String name) {
    return searcher.search(new SearchRequest(query, Set.of(), 50, 0, 2, false)).hits().stream()
        .filter(h -> h.path().endsWith("/" + name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not found by " + query));
  }

  @Test
  void hitsNameTheirPageSlideOrSheet() {
    assertEquals("p. 2", hit("\"데이터 베이스를 구축하며\"", "ko.pdf").snippets().getFirst().where());
    assertEquals(
        "slide 3",
        hit("\"Set up 4 types of platforms\"", "slides.pptx").snippets().getFirst().where());
    assertEquals(
        "sheet English",
        hit("\"Set up 4 types of platforms\"", "sheets.xlsx").snippets().getFirst().where());
    Snippet plain = hit("\"광전 디스플레이 기술 연구원\"", "ko.docx").snippets().getFirst();
    assertEquals(null, plain.where());
    assertEquals("장춘신구, ‘과학기술 혁신 지역’ 건설 촉진", hit("\"광전 디스플레이 기술 연구원\"", "ko.pdf").title());
  }

  @Test
  void theWholeTextKeepsItsPageMarks() {
    Hit h = hit("\"데이터 베이스를 구축하며\"", "ko.pdf");
    FullText t = searcher.fullText(SearchRequest.of("데이터"), false, h.path());
    assertEquals(List.of("p. 1", "p. 2"), t.marks().stream().map(Mark::describe).toList());
  }

  @Test
  void aSecondRunReadsNothingAgain() {
    IndexSummary again = index();
    assertEquals(0, again.added() + again.updated(), again.toString());
    assertEquals(33, again.unchanged(), again.toString());
    assertEquals(skipped(first), skipped(again));
  }

  @Test
  void aDocumentCutAtTheCharacterLimitIsSaidSo() throws IOException {
    Path one = Files.createDirectories(dir.resolve("one"));
    Files.copy(FormatFixturesTest.FIXTURES.resolve("ko.pdf"), one.resolve("ko.pdf"));
    IndexSummary s;
    try (Indexer indexer =
        Indexer.open(
            Backends.store(io.parkdoc.core.IndexLocation.of(dir.resolve("index-cut")), false),
            IndexOptions.defaults().withThreads(1),
            new LanguageDetector(),
            new io.parkdoc.core.extract.FormatExtractor(
                io.parkdoc.core.extract.ExtractLimits.DEFAULT.withMaxChars(500), 1))) {
      s = indexer.index(List.of(one));
    }
    assertEquals(1, s.added(), s.toString());
    assertEquals(List.of(one.resolve("ko.pdf").toString()), s.truncated());
    assertEquals(List.of(), first.truncated());
  }
}
