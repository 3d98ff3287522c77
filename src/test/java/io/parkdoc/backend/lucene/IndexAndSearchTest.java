package io.parkdoc.backend.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.Seeds;
import io.parkdoc.backend.Backends;
import io.parkdoc.core.Hit;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.IndexStatus;
import io.parkdoc.core.IndexSummary;
import io.parkdoc.core.ParkdocException;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.SearchResults;
import io.parkdoc.core.Snippet;
import io.parkdoc.core.analysis.AnalyzersTest;
import io.parkdoc.core.analysis.Fields;
import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.detect.LanguageDetector;
import io.parkdoc.core.index.Indexer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: index a copy of seeds/ (000, 001 Korean, 002 Japanese, 003 Simplified Chinese, 004
 * English) and search it.
 */
public class IndexAndSearchTest {
  private static final Path SEEDS = Path.of("seeds");

  @TempDir static Path shared;

  private static Path seedCopy;
  private static IndexLayout seedLayout;
  private static IndexSummary seedSummary;
  private static LuceneSearcher seeds;

  // ---- helpers ------------------------------------------------------------------------------

  static List<Path> copySeeds(Path dest) throws IOException {
    return Seeds.copyTo(dest);
  }

  public static IndexSummary index(IndexLayout layout, IndexOptions options, Path folder) {
    try (Indexer indexer = Backends.indexer(layout, options, new LanguageDetector())) {
      return indexer.index(List.of(folder));
    }
  }

  public static IndexSummary index(IndexLayout layout, Path folder) {
    return index(layout, IndexOptions.defaults(), folder);
  }

  /** The seed number (000 .. 004) of each hit, or the file name of a non-seed file. */
  static List<String> names(SearchResults r) {
    return r.hits().stream()
        .map(
            h -> {
              String name = Path.of(h.path()).getFileName().toString();
              return name.matches("\\d{3}_.*") ? name.substring(0, 3) : name;
            })
        .toList();
  }

  static Set<String> nameSet(SearchResults r) {
    return new TreeSet<>(names(r));
  }

  /**
   * The highlighted texts of a hit, adjacent spans joined: a phrase of two single-character terms
   * (水 素) may come as two touching spans that together cover the word.
   */
  static List<String> highlightedTexts(Hit h) {
    List<String> out = new ArrayList<>();
    for (Snippet s : h.snippets()) {
      int start = -1;
      int end = -1;
      for (Snippet.Span span : s.highlights()) {
        assertTrue(
            span.start() >= end && span.start() < span.end() && span.end() <= s.text().length(),
            "spans ascending, not overlapping, inside the text: " + s);
        if (span.start() == end) {
          end = span.end();
          continue;
        }
        if (start >= 0) {
          out.add(s.text().substring(start, end));
        }
        start = span.start();
        end = span.end();
      }
      if (start >= 0) {
        out.add(s.text().substring(start, end));
      }
    }
    return out;
  }

  /**
   * Every hit has a snippet, something is highlighted, and each highlight is {@code word} (ignoring
   * case).
   */
  static void assertHighlights(SearchResults r, String word) {
    assertFalse(r.hits().isEmpty(), "no hits");
    for (Hit h : r.hits()) {
      List<String> texts = highlightedTexts(h);
      assertFalse(h.snippets().isEmpty(), "no snippet for " + h.path());
      assertFalse(texts.isEmpty(), "nothing highlighted in " + h.snippets());
      for (String t : texts) {
        assertTrue(
            t.equalsIgnoreCase(word),
            "highlight '" + t + "' is not '" + word + "' in " + h.path() + ": " + h.snippets());
      }
    }
  }

  @BeforeAll
  static void indexSeeds() throws IOException {
    seedCopy = shared.resolve("docs");
    copySeeds(seedCopy);
    seedLayout = new IndexLayout(shared.resolve("index"));
    seedSummary = index(seedLayout, seedCopy);
    seeds = LuceneSearcher.open(seedLayout);
  }

  @AfterAll
  static void closeSearcher() {
    if (seeds != null) {
      seeds.close();
    }
  }

  // ---- the seeds ----------------------------------------------------------------------------

  @Test
  void seedsAreIndexedUnderTheirLanguages() {
    assertEquals(5, seedSummary.added());
    assertEquals(0, seedSummary.updated());
    assertTrue(seedSummary.skipped().isEmpty(), seedSummary.skipped().toString());
    assertEquals(Map.of("ko", 2, "ja", 1, "zh-Hans", 1, "en", 1), seedSummary.languages());
    assertEquals(5, seeds.documents());
    IndexStatus status = seeds.status();
    assertEquals(5, status.documents());
    assertEquals(Map.of("ko", 2L, "ja", 1L, "zh-Hans", 1L, "en", 1L), status.languages());
    assertEquals(List.of("ko", "ja", "zh", "en"), seeds.languages());
  }

  @Test
  void koreanWordFindsBothKoreanSeeds() {
    SearchResults r = seeds.search(SearchRequest.of("레이저"));
    assertEquals(Set.of("000", "001"), nameSet(r));
    assertEquals(2, r.hits().size());
    assertFalse(r.relaxed());
    assertTrue(r.hits().stream().allMatch(h -> h.lang().equals("ko")));
    assertHighlights(r, "레이저");
  }

  @Test
  void japaneseWordFindsTheJapaneseSeed() {
    SearchResults r = seeds.search(SearchRequest.of("レーザ"));
    assertEquals(List.of("002"), names(r));
    assertEquals("ja", r.hits().get(0).lang());
    assertHighlights(r, "レーザ");
  }

  @Test
  void chineseWordFindsTheChineseSeed() {
    SearchResults r = seeds.search(SearchRequest.of("激光"));
    assertEquals(List.of("003"), names(r));
    assertEquals("zh-Hans", r.hits().get(0).lang());
    assertHighlights(r, "激光");
  }

  @Test
  void englishWordFindsTheEnglishSeed() {
    SearchResults r = seeds.search(SearchRequest.of("laser"));
    assertEquals(List.of("004"), names(r));
    assertEquals("en", r.hits().get(0).lang());
    assertHighlights(r, "laser");
  }

  @Test
  void traditionalFormFindsChineseByFoldingAndJapanese() {
    // 長春 is how Japanese (and Traditional Chinese) write Changchun; the Chinese seed has only 长春
    SearchResults r = seeds.search(SearchRequest.of("長春"));
    assertEquals(Set.of("002", "003"), nameSet(r));
    for (Hit h : r.hits()) {
      String expected = h.lang().equals("ja") ? "長春" : "长春";
      List<String> texts = highlightedTexts(h);
      assertTrue(texts.contains(expected), h.lang() + " highlights " + texts);
    }
  }

  @Test
  void languagesOfTheRequestRestrictTheSearch() {
    // AI is written in Latin letters in the Korean 001, Japanese, Chinese and English seeds alike
    SearchResults all = seeds.search(SearchRequest.of("AI"));
    assertTrue(nameSet(all).containsAll(Set.of("001", "002", "003", "004")), names(all).toString());
    SearchResults en = seeds.search(new SearchRequest("AI", Set.of("en"), 10, 0, 2, false));
    assertEquals(List.of("004"), names(en));
    assertEquals(List.of("en"), en.languages());
  }

  @Test
  void langFilterInTheQueryRestricts() {
    SearchResults ko = seeds.search(SearchRequest.of("lang:ko AI"));
    assertEquals(List.of("001"), names(ko));
    SearchResults en = seeds.search(SearchRequest.of("lang:en AI"));
    assertEquals(List.of("004"), names(en));
    SearchResults koLaser = seeds.search(SearchRequest.of("lang:ko 레이저"));
    assertEquals(Set.of("000", "001"), nameSet(koLaser));
  }

  @Test
  void filterStillRestrictsWhenNothingMatchesIt() {
    // No Japanese document has 레이저: the answer is nothing. (The relaxed retry must not turn
    // the filter into an optional clause that matches every Japanese document on its own.)
    SearchResults jaLaser = seeds.search(SearchRequest.of("lang:ja 레이저"));
    assertTrue(jaLaser.hits().isEmpty(), names(jaLaser).toString());
  }

  @Test
  void filterRestrictsARelaxedQuery() {
    // no document has both words, so the query is relaxed; the path filter must still hold
    SearchResults r = seeds.search(SearchRequest.of("path:001_ 레이저 qwzxjvk"));
    assertEquals(List.of("001"), names(r));
  }

  @Test
  void filterRestrictsANaturalQuery() {
    // four words make natural text, whose words are ORed; the filter must still be required
    SearchResults r = seeds.search(SearchRequest.of("path:000_ 레이저 가공 기술 연구"));
    assertEquals(List.of("000"), names(r));
    SearchResults en = seeds.search(SearchRequest.of("lang:en 레이저 가공 기술 연구"));
    assertTrue(en.hits().isEmpty(), "no English document has these Korean words: " + names(en));
  }

  @Test
  void pathFilterRestricts() {
    // path:000_ matches *000_* in the absolute path: only the file name can hold it (the temp
    // folders are junit<digits> and docs), where path:000 might also match the random digits
    SearchResults r = seeds.search(SearchRequest.of("레이저 path:000_"));
    assertEquals(List.of("000"), names(r));
    assertHighlights(r, "레이저");
  }

  @Test
  void shortQueryWithAnUnmatchedWordIsRelaxed() {
    // no document has both words; the English seed has laser
    SearchResults r = seeds.search(SearchRequest.of("laser qwzxjvk"));
    assertTrue(r.relaxed());
    assertEquals(List.of("004"), names(r));
    assertHighlights(r, "laser");
    // and a query every word of which matches is not relaxed
    assertFalse(seeds.search(SearchRequest.of("laser industry")).relaxed());
  }

  @Test
  void malformedQueryFailsUnlessLenient() {
    assertThrows(ParkdocException.class, () -> seeds.search(SearchRequest.of("(laser")));
    SearchResults r = seeds.search(new SearchRequest("(laser", Set.of(), 10, 0, 2, true));
    assertFalse(r.hits().isEmpty(), "lenient '(laser' is searched as plain words");
  }

  // ---- precision of a word smartcn splits ---------------------------------------------------

  @Test
  void splitWordMatchesOnlyWhole(@TempDir Path tmp) throws IOException {
    String with = "氢能源和水素燃料电池。";
    // both 水 and 素 occur as terms in the decoy, just not together
    String decoy = "维生素和蛋白质很重要。水很重要，素也很重要。素水。";
    try (Analyzer zh = Languages.newAnalyzer("zh")) {
      List<String> q =
          AnalyzersTest.tokens(zh, Fields.text("zh"), "水素").stream()
              .map(AnalyzersTest.Tok::term)
              .toList();
      assertEquals(List.of("水", "素"), q, "the premise: smartcn splits 水素");
      List<String> d =
          AnalyzersTest.tokens(zh, Fields.text("zh"), decoy).stream()
              .map(AnalyzersTest.Tok::term)
              .toList();
      assertTrue(
          d.contains("水") && d.contains("素"),
          "the premise: the decoy holds 水 and 素 as terms: " + d);
    }
    Path docs = Files.createDirectories(tmp.resolve("docs"));
    Files.writeString(docs.resolve("hydrogen.txt"), with);
    Files.writeString(docs.resolve("vitamin.txt"), decoy);
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    IndexSummary summary =
        index(
            layout,
            new IndexOptions("zh-Hans", null, IndexOptions.DEFAULT_MAX_BYTES, 1, false),
            docs);
    assertEquals(2, summary.added());
    try (LuceneSearcher s = LuceneSearcher.open(layout)) {
      SearchResults r = s.search(SearchRequest.of("水素"));
      assertEquals(List.of("hydrogen.txt"), names(r));
      assertFalse(r.relaxed());
      assertHighlights(r, "水素");
      // the single character still finds both
      assertEquals(Set.of("hydrogen.txt", "vitamin.txt"), nameSet(s.search(SearchRequest.of("素"))));
    }
  }

  // ---- incremental indexing -----------------------------------------------------------------

  @Test
  void indexingTheSameFolderTwiceChangesNothing(@TempDir Path tmp) throws IOException {
    Path docs = tmp.resolve("docs");
    copySeeds(docs);
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    IndexSummary first = index(layout, docs);
    assertEquals(5, first.added());
    IndexSummary second = index(layout, docs);
    assertEquals(0, second.added());
    assertEquals(0, second.updated());
    assertEquals(5, second.unchanged());
    assertEquals(0, second.removed());
    try (LuceneSearcher s = LuceneSearcher.open(layout)) {
      assertEquals(5, s.documents());
      assertEquals(5, s.status().documents());
      assertEquals(
          List.of("000", "001"),
          names(s.search(SearchRequest.of("레이저"))).stream().sorted().toList());
    }
  }

  @Test
  void changedDeletedAndRelanguagedFiles(@TempDir Path tmp) throws IOException {
    Path docs = tmp.resolve("docs");
    List<Path> files = copySeeds(docs);
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    assertEquals(5, index(layout, docs).added());

    // 1. new content (a different size, so the change is seen whatever the clock's resolution)
    Path english = files.get(4);
    String changed =
        Files.readString(english)
            + "\nThe plant also makes photonic zirconqubit sensors for export.\n";
    Files.writeString(english, changed);
    IndexSummary update = index(layout, docs);
    assertEquals(1, update.updated());
    assertEquals(0, update.added());
    assertEquals(4, update.unchanged());
    try (LuceneSearcher s = LuceneSearcher.open(layout)) {
      SearchResults r = s.search(SearchRequest.of("zirconqubit"));
      assertEquals(List.of("004"), names(r));
      assertHighlights(r, "zirconqubit");
      assertEquals(5, s.documents());
    }

    // 2. a deleted file is removed
    Files.delete(files.get(1));
    IndexSummary removal = index(layout, docs);
    assertEquals(1, removal.removed());
    assertEquals(4, removal.unchanged());
    try (LuceneSearcher s = LuceneSearcher.open(layout)) {
      assertEquals(4, s.documents());
      assertEquals(List.of("000"), names(s.search(SearchRequest.of("레이저"))));
    }

    // 3. the English file becomes Korean: it moves from the en index to the ko index
    Files.copy(files.get(0), english, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    IndexSummary moved = index(layout, docs);
    assertEquals(1, moved.updated());
    assertEquals(Map.of("ko", 1), moved.languages());
    try (LuceneSearcher s = LuceneSearcher.open(layout)) {
      assertEquals(4, s.documents(), "no duplicate");
      assertEquals(Map.of("ko", 2L, "ja", 1L, "zh-Hans", 1L), s.status().languages());
      SearchResults laser = s.search(SearchRequest.of("레이저"));
      assertEquals(List.of("000", "004"), names(laser).stream().sorted().toList());
      assertTrue(laser.hits().stream().allMatch(h -> h.lang().equals("ko")));
      assertTrue(
          s.search(SearchRequest.of("zirconqubit")).hits().isEmpty(),
          "the old English text is gone");
      assertTrue(
          s.search(new SearchRequest("Changchun", Set.of("en"), 10, 0, 2, false)).hits().isEmpty());
    }
  }

  @Test
  void matchFarIntoALongDocumentIsFoundAndHighlighted(@TempDir Path tmp) throws IOException {
    StringBuilder sb = new StringBuilder();
    String[] filler = {
      "The city council met on Tuesday to discuss the new park. ",
      "Residents asked for more trees and a quieter road. ",
      "The budget for the coming year was approved without changes. "
    };
    for (int i = 0; sb.length() < 12_000; i++) {
      sb.append(filler[i % filler.length]);
    }
    int at = sb.length();
    sb.append(
        "Finally the engineers demonstrated the Quorvendal beam splitter. The meeting ended.\n");
    assertTrue(at > 10_000);
    Path docs = Files.createDirectories(tmp.resolve("docs"));
    Files.writeString(docs.resolve("long.txt"), sb);
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    assertEquals(1, index(layout, docs).added());
    try (LuceneSearcher s = LuceneSearcher.open(layout)) {
      SearchResults r = s.search(SearchRequest.of("quorvendal"));
      assertEquals(List.of("long.txt"), names(r));
      assertHighlights(r, "Quorvendal");
    }
  }

  // ---- what is skipped, and failures --------------------------------------------------------

  @Test
  void binaryAndEmptyFilesAreSkippedWithReasons(@TempDir Path tmp) throws IOException {
    Path docs = tmp.resolve("docs");
    copySeeds(docs);
    byte[] binary = new byte[256];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) i; // NULs and every other byte
    }
    Files.write(docs.resolve("image.bin"), binary);
    Files.write(docs.resolve("nul.txt"), "text\0with a NUL".getBytes(StandardCharsets.UTF_8));
    Files.write(docs.resolve("empty.txt"), new byte[0]);
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    IndexSummary summary = index(layout, docs);
    assertEquals(5, summary.added());
    Map<String, IndexSummary.Skipped> skipped =
        summary.skipped().stream()
            .collect(Collectors.toMap(k -> Path.of(k.path()).getFileName().toString(), k -> k));
    assertEquals(Set.of("image.bin", "nul.txt", "empty.txt"), skipped.keySet());
    assertEquals("binary content", skipped.get("image.bin").reason());
    assertEquals("binary content", skipped.get("nul.txt").reason());
    assertEquals("empty", skipped.get("empty.txt").reason());
    assertTrue(skipped.values().stream().noneMatch(IndexSummary.Skipped::error));
    assertFalse(summary.hadErrors());
    try (LuceneSearcher s = LuceneSearcher.open(layout)) {
      assertEquals(5, s.documents());
    }
  }

  @Test
  void secondIndexerOnTheSameIndexFails(@TempDir Path tmp) {
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    try (Indexer first =
        Backends.indexer(layout, IndexOptions.defaults(), new LanguageDetector())) {
      ParkdocException e =
          assertThrows(
              ParkdocException.class,
              () ->
                  Backends.indexer(
                          new IndexLayout(tmp.resolve("index")),
                          IndexOptions.defaults(),
                          new LanguageDetector())
                      .close());
      assertTrue(e.getMessage().contains("another parkdoc is indexing"), e.getMessage());
      assertEquals(0, first.progress().files());
    }
    // released on close: a new indexer may open it
    try (Indexer again =
        Backends.indexer(layout, IndexOptions.defaults(), new LanguageDetector())) {
      assertEquals(0, again.progress().files());
    }
  }

  @Test
  void searcherOnAnEmptyFolderSaysHowToCreateAnIndex(@TempDir Path tmp) {
    ParkdocException e =
        assertThrows(ParkdocException.class, () -> LuceneSearcher.open(new IndexLayout(tmp)));
    assertTrue(e.getMessage().contains("parkdoc index"), e.getMessage());
  }

  @Test
  void missingFolderIsAnError(@TempDir Path tmp) {
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    ParkdocException e =
        assertThrows(ParkdocException.class, () -> index(layout, tmp.resolve("nope")));
    assertTrue(e.getMessage().contains("no such file or folder"), e.getMessage());
  }
}
