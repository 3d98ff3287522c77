package io.parkdoc.backend.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.core.Hit;
import io.parkdoc.core.MatchExplanation;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.SearchResults;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Query translation on the seeds (000, 001 Korean, 002 Japanese, 003 Simplified Chinese, 004
 * English), every one of which mentions lasers: 레이저, レーザ, 激光, laser.
 */
class TranslatedSearchTest {
  @TempDir static Path shared;
  private static LuceneSearcher seeds;

  @BeforeAll
  static void indexSeeds() throws IOException {
    Path docs = shared.resolve("docs");
    IndexAndSearchTest.copySeeds(docs);
    IndexLayout layout = new IndexLayout(shared.resolve("index"));
    IndexAndSearchTest.index(layout, docs);
    seeds = LuceneSearcher.open(layout);
  }

  @AfterAll
  static void close() {
    seeds.close();
  }

  private static SearchResults search(String q, boolean translate, Set<String> langs) {
    return seeds.search(new SearchRequest(q, langs, 10, 0, 1, false, translate));
  }

  @Test
  void laserInAnyOfTheFourLanguagesFindsEverySeed() {
    Set<String> all = Set.of("000", "001", "002", "003", "004");
    for (String q : List.of("laser", "레이저", "レーザー", "激光")) {
      SearchResults r = search(q, true, Set.of());
      assertEquals(all, IndexAndSearchTest.nameSet(r), q + ": " + IndexAndSearchTest.names(r));
      assertNotNull(r.translation(), q);
      assertTrue(r.translation().summary().startsWith(q + " -> "), r.translation().summary());
    }
    assertEquals(
        "laser -> 레이저 (ko) · レーザー (ja) · 激光 (zh)",
        search("laser", true, Set.of()).translation().summary());
  }

  @Test
  void withoutTranslationOnlyWhatWasTyped() {
    assertEquals(List.of("004"), IndexAndSearchTest.names(search("laser", false, Set.of())));
    for (String q : List.of("laser", "레이저", "激光", "长春", "high-tech zone", "水素", "\"光电\" -laser")) {
      SearchResults off = search(q, false, Set.of());
      SearchResults today = seeds.search(new SearchRequest(q, Set.of(), 10, 0, 1, false));
      assertNull(off.translation(), q);
      assertEquals(IndexAndSearchTest.names(today), IndexAndSearchTest.names(off), q);
      assertEquals(
          today.hits().stream().map(Hit::score).toList(),
          off.hits().stream().map(Hit::score).toList(),
          q);
    }
  }

  @Test
  void ownLanguageHitsKeepTheirOrder() {
    for (String q : List.of("laser", "레이저", "レーザー", "장춘", "激光")) {
      List<String> before = IndexAndSearchTest.names(search(q, false, Set.of()));
      List<String> after = IndexAndSearchTest.names(search(q, true, Set.of()));
      assertEquals(before, after.stream().filter(before::contains).toList(), q);
    }
  }

  @Test
  void theSeedInTheQuerysOwnLanguageComesFirst() {
    // Every seed holds its word about as often: the one in the typed language ranks first, the
    // translated matches after it (QueryBuilder.TRANSLATED_FACTOR; at factor 1 laser ranked the
    // English seed 4th of 5, レーザー the Japanese one 3rd).
    Map<String, Set<String>> own =
        Map.of(
            "laser", Set.of("004"),
            "레이저", Set.of("000", "001"),
            "レーザー", Set.of("002"),
            "激光", Set.of("003"),
            "lasers", Set.of("004"));
    own.forEach(
        (q, seeds) -> {
          List<String> names = IndexAndSearchTest.names(search(q, true, Set.of()));
          assertEquals(5, names.size(), q + ": " + names);
          assertTrue(seeds.contains(names.get(0)), q + ": " + names);
        });
  }

  @Test
  void aTwoWordQueryRanksTheSeedInItsOwnLanguageFirstToo() {
    // The near clause (TranslatedWords.near) adds up to 3 to a translated page holding the words
    // side by side, but no more than the words' idf: in five documents (idf 0.29) a fixed 3 ranked
    // the Japanese and Chinese seeds above the English one, which holds "technological
    // innovation".
    List<String> names = IndexAndSearchTest.names(search("technology innovation", true, Set.of()));
    assertEquals("004", names.get(0), names.toString());
    assertTrue(names.containsAll(List.of("002", "003")), "found by translation: " + names);
  }

  @Test
  void aWordOfTheTargetLanguageItselfIsRequiredThereAsTyped() {
    // 科学技术 is read as Japanese (the Chinese lexicon lacks it), 创新 as Chinese. In Chinese, the
    // translated clause requires 科学技术's translation and 创新 as typed: before, it required the
    // translation (技术) alone, and ranked the Chinese seed below the Japanese one; in Japanese it
    // requires 科学技术 as
    // typed (its character pairs: kuromoji cuts 科学技术 otherwise than 科学技術) beside 创新's
    // translation, and the Japanese seed, which writes 科学技術革新, is still found.
    SearchRequest request = new SearchRequest("科学技术 创新", Set.of(), 10, 0, 1, false, true);
    SearchResults r = seeds.search(request);
    List<String> names = IndexAndSearchTest.names(r);
    assertEquals(List.of("003", "002"), names);
    Hit chinese = r.hits().get(0);
    MatchExplanation e = seeds.explain(request, false, chinese.path());
    List<String> zh =
        e.matches().stream()
            .filter(m -> m.field().equals("text_zh") || m.field().equals("bigram_zh"))
            .flatMap(m -> m.texts().stream())
            .toList();
    assertTrue(zh.stream().anyMatch(t -> t.contains("创新")), "创新 not among " + zh);
  }

  @Test
  void everyWordOfAShortQueryIsTranslated() {
    SearchResults r = search("technology innovation", true, Set.of());
    assertNotNull(r.translation(), IndexAndSearchTest.names(r).toString());
    assertTrue(r.translation().into("zh").size() == 2, r.translation().toString());
    assertTrue(
        IndexAndSearchTest.nameSet(r).contains("003"), IndexAndSearchTest.names(r).toString());
  }

  @Test
  void explainShowsTheTranslatedTermsThatMatchedAndTheScoreOfTheHit() {
    SearchRequest request =
        new SearchRequest("technology innovation", Set.of(), 10, 0, 1, false, true);
    SearchResults r = seeds.search(request);
    Hit chinese =
        r.hits().stream()
            .filter(h -> Path.of(h.path()).getFileName().toString().startsWith("003"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(IndexAndSearchTest.names(r).toString()));
    MatchExplanation e = seeds.explain(request, false, chinese.path());
    assertTrue(e.matched(), e.toString());
    assertEquals(
        chinese.score(), e.score().value(), 1e-4, "the explained score is the hit's score");
    List<String> zh =
        e.matches().stream()
            .filter(m -> m.field().equals("text_zh"))
            .flatMap(m -> m.texts().stream())
            .toList();
    for (String word : r.translation().into("zh").stream().map(List::getFirst).toList()) {
      assertTrue(zh.stream().anyMatch(t -> t.contains(word)), word + " not among " + zh);
    }
  }

  @Test
  void langKoreanFindsKoreanDocumentsForAnEnglishWord() {
    SearchResults r = search("laser", true, Set.of("ko"));
    assertEquals(new TreeSet<>(List.of("000", "001")), IndexAndSearchTest.nameSet(r));
  }

  @Test
  void translationsNeverMatchPiecesOfAWord() {
    // 수소 (hydrogen) -> 水素 / 氢: no seed has hydrogen, so no hit may come from 水 or 素 alone.
    for (String q : List.of("수소", "hydrogen", "水素")) {
      SearchResults r = search(q, true, Set.of());
      for (Hit h : r.hits()) {
        for (String t : IndexAndSearchTest.highlightedTexts(h)) {
          assertTrue(
              t.length() > 1 || !"水素氢".contains(t),
              q + " matched a piece: " + t + " in " + h.path());
        }
      }
    }
  }

  @Test
  void exclusionsAndFiltersAreSearchedAsTyped() {
    assertNull(search("laser -technology", true, Set.of()).translation());
    assertNull(search("\"laser industry\"", true, Set.of()).translation());
    assertNull(search("laser lang:en", true, Set.of()).translation());
  }
}
