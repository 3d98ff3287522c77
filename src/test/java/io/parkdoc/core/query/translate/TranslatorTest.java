package io.parkdoc.core.query.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TranslatorTest {
  private static final Set<String> ALL = Set.of("en", "ko", "ja", "zh");
  private final Translator translator = Translator.bundled();

  private Map<String, List<String>> one(String text, DocFrequencies df) {
    QueryTranslation t = translator.translate(text, null, ALL, df);
    assertEquals(1, t.terms().size(), () -> "one word expected in " + t);
    return t.terms().get(0).targets();
  }

  private static void has(Map<String, List<String>> targets, String lang, String expected) {
    assertTrue(
        targets.getOrDefault(lang, List.of()).contains(expected),
        () -> lang + " should hold " + expected + ": " + targets);
  }

  @Test
  void theLineShowsATranslationTwoNeighbouringWordsShareOnce() {
    QueryTranslation t =
        new QueryTranslation(
            "樞紐分析表 欄位",
            List.of(
                new QueryTranslation.Term("樞紐", "zh", Map.of("en", List.of("pivot"))),
                new QueryTranslation.Term("分析表", "zh", Map.of("en", List.of("pivot", "analysis"))),
                new QueryTranslation.Term("欄位", "zh", Map.of("en", List.of("field")))));
    assertEquals("樞紐分析表 欄位 -> pivot field (en)", t.summary());
    // Not neighbours: both stay (the line is what each word became, in order).
    QueryTranslation apart =
        new QueryTranslation(
            "a b c",
            List.of(
                new QueryTranslation.Term("a", "en", Map.of("ko", List.of("x"))),
                new QueryTranslation.Term("b", "en", Map.of("ko", List.of("y"))),
                new QueryTranslation.Term("c", "en", Map.of("ko", List.of("x")))));
    assertEquals("a b c -> x y x (ko)", apart.summary());
  }

  @Test
  void theLineShowsKoreanWordsNotNorisPiecesOfThem() {
    // Mined pairs give a compound and the pieces nori indexes it as; the line shows the word.
    QueryTranslation t =
        new QueryTranslation(
            "导航",
            List.of(
                new QueryTranslation.Term("导航", "zh", Map.of("ko", List.of("이터", "내비게이터", "비게")))));
    assertEquals("导航 -> 내비게이터 (ko)", t.summary());
    assertEquals(List.of("이터", "내비게이터", "비게"), t.into("ko").get(0), "searched as mined");
    // From the bundled lexicon: font size was shown as 꼴 크 (nori's pieces of 글꼴 크기).
    String line = translator.translate("font size", null, ALL, DocFrequencies.ANY).summary();
    assertTrue(line.contains("글꼴 크기 (ko)"), line);
    String zh = translator.translate("字体大小", "zh", Set.of("ko"), DocFrequencies.ANY).summary();
    assertEquals("字体大小 -> 글꼴 크기 (ko)", zh);
  }

  @Test
  void koreanWordsAreMinedWholeSoAPieceOfOneIsNotItsSense() {
    // 표 (table) was nori's piece of 화살표 (arrow) in the mined pairs, and arrow came first.
    assertEquals("table", one("표", DocFrequencies.ANY).get("en").get(0));
    assertEquals("arrow", one("화살표", DocFrequencies.ANY).get("en").get(0));
    // A compound noun has an entry of its own, not its first syllable's (글 -> font, header...).
    assertEquals(List.of("글꼴"), translator.terms("글꼴", "ko").stream().map(t -> t.text()).toList());
  }

  @Test
  void laserIntoEveryLanguageAndBack() {
    Map<String, List<String>> laser = one("laser", DocFrequencies.ANY);
    assertEquals("레이저", laser.get("ko").get(0));
    assertEquals("レーザー", laser.get("ja").get(0));
    assertEquals("激光", laser.get("zh").get(0));
    for (String w : List.of("레이저", "レーザー", "激光")) {
      has(one(w, DocFrequencies.ANY), "en", "laser");
    }
    has(one("레이저", DocFrequencies.ANY), "ja", "レーザー");
    has(one("레이저", DocFrequencies.ANY), "zh", "激光");
    has(one("レーザー", DocFrequencies.ANY), "ko", "레이저");
    has(one("激光", DocFrequencies.ANY), "ko", "레이저");
  }

  @Test
  void summaryLine() {
    assertEquals(
        "laser -> 레이저 (ko) · レーザー (ja) · 激光 (zh)",
        translator.translate("laser", null, ALL, DocFrequencies.ANY).summary());
    // a translation spelled as typed (長春 is Japanese too) is searched, not shown as a change
    QueryTranslation changchun = translator.translate("長春", null, ALL, DocFrequencies.ANY);
    assertEquals(List.of("長春"), changchun.into("ja").get(0).subList(0, 1), changchun::toString);
    assertFalse(changchun.summary().contains("(ja)"), changchun::summary);
    assertTrue(changchun.summary().startsWith("長春 -> "), changchun::summary);
  }

  @Test
  void sinoKoreanWordsGoThroughTheirHanSpelling() {
    Map<String, List<String>> suso = one("수소", DocFrequencies.ANY);
    has(suso, "zh", "水素".equals(suso.get("zh").get(0)) ? "水素" : "氢");
    has(suso, "ja", "水素");
    has(suso, "en", "hydrogen");
    has(one("水素", DocFrequencies.ANY), "ko", "수소");
    has(one("hydrogen", DocFrequencies.ANY), "ko", "수소");
  }

  @Test
  void traditionalSimplifiedAndShinjitaiShareOneEntry() {
    has(one("長春", DocFrequencies.ANY), "en", "changchun");
    has(one("长春", DocFrequencies.ANY), "en", "changchun");
    has(one("changchun", DocFrequencies.ANY), "zh", "长春");
    has(one("電腦", DocFrequencies.ANY), "en", "computer");
  }

  @Test
  void loanwordGuessedFromPronunciationNeedsTheIndex() {
    // clutch is in no Korean dictionary here: 클러치 is written from its pronunciation.
    assertTrue(
        translator.candidates(new Translator.SourceTerm("clutch", "en"), "ko").contains("클러치"));
    has(one("clutch", (lang, text) -> text.equals("클러치") ? 3 : 0), "ko", "클러치");
    assertFalse(one("clutch", (lang, text) -> 0).containsKey("ko"));
    has(one("클러치", DocFrequencies.ANY), "en", "clutch");
  }

  @Test
  void theIndexDecidesWhichCandidatesStay() {
    Map<String, List<String>> t =
        one("laser", (lang, text) -> text.equals("镭射") || text.equals("레이저") ? 1 : 0);
    assertEquals(List.of("镭射"), t.get("zh"));
    assertEquals(List.of("레이저"), t.get("ko"));
    assertFalse(t.containsKey("ja"));
    assertTrue(one("table", DocFrequencies.ANY).get("zh").size() <= Translator.PER_TERM);
  }

  @Test
  void wordsAreFoundPerScript() {
    assertEquals(
        List.of(
            new Translator.SourceTerm("laser", "en"), new Translator.SourceTerm("printer", "en")),
        translator.terms("the Laser printers", null));
    assertEquals(List.of(new Translator.SourceTerm("레이저", "ko")), translator.terms("레이저를", null));
    List<Translator.SourceTerm> ja = translator.terms("表計算の挿入", null);
    assertEquals(List.of("表計算", "挿入"), ja.stream().map(Translator.SourceTerm::text).toList());
    assertTrue(ja.stream().allMatch(s -> s.lang().equals("ja")));
  }

  @Test
  void aHanWordIsNeverCutIntoCharacters() {
    // 水素 is Japanese (Chinese writes 氢): read as Japanese where Chinese has no such word, never 水 +
    // 素.
    assertEquals(List.of(new Translator.SourceTerm("水素", "ja")), translator.terms("水素", null));
    assertTrue(translator.terms("氫氣", null).stream().noneMatch(s -> s.text().length() == 1));
  }

  @Test
  void englishInflectionsFindTheirDictionaryForm() {
    assertEquals("laser", translator.terms("lasers", null).get(0).text());
    assertEquals("hydrogen", translator.terms("hydrogens", null).get(0).text());
    assertEquals("categorize", translator.terms("categorized", null).get(0).text());
  }

  @Test
  void chineseAndJapaneseShareHanWords() {
    has(one("计算机", DocFrequencies.ANY), "en", "computer");
    has(
        translator.translate("電子計算機", "ja", ALL, DocFrequencies.ANY).terms().get(0).targets(),
        "zh",
        "電子計算機");
  }

  @Test
  void aHanWordIsWrittenInJapaneseAndChineseAlike() {
    // What was typed keeps its full weight in both, a Korean or kana word only in its own.
    assertEquals(
        Set.of("ja", "zh"),
        PlanTranslation.sources(translator.translate("激光", null, ALL, DocFrequencies.ANY)));
    assertEquals(
        Set.of("ja"),
        PlanTranslation.sources(translator.translate("レーザー", null, ALL, DocFrequencies.ANY)));
    assertEquals(
        Set.of("ko", "en"),
        PlanTranslation.sources(translator.translate("레이저 laser", null, ALL, DocFrequencies.ANY)));
  }

  @Test
  void onlyQueriesSearchedInTheLanguagesTranslationReadsAreTranslated() {
    List<String> index = List.of("de", "en", "es", "ja", "ko", "zh");
    java.util.function.Function<String, Set<String>> targets =
        q ->
            PlanTranslation.targets(
                io.parkdoc.core.query.QueryPlan.of(
                    new io.parkdoc.core.SearchRequest(q, Set.of(), 10, 0, 0, true, true)),
                index);
    // Questions its stop words route to Spanish or German are not English words.
    assertEquals(
        Set.of(), targets.apply("¿Cuántos puntos dejaron escapar en defensa los Panthers?"));
    assertEquals(Set.of(), targets.apply("Wie viele Punkte gab die Verteidigung der Panthers ab?"));
    assertEquals(
        Set.of("en", "ja", "ko", "zh"),
        targets.apply("How many points did the Panthers defense surrender?"));
    assertEquals(Set.of("en", "ja", "ko", "zh"), targets.apply("laser"));
  }

  @Test
  void aOneSyllableKoreanWordAloneOrBeforeAParticle() {
    // 표 (table), 찾기 (finding): LibreOffice's Korean titles are full of them.
    assertEquals(
        List.of("표", "찾"),
        translator.terms("표에서 찾기", null).stream().map(Translator.SourceTerm::text).toList());
    has(one("표", DocFrequencies.ANY), "en", "table");
    has(one("찾기", DocFrequencies.ANY), "en", "find");
    // A word the lexicon lacks, by its first syllable, as the mined pairs key it (nori's pieces).
    has(one("글꼴", DocFrequencies.ANY), "en", "font");
    has(one("날짜", DocFrequencies.ANY), "en", "date");
    // Not the common or ambiguous ones, and not a syllable out of a longer word.
    assertEquals(List.of(), translator.terms("이", null));
    assertEquals(
        List.of("수소"),
        translator.terms("수소는", null).stream().map(Translator.SourceTerm::text).toList());
  }

  private List<String> words(String text, String lang) {
    return translator.terms(text, lang).stream().map(Translator.SourceTerm::text).toList();
  }

  @Test
  void aRunIsCutIntoTheWordsThatCoverMostOfIt() {
    // Longest first took マスタード (mustard) and left メン of ドキュメント.
    assertEquals(List.of("マスター", "ドキュメント"), words("マスタードキュメント", "ja"));
    // Hiragana endings count for nothing: 複製 + する, not 複 + 製する.
    assertEquals(List.of("オブジェクト", "複製"), words("オブジェクトを複製する", "ja"));
  }

  @Test
  void oneHanCharacterBetweenKanaOrAsAPrefix() {
    assertEquals(List.of("下"), words("下へ", "ja"));
    assertEquals(List.of("左"), words("左に", "ja"));
    has(one("下へ", DocFrequencies.ANY), "en", "down");
    // A prefix stays a word (非表示 is not 表示, its opposite), unless the whole is a word.
    assertEquals(List.of("非", "表示"), words("非表示", "ja"));
    assertEquals(List.of("再", "計算"), words("再計算", "ja"));
    assertEquals(List.of("非常"), words("非常", "zh"));
    // Never one character out of a longer Han word.
    assertEquals(List.of("水素"), words("水素", "ja"));
    assertEquals(List.of("計算"), words("表計算", "zh"));
  }

  @Test
  void aCompoundWithNoTranslationIsSearchedByItsParts() {
    // 表計算's only English gloss, "spread sheet", is in no document: its part 計算 is searched.
    DocFrequencies noSpreadSheet = (lang, text) -> text.equals("spread sheet") ? 0 : 1;
    List<String> en =
        translator.translate("表計算", "ja", ALL, noSpreadSheet).terms().get(0).targets().get("en");
    List<String> part =
        translator.translate("計算", "ja", ALL, noSpreadSheet).terms().get(0).targets().get("en");
    assertEquals(part.subList(0, 2), en);
    assertFalse(one("表計算", (lang, text) -> 0).containsKey("en"));
    // Two parts: a phrase of their translations (データ + フィールド into Korean).
    List<String> whole = translator.candidates(new Translator.SourceTerm("データフィールド", "ja"), "ko");
    DocFrequencies noWhole = (lang, text) -> whole.contains(text) ? 0 : 1;
    QueryTranslation field = translator.translate("データフィールド", "ja", Set.of("ko"), noWhole);
    assertEquals(1, field.terms().size(), field::toString);
    assertEquals("데이터 필드", field.terms().get(0).targets().get("ko").get(0), field::toString);
    // The phrase's terms are its parts' stored terms: no analyzer is loaded for it.
    assertEquals(
        List.of("三角", "函数"),
        io.parkdoc.core.query.translate.Lexicon.bundled().terms("zh", "三角 函数"));
  }

  @Test
  void aTaiwanWordAlsoThroughItsMainlandSpelling() {
    // 列印 has only "print out" of its own; 打印 gives print. 函式 is a word though only the
    // variant table knows it.
    has(one("列印", DocFrequencies.ANY), "en", "print");
    assertEquals(List.of("資料庫", "函式"), words("資料庫函式", "zh"));
    has(
        translator.translate("資料庫函式", "zh", ALL, DocFrequencies.ANY).terms().get(1).targets(),
        "en",
        "function");
  }

  @Test
  void koreanFunctionWordsAreNoTranslation() {
    // Mining paired 表示 (display) with 표시, and with 수 and 있 of 표시할 수 있다.
    List<String> ko =
        translator
            .translate("表示", "ja", ALL, DocFrequencies.ANY)
            .terms()
            .get(0)
            .targets()
            .get("ko");
    assertTrue(!ko.contains("수") && !ko.contains("있"), ko::toString);
    assertTrue(ko.contains("표시"), ko::toString);
  }

  @Test
  void aHanOnlyRunIsJapaneseWhereJapaneseWordsCoverMoreOfIt() {
    // Chinese has no 表計算 and would search 計算 alone; Japanese has the whole word.
    assertEquals(List.of(new Translator.SourceTerm("表計算", "ja")), translator.terms("表計算", null));
    assertEquals(List.of(new Translator.SourceTerm("计算机", "zh")), translator.terms("计算机", null));
  }

  @Test
  void japaneseAndChineseWordsPairWithTheCompoundsTheirAnalyzersCut() {
    // Mined on the translator's words of each side, not only on the analyzers' pieces (smartcn:
    // 工作 + 表, 单元 + 格), which gave 工作表 -> ワークシート and インポート -> 汇 first.
    assertEquals("シート", one("工作表", DocFrequencies.ANY).get("ja").get(0));
    assertEquals("セル", one("单元格", DocFrequencies.ANY).get("ja").get(0));
    assertEquals("导入", one("インポート", DocFrequencies.ANY).get("zh").get(0));
  }
}
