package io.parkdoc.backend.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.core.FullText;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.IndexStatus;
import io.parkdoc.core.IndexSummary;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.SearchResults;
import io.parkdoc.core.Snippet;
import io.parkdoc.core.detect.LanguageDetector;
import io.parkdoc.core.detect.LanguageParts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file whose paragraphs are in several languages is indexed in each language with that language's
 * analyzer, and found as one hit whatever part matched.
 */
class MixedLanguageTest {
  /** A Korean help page whose untranslated paragraphs are English (as in LibreOffice's help). */
  static final String KOREAN_WITH_ENGLISH =
      """
      평균 편차

      평균에서 데이터 요소의 절대 편차 평균을 구합니다. 데이터 집합의 산포를 나타냅니다.

      Returns the average of the absolute deviations of data points from their mean. Displays the \
      diffusion in a data set, and the cells containing text are ignored by this function.

      이 함수는 통계 분석에 사용됩니다. 셀 범위를 인수로 지정합니다.
      """;

  /** A Japanese page with an English abstract. */
  static final String JAPANESE_WITH_ENGLISH =
      """
      レーザー加工の概要

      レーザー加工は、材料に光を集めて切断や溶接を行う技術です。精密な加工が可能になります。

      本報告では、長春の研究所で開発された新しい加工装置の性能を評価し、従来の方法と比較した結果を述べる。      加工速度は二倍に向上し、熱による変形も少なくなった。今後は医療機器への応用を検討する予定である。

      Laser machining focuses light onto a material in order to cut or weld it. The abstract of \
      this report is written in English for international readers of the journal.
      """;

  static final String ENGLISH_ONLY =
      """
      Absolute deviation

      The deviation of a value is its distance from the mean of the values in the set.
      """;

  private static SearchResults search(LuceneSearcher s, String query, String... langs) {
    return s.search(new SearchRequest(query, Set.of(langs), 10, 0, 2, false));
  }

  private static Path write(Path dir, String name, String text) throws IOException {
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void aCountOfPartsIsNotCalledAnExactCountOfFiles(@TempDir Path tmp) throws IOException {
    Path docs = tmp.resolve("docs");
    // the mixed file matches "deviation" in its English part, and "편차" in its Korean part
    write(docs, "ko.txt", KOREAN_WITH_ENGLISH.replace("절대 편차", "절대 편차 deviation"));
    write(docs, "en.txt", ENGLISH_ONLY);
    write(docs, "en2.txt", ENGLISH_ONLY.replace("Absolute", "Standard"));
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    IndexAndSearchTest.index(layout, docs);
    try (LuceneSearcher s = LuceneSearcher.open(layout)) {
      SearchResults all = s.search(new SearchRequest("deviation", Set.of(), 10, 0, 0, false));
      assertEquals(3, all.hits().size(), "three files");
      assertEquals(3, all.total());
      assertTrue(all.totalIsExact());
      // a first page of one: the parts not fetched could be two of one file
      SearchResults first = s.search(new SearchRequest("deviation", Set.of(), 1, 0, 0, false));
      assertEquals(1, first.hits().size());
      assertTrue(
          first.total() == 3 || !first.totalIsExact(),
          first.total() + " parts said to be an exact count of files");
    }
  }

  @Test
  void eachLanguageOfAFileIsSearchableAndTheFileIsOneHit(@TempDir Path tmp) throws IOException {
    Path docs = tmp.resolve("docs");
    Path ko = write(docs, "ko.txt", KOREAN_WITH_ENGLISH);
    write(docs, "ja.txt", JAPANESE_WITH_ENGLISH);
    write(docs, "en.txt", ENGLISH_ONLY);
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    IndexSummary summary = IndexAndSearchTest.index(layout, docs);
    assertEquals(Map.of("en", 1, "ja", 1, "ko", 1), summary.languages(), "main languages");

    try (LuceneSearcher s = LuceneSearcher.open(layout)) {
      // an English sentence inside the Korean page: English analysis (deviations -> deviat)
      SearchResults english = search(s, "absolute deviations diffusion");
      assertEquals(List.of("ko.txt"), IndexAndSearchTest.names(english));
      assertEquals("ko", english.hits().get(0).lang(), "a hit shows the file's main language");
      assertEquals(List.of("ko", "en"), english.hits().get(0).languages());
      Snippet passage = english.hits().get(0).snippets().get(0);
      assertTrue(passage.text().contains("absolute deviations"), passage::text);

      // the Korean text of the same page, with nori
      assertEquals(List.of("ko.txt"), IndexAndSearchTest.names(search(s, "절대 편차")));

      // a word in both parts: one hit for the file, not one per part
      SearchResults both = search(s, "deviation OR 편차");
      assertEquals(
          2, both.hits().size(), () -> IndexAndSearchTest.names(both).toString() + " " + both);
      assertEquals(Set.of("ko.txt", "en.txt"), IndexAndSearchTest.nameSet(both));
      assertEquals(2, both.total());

      // English stop words are English stop words in a Korean page too
      assertTrue(search(s, "the of and").hits().isEmpty(), "stop words find nothing");

      // --lang and lang: find every file with text in that language
      assertEquals(
          Set.of("ko.txt", "ja.txt", "en.txt"),
          IndexAndSearchTest.nameSet(search(s, "deviation OR focuses", "en")),
          "--lang en: every file with English text");
      assertEquals(List.of("ja.txt"), IndexAndSearchTest.names(search(s, "light lang:en")));
      assertEquals(List.of("ko.txt"), IndexAndSearchTest.names(search(s, "lang:ko")));
      assertEquals(List.of("ja.txt"), IndexAndSearchTest.names(search(s, "laser machining", "en")));
      assertEquals(List.of("ja.txt"), IndexAndSearchTest.names(search(s, "レーザー")));

      // :open shows the whole file, whatever part matched
      FullText full = s.fullText(SearchRequest.of("diffusion"), false, ko.toString());
      assertEquals(KOREAN_WITH_ENGLISH, full.text());
      assertEquals("ko", full.lang());
      assertEquals(
          "diffusion",
          full.text().substring(full.highlights().get(0).start(), full.highlights().get(0).end()));

      IndexStatus status = s.status();
      assertEquals(3, status.documents(), "files, not parts");
      assertEquals(3, s.documents());
      assertEquals(Map.of("en", 1L, "ja", 1L, "ko", 1L), status.languages());
      assertEquals(Map.of("en", 3L, "ja", 1L, "ko", 1L), status.textLanguages());
    }
  }

  @Test
  void aFileWhoseLanguagesChangeLeavesNoStalePart(@TempDir Path tmp) throws IOException {
    Path docs = tmp.resolve("docs");
    Path ko = write(docs, "ko.txt", KOREAN_WITH_ENGLISH);
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    IndexAndSearchTest.index(layout, docs);

    // the English paragraph is translated: the English part goes
    Files.writeString(
        ko,
        KOREAN_WITH_ENGLISH.replaceAll("(?s)Returns.*ignored by this function\\.", "산포를 구합니다."));
    IndexSummary second = IndexAndSearchTest.index(layout, docs);
    assertEquals(1, second.updated());
    try (LuceneSearcher s = LuceneSearcher.open(layout)) {
      assertTrue(search(s, "diffusion").hits().isEmpty(), "the old English part is gone");
      assertEquals(List.of("ko.txt"), IndexAndSearchTest.names(search(s, "산포")));
      assertEquals(Map.of("ko", 1L), s.status().textLanguages());
    }

    // an unchanged re-run reads nothing again
    IndexSummary third = IndexAndSearchTest.index(layout, docs);
    assertEquals(1, third.unchanged());

    // deleted: every part goes
    Files.writeString(ko, KOREAN_WITH_ENGLISH);
    IndexAndSearchTest.index(layout, docs);
    Files.delete(ko);
    IndexSummary gone = IndexAndSearchTest.index(layout, docs);
    assertEquals(1, gone.removed());
    try (LuceneSearcher s = LuceneSearcher.open(layout)) {
      assertEquals(0, s.documents());
      assertTrue(search(s, "diffusion").hits().isEmpty());
      assertTrue(search(s, "편차").hits().isEmpty());
    }
  }

  /**
   * Re-indexing a changed English file opens the English index only for writing: not the Korean and
   * Japanese ones (an IndexWriter takes its folder's write.lock, a file Lucene creates and leaves;
   * removed after the first run, it shows which were opened), and the manifest still counts them.
   */
  @Test
  void aChangedFileOpensOnlyTheLanguagesItHasOrHad(@TempDir Path tmp) throws IOException {
    Path docs = tmp.resolve("docs");
    // Written an hour ago: a file written within two seconds of a run is read again by the next
    // (its time is not trusted), which would write its languages' indices.
    var hourAgo =
        java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
    Files.setLastModifiedTime(write(docs, "ko.txt", KOREAN_WITH_ENGLISH), hourAgo);
    Files.setLastModifiedTime(write(docs, "ja.txt", JAPANESE_WITH_ENGLISH), hourAgo);
    Path en = write(docs, "en.txt", ENGLISH_ONLY);
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    IndexAndSearchTest.index(layout, docs);
    Map<String, String> countsBefore = documentCounts(layout);
    long koGeneration = generation(layout, "ko");
    for (String lang : List.of("ko", "ja", "en")) {
      Files.delete(layout.languageDir(lang).resolve("write.lock"));
    }

    Files.writeString(en, ENGLISH_ONLY + "\nThe mean absolute deviation is seldom used.\n");
    IndexSummary second = IndexAndSearchTest.index(layout, docs);
    assertEquals(1, second.updated());
    assertTrue(Files.exists(layout.languageDir("en").resolve("write.lock")), "en written");
    assertFalse(Files.exists(layout.languageDir("ko").resolve("write.lock")), "ko not opened");
    assertFalse(Files.exists(layout.languageDir("ja").resolve("write.lock")), "ja not opened");
    assertEquals(koGeneration, generation(layout, "ko"));
    assertEquals(countsBefore, documentCounts(layout), "every language still counted");
    try (LuceneSearcher s = LuceneSearcher.open(layout)) {
      assertEquals(List.of("en.txt"), IndexAndSearchTest.names(search(s, "seldom")));
      assertEquals(List.of("ko.txt"), IndexAndSearchTest.names(search(s, "편차")));
    }
  }

  private static long generation(IndexLayout layout, String lang) throws IOException {
    try (var dir = org.apache.lucene.store.FSDirectory.open(layout.languageDir(lang))) {
      return org.apache.lucene.index.SegmentInfos.getLastCommitGeneration(dir);
    }
  }

  /** The manifest's documents per language. */
  private static Map<String, String> documentCounts(IndexLayout layout) {
    Map<String, String> counts = new java.util.TreeMap<>();
    layout
        .readManifest()
        .forEach(
            (k, v) -> {
              if (k.toString().endsWith(".documents")) {
                counts.put(k.toString(), v.toString());
              }
            });
    return counts;
  }

  @Test
  void aPartLeftByACrashIsIndexedAgain(@TempDir Path tmp) throws IOException {
    Path docs = tmp.resolve("docs");
    write(docs, "ko.txt", KOREAN_WITH_ENGLISH);
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    IndexAndSearchTest.index(layout, docs);
    // As if a crash came between the Korean and the English index's commits of an edit: the
    // English part is of the old version, the Korean of the new.
    try (LuceneStore store = LuceneStore.open(layout, false)) {
      var before = store.existing().values().iterator().next();
      assertTrue(before.intact());
      assertEquals(
          List.of("ko", "en"),
          before.indexLangs().stream().sorted((a, b) -> a.equals("ko") ? -1 : 1).toList());
    }
    try (LuceneStore store = LuceneStore.open(layout, false)) {
      var before = store.existing().values().iterator().next();
      var doc =
          new io.parkdoc.core.IndexedDocument(
              before.path(),
              "ko",
              "t",
              before.size(),
              before.mtime(),
              "another-hash",
              "UTF-8",
              List.of(new io.parkdoc.core.IndexedDocument.Part("ko", "ko", KOREAN_WITH_ENGLISH)));
      // write only the Korean part, as the first of two commits would
      store.put(doc, null);
      store.commit();
    }
    try (LuceneStore store = LuceneStore.open(layout, false)) {
      assertFalse(store.existing().values().iterator().next().intact(), "parts of two versions");
    }
    IndexSummary repaired = IndexAndSearchTest.index(layout, docs);
    assertEquals(1, repaired.updated(), "the file is indexed again");
    try (LuceneStore store = LuceneStore.open(layout, false)) {
      assertTrue(store.existing().values().iterator().next().intact());
    }
  }

  @Test
  void partsKeepOffsetsAndLayBackIntoTheText() {
    LanguageDetector detector = new LanguageDetector();
    var parts = LanguageParts.of(KOREAN_WITH_ENGLISH, detector.detect(KOREAN_WITH_ENGLISH));
    assertEquals(List.of("ko", "en"), parts.stream().map(p -> p.indexLang()).toList());
    for (var p : parts) {
      assertEquals(KOREAN_WITH_ENGLISH.length(), p.text().length(), p.indexLang());
    }
    assertFalse(
        parts.get(0).text().contains("Returns"), "the Korean part has no English paragraph");
    assertFalse(parts.get(1).text().contains("편차"), "the English part has no Korean");
    assertEquals(
        KOREAN_WITH_ENGLISH, LanguageParts.overlay(parts.stream().map(p -> p.text()).toList()));
    // one language: the text itself
    var single = LanguageParts.of(ENGLISH_ONLY, detector.detect(ENGLISH_ONLY));
    assertEquals(1, single.size());
    assertEquals(ENGLISH_ONLY, single.get(0).text());
  }

  @Test
  void aShortHeadingInAnotherLanguageIsNoPartOfItsOwn() {
    String text =
        "Super Bowl 50\n\nЗащита Пэнтерс уступила всего 308 очков, заняв шестое место в лиге, а также"
            + " лидировала в НФЛ по перехватам и похвасталась четырьмя попаданиями в Пробоул.";
    var parts = LanguageParts.of(text, new LanguageDetector().detect(text));
    assertEquals(List.of("ru"), parts.stream().map(p -> p.indexLang()).toList());
    assertEquals(text, parts.get(0).text(), "the title stays in the Russian part");
  }

  @Test
  void aForcedLanguageMakesOnePart(@TempDir Path tmp) throws IOException {
    Path docs = tmp.resolve("docs");
    write(docs, "ko.txt", KOREAN_WITH_ENGLISH);
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    IndexAndSearchTest.index(layout, new IndexOptions("ko", null, 1 << 20, 1, false), docs);
    try (LuceneSearcher s = LuceneSearcher.open(layout)) {
      assertEquals(Map.of("ko", 1L), s.status().textLanguages());
    }
  }
}
