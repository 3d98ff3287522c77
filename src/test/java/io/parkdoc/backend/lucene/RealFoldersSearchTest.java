package io.parkdoc.backend.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.core.Hit;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.SearchResults;
import io.parkdoc.core.Snippet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user tripped over on real folders (issue 17, part B), on a small folder of documents
 * written like the ones that showed each problem: long pasted queries, questions that found nothing
 * although their words are there, highlights of words the query does not have, and a compound the
 * Japanese analyzer cannot split.
 */
class RealFoldersSearchTest {
  @TempDir static Path tmp;
  private static LuceneSearcher searcher;

  private static final Map<String, String> DOCS =
      Map.ofEntries(
          // cranfield-like English
          Map.entry(
              "cranfield-82.txt",
              "An analysis of the small oscillation of vehicles during re-entry is given.\n"
                  + "The re-entry motions are damped at high altitude."),
          Map.entry("other-en.txt", "Heat transfer in laminar boundary layers of a flat plate."),
          // Czech, whose stop words "on" and "re" the English question above uses
          Map.entry(
              "udhr-cs.txt",
              "Všichni lidé rodí se svobodní a sobě rovní co do důstojnosti a práv. Jsou nadáni"
                  + " rozumem a svědomím a mají spolu jednat v duchu bratrství."),
          // cmrc2018-like Simplified Chinese
          Map.entry("ocw.txt", "MIT OpenCourseWare是由麻省理工学院在2002年创始的一项计划。它的目标是将所有课程的教材上网。"),
          // jsquad-like Japanese
          Map.entry("maine.txt", "メイン州 [SEP] 行政府は議会で成立した法を執行する責任があり、メイン州知事が首長である。州知事は4年間任期で選ばれる。"),
          Map.entry(
              "jis.txt", "日本語の国定標準文字はJIS X 0208で定められている。\n" + "日本語向けなど、ISO-2022 をベースにした文字コードがある。"),
          Map.entry("jikken.txt", "実験の結果を報告する。研究室では毎日実験を行っている。"),
          // Traditional Chinese statute and compound
          Map.entry("statute.txt", "第十條　本細則自發布日施行。\n本法依照有關規定辦理，各機關應遵守。"),
          Map.entry("kangaroo.txt", "袋鼠實驗室位於澳洲，研究袋鼠的生態與行為。"),
          // Simplified Chinese with a substring only bigrams find
          Map.entry("kexuecheng.txt", "北湖未来科学城的建设正在加快，吸引了许多激光企业。"),
          // Korean
          Map.entry("laser-ko.txt", "레이저를 이용한 정밀한 금속 가공 기술은 빠르게 발전하고 있다."));

  @BeforeAll
  static void index() throws IOException {
    Path docs = tmp.resolve("docs");
    Files.createDirectories(docs);
    for (Map.Entry<String, String> d : DOCS.entrySet()) {
      Files.writeString(docs.resolve(d.getKey()), d.getValue() + "\n", StandardCharsets.UTF_8);
    }
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    IndexAndSearchTest.index(layout, docs);
    searcher = LuceneSearcher.open(layout);
  }

  @AfterAll
  static void close() {
    if (searcher != null) {
      searcher.close();
    }
  }

  private static SearchResults search(String q) {
    return searcher.search(new SearchRequest(q, Set.of(), 10, 0, 2, true));
  }

  private static List<String> files(SearchResults r) {
    return r.hits().stream().map(h -> Path.of(h.path()).getFileName().toString()).toList();
  }

  // ---- long queries ---------------------------------------------------------------------------

  @Test
  void aPastedChineseParagraphIsSearchedForItsMostSelectiveTerms() {
    // 2,000 distinct Han characters and words: far more clauses than Lucene takes whole.
    StringBuilder q = new StringBuilder();
    for (int i = 0; q.length() < 2000; i++) {
      q.appendCodePoint(0x4E00 + (i * 7) % 20000);
      if (i % 40 == 39) {
        q.append('，');
      }
    }
    q.append("袋鼠實驗室。");
    SearchResults r = search(q.toString());
    assertTrue(files(r).contains("kangaroo.txt"), files(r).toString());
  }

  @Test
  void aWordRepeatedManyTimesIsOneWord() {
    for (int times : new int[] {700, 1100}) {
      SearchResults r = search("레이저 ".repeat(times).strip());
      assertEquals(List.of("laser-ko.txt"), files(r));
    }
  }

  @Test
  void aLongEnglishPasteFindsTheDocumentOfItsRareWords() {
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      q.append("word").append(Integer.toString(i, 36)).append(' ');
    }
    q.append("oscillation re-entry");
    SearchResults r = search(q.toString());
    assertEquals("cranfield-82.txt", files(r).get(0));
  }

  @Test
  void manyExclusionsAreAClearErrorNotAnInternalOne() {
    StringBuilder q = new StringBuilder("oscillation");
    for (int i = 0; i < 3000; i++) {
      q.append(" -x").append(Integer.toString(i, 36));
    }
    io.parkdoc.core.ParkdocException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.parkdoc.core.ParkdocException.class, () -> search(q.toString()));
    assertTrue(e.getMessage().contains("too complex"), e.getMessage());
  }

  // ---- queries that found nothing although their words are there ------------------------------

  @Test
  void anEnglishQuestionIsNotSentToAStopWordGuessThatIsNotIndexed() {
    // "on" and "re" are Czech stop words; no Czech document is indexed.
    SearchResults r = search("work on small oscillation re entry motions");
    assertEquals("cranfield-82.txt", files(r).get(0));
  }

  @Test
  void aQuestionItsStopWordsSendToALanguageWithoutItsWordsIsSearchedInEveryOther() {
    assertTrue(searcher.languages().contains("cs"), searcher.languages().toString());
    // the stop words say Czech, which is indexed now but holds none of the words
    SearchResults r = search("work on small oscillation re entry motions");
    assertEquals("cranfield-82.txt", files(r).get(0));
  }

  @Test
  void aChineseQuestionAboutALatinNameIsChinese() {
    SearchResults r = search("OpenCourseWare 指什么？");
    assertEquals("ocw.txt", files(r).get(0));
  }

  @Test
  void aShortJapaneseQueryFallsBackToItsWords() {
    SearchResults r = search("メイン州知事任期は");
    assertEquals(List.of("maine.txt"), files(r));
    assertTrue(r.relaxed(), "a partial match");
  }

  // ---- a compound the Japanese analyzer cannot split ------------------------------------------

  @Test
  void aShortChineseCompoundIsAWordInJapaneseToo() {
    // kuromoji cuts 袋鼠實驗室 into five characters; 実 and 験 alone must not match jikken.txt.
    SearchResults r = search("袋鼠實驗室");
    assertEquals(List.of("kangaroo.txt"), files(r));
    assertFalse(r.relaxed());
  }

  @Test
  void aPartialMatchOfAShortCompoundHoldsWholeWordsOnly() {
    SearchResults r = search("袋鼠研究所");
    assertTrue(r.relaxed(), "no document has the whole word");
    assertEquals(List.of("kangaroo.txt"), files(r), "袋鼠, never 研 or 究 alone");
  }

  // ---- highlights: only the query's words -----------------------------------------------------

  private static void assertOnlyQueryWords(String query, String file, Set<String> expected) {
    SearchResults r = search(query);
    assertTrue(files(r).contains(file), query + ": " + files(r));
    Hit hit = r.hits().get(files(r).indexOf(file));
    // touching spans joined (smartcn's 北 + 湖 of 北湖), as a reader sees them
    List<String> got = IndexAndSearchTest.highlightedTexts(hit);
    assertFalse(got.isEmpty(), query + ": nothing highlighted in " + hit.snippets());
    assertEquals(
        expected,
        Set.copyOf(got),
        query
            + ": highlights "
            + got
            + " in "
            + hit.snippets().stream().map(Snippet::text).toList());
  }

  @Test
  void japaneseHighlightsAreTheQuerysWords() {
    assertOnlyQueryWords("日本語の文字", "jis.txt", Set.of("日本語", "文字"));
  }

  @Test
  void traditionalChineseHighlightsAreTheQuerysWords() {
    // smartcn, on text folded to Simplified: 施行 and 細則 apart, never 細則自發布日施行 whole
    assertOnlyQueryWords("個人資料保護法施行細則", "statute.txt", Set.of("細則", "施行"));
  }

  @Test
  void simplifiedChineseQuestionHighlightsAreTheQuerysWords() {
    assertOnlyQueryWords("北湖的激光企业是什么？", "kexuecheng.txt", Set.of("北湖", "激光企业"));
  }

  @Test
  void koreanHighlightsAreTheQuerysWords() {
    // nori: 레이저 and 가공 near each other rank higher, and are painted apart
    assertOnlyQueryWords("레이저 가공 기술은 무엇인가?", "laser-ko.txt", Set.of("레이저", "가공", "기술"));
  }

  @Test
  void aBigramMatchHighlightsTheSubstringItself() {
    assertOnlyQueryWords("科学城", "kexuecheng.txt", Set.of("科学城"));
  }
}
