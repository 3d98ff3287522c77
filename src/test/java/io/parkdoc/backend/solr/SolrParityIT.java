package io.parkdoc.backend.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.Seeds;
import io.parkdoc.backend.Backends;
import io.parkdoc.core.FullText;
import io.parkdoc.core.Hit;
import io.parkdoc.core.IndexLocation;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.IndexStatus;
import io.parkdoc.core.MatchExplanation;
import io.parkdoc.core.SearchBackend;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.SearchResults;
import io.parkdoc.core.detect.LanguageDetector;
import io.parkdoc.core.index.Indexer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same seeds indexed locally and, through the Solr backend, into a 2-shard collection of a real
 * cluster: every search gives the same hits in the same order with the same BM25 scores and the
 * same passages; a document's full text with its matches, its explanation's matched terms and
 * score, and the status agree.
 */
class SolrParityIT {
  /** A Korean page with an English paragraph (as in MixedLanguageTest). */
  static final String KOREAN_WITH_ENGLISH =
      """
      평균 편차

      평균에서 데이터 요소의 절대 편차 평균을 구합니다. 데이터 집합의 산포를 나타냅니다.

      Returns the average of the absolute deviations of data points from their mean. Displays the \
      diffusion in a data set, and the cells containing text are ignored by this function.

      이 함수는 통계 분석에 사용됩니다. 셀 범위를 인수로 지정합니다.
      """;

  /** A Japanese page with an English abstract (as in MixedLanguageTest). */
  static final String JAPANESE_WITH_ENGLISH =
      """
      レーザー加工の概要

      レーザー加工は、材料に光を集めて切断や溶接を行う技術です。精密な加工が可能になります。

      本報告では、長春の研究所で開発された新しい加工装置の性能を評価し、従来の方法と比較した結果を述べる。\
      加工速度は二倍に向上し、熱による変形も少なくなった。今後は医療機器への応用を検討する予定である。

      Laser machining focuses light onto a material in order to cut or weld it. The abstract of \
      this report is written in English for international readers of the journal.
      """;

  static final String CZECH =
      "Všichni lidé rodí se svobodní a sobě rovní co do důstojnosti a práv. Jsou nadáni rozumem a"
          + " svědomím a mají spolu jednat v duchu bratrství.";

  @TempDir static Path tmp;
  private static SearchBackend local;
  private static SearchBackend solr;

  @BeforeAll
  static void indexBoth() throws IOException {
    String where = SolrTestCluster.collection("parity_it");
    SolrAdmin admin = new SolrAdmin(new SolrHttp(SolrLocation.parse(where, null)));
    admin.delete();
    admin.init(2, 1);
    Path seeds = tmp.resolve("seeds");
    Seeds.copyTo(seeds);
    // Files in two languages each: one document per language, one hit per file.
    java.nio.file.Files.writeString(seeds.resolve("mixed-ko-en.txt"), KOREAN_WITH_ENGLISH);
    java.nio.file.Files.writeString(seeds.resolve("mixed-ja-en.txt"), JAPANESE_WITH_ENGLISH);
    // Czech, whose stop words "on" and "re" send an English question there (as in
    // RealFoldersSearchTest)
    java.nio.file.Files.writeString(seeds.resolve("udhr-cs.txt"), CZECH);
    IndexLocation localIndex = IndexLocation.of(tmp.resolve("index"));
    IndexLocation solrIndex = IndexLocation.parse(where, tmp);
    for (IndexLocation at : List.of(localIndex, solrIndex)) {
      try (Indexer indexer =
          Backends.indexer(at, IndexOptions.defaults(), new LanguageDetector())) {
        assertEquals(8, indexer.index(List.of(seeds)).added(), "seeds indexed into " + at);
      }
    }
    local = Backends.search(localIndex);
    solr = Backends.search(solrIndex);
  }

  @AfterAll
  static void close() {
    for (SearchBackend b : new SearchBackend[] {local, solr}) {
      if (b != null) {
        b.close();
      }
    }
  }

  private static String show(SearchResults r) {
    List<String> lines = new ArrayList<>();
    lines.add("total " + r.total() + (r.relaxed() ? " relaxed" : "") + " in " + r.languages());
    // the translation line, and every kept translation as --json shows them
    lines.add(r.translation() == null ? "no translation" : r.translation().summary());
    lines.add(String.valueOf(r.translation()));
    for (Hit h : r.hits()) {
      lines.add(
          h.rank()
              + " "
              + h.path()
              + " "
              + h.lang()
              + " "
              + String.format(Locale.ROOT, "%.5f", h.score())
              + " "
              + h.title());
      h.snippets().forEach(s -> lines.add("   " + s.text() + " " + s.highlights()));
    }
    return String.join("\n", lines);
  }

  /** Queries compared with translation off and on. */
  static final List<String> QUERIES =
      List.of(
          "LED",
          "technology innovation",
          "장춘 과학기술",
          "\"혁신 지역\"",
          "科学城",
          "长春 高新区",
          "長春",
          "発展",
          "innovation OR 혁신 OR 革新",
          "innov*",
          "장춘 -LED",
          "北湖未来科学城",
          "lang:en technology",
          "how does the new area build technology",
          "xyzzy plugh",
          "absolute deviations",
          "편차 평균",
          "laser machining",
          "レーザー加工",
          "lang:en data",
          "deviations OR 加工",
          // translated into the collection's other languages by default (issue 15's examples)
          "laser",
          "레이저",
          "レーザー",
          "激光",
          "technology",
          "과학기술 혁신",
          "科学 技术",
          "laser material");

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> queries() {
    return QUERIES.stream()
        .flatMap(
            q ->
                java.util.stream.Stream.of(
                    org.junit.jupiter.params.provider.Arguments.of(q, false),
                    org.junit.jupiter.params.provider.Arguments.of(q, true)));
  }

  @ParameterizedTest(name = "{0} translate={1}")
  @org.junit.jupiter.params.provider.MethodSource("queries")
  void sameHitsScoresAndPassages(String query, boolean translate) {
    SearchRequest request =
        new SearchRequest(query, Set.of(), 10, 0, 3, false).withTranslate(translate);
    assertEquals(show(local.search(request)), show(solr.search(request)), query);
  }

  /**
   * The seeds' translated queries are translated on Solr too, into the same words (chosen by the
   * collection's document counts), and find what the typed word alone does not.
   */
  @ParameterizedTest
  @ValueSource(strings = {"laser", "레이저", "レーザー", "激光"})
  void translationFindsOtherLanguages(String query) {
    SearchRequest on = new SearchRequest(query, Set.of(), 10, 0, 3, false).withTranslate(true);
    SearchResults a = local.search(on);
    SearchResults b = solr.search(on);
    assertTrue(b.translation() != null && !b.translation().isEmpty(), show(b));
    assertEquals(a.translation(), b.translation());
    assertEquals(show(a), show(b));
    SearchResults off = solr.search(new SearchRequest(query, Set.of(), 10, 0, 3, false));
    assertTrue(b.total() > off.total(), show(b) + "\n" + show(off));
    assertEquals(null, off.translation());
  }

  /** A translated hit's full text and explanation are those of the local index too. */
  @Test
  void sameFullTextAndExplanationWithTranslation() {
    SearchRequest request =
        new SearchRequest("laser", Set.of(), 10, 0, 3, false).withTranslate(true);
    for (Hit hit : local.search(request).hits()) {
      FullText a = local.fullText(request, false, hit.path());
      assertEquals(a, solr.fullText(request, false, hit.path()), hit.path());
      assertFalse(a.highlights().isEmpty(), hit.path());
      MatchExplanation x = local.explain(request, false, hit.path());
      MatchExplanation y = solr.explain(request, false, hit.path());
      assertTrue(y.matched(), hit.path());
      assertEquals(x.matches(), y.matches(), hit.path());
      assertEquals(x.score().value(), y.score().value(), 1e-5, hit.path());
    }
  }

  /**
   * A pasted paragraph of more distinct words than a query keeps (32) is reduced to its most
   * selective terms, by the collection's document frequencies as locally by the reader's (the Solr
   * backend once had none, and failed on such a query).
   */
  @Test
  void aLongPastedTextKeepsTheSameTerms() {
    String pasted =
        "Returns the average of the absolute deviations of data points from their mean and"
            + " displays the diffusion in a data set; laser machining focuses light onto a material"
            + " in order to cut or weld it, while the abstract of this report is written in English"
            + " for international readers of the journal about technology innovation, quarterly"
            + " budgets, harbour cranes, violin strings, glacier maps and orchard pruning schedules";
    SearchRequest request = new SearchRequest(pasted, Set.of(), 10, 0, 3, false);
    SearchResults a = local.search(request);
    assertTrue(a.total() > 0, show(a));
    assertEquals(show(a), show(solr.search(request)));
    Hit top = a.hits().get(0);
    assertEquals(
        local.fullText(request, false, top.path()), solr.fullText(request, false, top.path()));
    // translated too: every word's candidates counted in the collection in one request
    SearchRequest translated =
        new SearchRequest(pasted, Set.of(), 10, 0, 3, false).withTranslate(true);
    SearchResults t = local.search(translated);
    assertTrue(t.translation() != null, show(t));
    assertEquals(show(t), show(solr.search(translated)));
  }

  /**
   * A question whose stop words chose a language holding none of its words is searched again in
   * every language of its script, on Solr as locally (the Solr backend once returned nothing).
   */
  @Test
  void aQuestionSentToTheWrongLanguageIsSearchedInEveryOther() {
    SearchRequest request =
        new SearchRequest("work on laser machining re entry material", Set.of(), 10, 0, 3, false);
    io.parkdoc.core.query.QueryPlan plan = io.parkdoc.core.query.QueryPlan.of(request);
    assertEquals(List.of("cs"), plan.languagesAmong(local.languages()), "routed to Czech");
    SearchResults a = local.search(request);
    assertTrue(a.total() > 0, show(a));
    assertEquals(show(a), show(solr.search(request)));
  }

  @Test
  void samePages() {
    SearchRequest second =
        new SearchRequest("innovation OR 혁신 OR 革新 OR 发展", Set.of(), 2, 2, 1, false);
    assertEquals(show(local.search(second)), show(solr.search(second)));
    // A translated query's second page: the same hits. Not the total: "laser" matches both parts of
    // mixed-ja-en.txt (laser in English, レーザー in Japanese), and the local index, which fetched
    // only the first 4 parts, counts 7 where Solr's collapse counts the 6 files.
    SearchRequest translated =
        new SearchRequest("laser", Set.of(), 2, 2, 1, false).withTranslate(true);
    SearchResults a = local.search(translated);
    SearchResults b = solr.search(translated);
    assertEquals(2, a.hits().size(), show(a));
    assertEquals(show(a).lines().skip(1).toList(), show(b).lines().skip(1).toList());
    assertEquals(6, b.total(), show(b));
  }

  @Test
  void sameFullTextAndExplanation() {
    SearchRequest request = new SearchRequest("장춘 과학기술", Set.of(), 10, 0, 3, false);
    Hit top = local.search(request).hits().get(0);
    FullText a = local.fullText(request, false, top.path());
    FullText b = solr.fullText(request, false, top.path());
    assertEquals(a, b);
    assertFalse(a.highlights().isEmpty());
    MatchExplanation x = local.explain(request, false, top.path());
    MatchExplanation y = solr.explain(request, false, top.path());
    assertTrue(y.matched());
    assertEquals(x.matches(), y.matches());
    assertEquals(x.score().value(), y.score().value(), 1e-5);
  }

  @Test
  void sameFullTextOfAMixedFile() {
    SearchRequest request = new SearchRequest("absolute deviations", Set.of(), 10, 0, 3, false);
    Hit top = local.search(request).hits().get(0);
    assertEquals(List.of("ko", "en"), top.languages());
    assertEquals(
        local.fullText(request, false, top.path()), solr.fullText(request, false, top.path()));
    MatchExplanation x = local.explain(request, false, top.path());
    MatchExplanation y = solr.explain(request, false, top.path());
    assertEquals(x.matches(), y.matches());
    assertEquals(x.score().value(), y.score().value(), 1e-5);
  }

  @Test
  void sameStatus() {
    IndexStatus a = local.status();
    IndexStatus b = solr.status();
    assertEquals(a.documents(), b.documents());
    assertEquals(a.languages(), b.languages());
    assertEquals(a.textLanguages(), b.textLanguages());
    assertEquals(a.sourceBytes(), b.sourceBytes());
    assertEquals(local.languages(), solr.languages());
    assertEquals(2, b.cluster().size(), "one line per shard: " + b.cluster());
    assertTrue(b.cluster().get(0).contains("active"), b.cluster().toString());
  }
}
