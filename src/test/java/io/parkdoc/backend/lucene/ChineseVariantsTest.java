package io.parkdoc.backend.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.SearchResults;
import io.parkdoc.core.query.translate.Lexicon;
import io.parkdoc.core.query.translate.Translator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Chinese word is also searched as the other standard writes it (Mainland 信息 / 对象 / 宏, Taiwan 資訊
 * / 物件 / 巨集; OpenCC's tables and pairs mined from the LibreOffice help, 向导 / 精靈), with translation
 * on; the page holding the typed word comes first.
 */
class ChineseVariantsTest {
  @TempDir static Path dir;
  private static LuceneSearcher searcher;

  @BeforeAll
  static void index() throws IOException {
    Path docs = dir.resolve("docs");
    Files.createDirectories(docs);
    Files.writeString(docs.resolve("tw-info.txt"), "本頁說明如何在對話方塊中檢視檔案的資訊與屬性，以及相關的設定。\n");
    Files.writeString(docs.resolve("tw-macro.txt"), "使用巨集可以自動執行重複的工作，例如格式化儲存格。\n");
    Files.writeString(docs.resolve("cn-info.txt"), "本页说明如何在对话框中查看文件的信息与属性，以及相关的设置。\n");
    Files.writeString(docs.resolve("cn-object.txt"), "这里介绍如何在程序中使用对象，并调用它的方法。\n");
    Files.writeString(docs.resolve("tw-wizard.txt"), "開啟精靈，依照步驟完成試算表的版面配置。\n");
    IndexLayout layout = new IndexLayout(dir.resolve("index"));
    IndexAndSearchTest.index(layout, docs);
    searcher = LuceneSearcher.open(layout);
  }

  @AfterAll
  static void close() {
    searcher.close();
  }

  private static SearchResults search(String q, boolean translate) {
    return searcher.search(new SearchRequest(q, Set.of(), 10, 0, 1, false, translate));
  }

  @Test
  void theTableHoldsBothDirections() {
    assertEquals(List.of("資訊"), Lexicon.bundled().chineseVariants("信息"));
    assertEquals(List.of("信息"), Lexicon.bundled().chineseVariants("資訊"));
    assertTrue(Lexicon.bundled().chineseVariants("巨集").contains("宏"));
    assertEquals(List.of("雷射"), Lexicon.bundled().chineseVariants("激光")); // laser, in Taiwan
    assertEquals(List.of(), Lexicon.bundled().chineseVariants("长春"));
  }

  @Test
  void theMinedPairsHoldBothDirections() {
    // Mined from the LibreOffice help (zh-variants-mined.tsv); OpenCC's tables have none of these.
    assertEquals(List.of("精靈"), Lexicon.bundled().chineseVariants("向导")); // wizard
    assertEquals(List.of("向导"), Lexicon.bundled().chineseVariants("精靈"));
    assertEquals(List.of("試算表"), Lexicon.bundled().chineseVariants("工作表")); // spreadsheet
    assertEquals(List.of("工作表"), Lexicon.bundled().chineseVariants("試算表"));
    assertEquals(List.of("目前"), Lexicon.bundled().chineseVariants("当前")); // current
    assertEquals(List.of("当前"), Lexicon.bundled().chineseVariants("目前"));
    // Where both have a word, the mined ones come first, each other word once.
    assertEquals(List.of("默认", "缺省"), Lexicon.bundled().chineseVariants("預設"));
    assertEquals(List.of("預設"), Lexicon.bundled().chineseVariants("默认"));
  }

  @Test
  void aQuestionIsNotRewrittenWordByWord() {
    SearchResults word = search("向导", true);
    assertTrue(IndexAndSearchTest.nameSet(word).contains("tw-wizard.txt"), word.hits().toString());
    assertEquals(List.of(List.of("精靈")), word.translation().into("zh"));
    // Natural text (a question): its words as typed find both standards' pages; rewriting them one
    // by one cost the relevance sets (PlanTranslation.withoutVariants).
    SearchResults question = search("如何在对话框中使用向导完成工作表的设置？", true);
    assertTrue(
        question.translation() == null || question.translation().into("zh").isEmpty(),
        question.translation() == null ? "none" : question.translation().summary());
    assertTrue(
        IndexAndSearchTest.nameSet(question).contains("cn-info.txt"), question.hits().toString());
  }

  @Test
  void aWordBothStandardsWriteIsNotRewritten() {
    // 和 / 與 and 一起 / 一同 pair up in the help's lines, but Taiwan text writes 和 and 一起 too.
    assertEquals(List.of(), Lexicon.bundled().chineseVariants("和"));
    assertEquals(List.of(), Lexicon.bundled().chineseVariants("一起"));
  }

  @Test
  void aTaiwanWordNoDictionaryListsIsAWordOfTheQuery() {
    // 函式 (function, in Taiwan) is in no dictionary here: before, 顯示函式 was read as 顯示 alone.
    assertEquals(
        List.of("顯示", "函式"),
        Translator.bundled().terms("顯示函式", null).stream()
            .map(Translator.SourceTerm::text)
            .toList());
    assertTrue(Lexicon.bundled().contains("zh", "函式"));
    assertEquals(Lexicon.bundled().lookup("zh", "函数"), Lexicon.bundled().lookup("zh", "函式"));
    assertTrue(
        Lexicon.bundled().lookup("zh", "函式").contains(new Lexicon.Entry("en", "function", false)));
    // A table word that the lexicon's own words make up stays two words, each with its translations
    // (OpenCC's 云端计算 / 雲端運算).
    assertTrue(!Lexicon.bundled().chineseVariants("雲端計算").isEmpty());
    assertEquals(
        List.of("雲端", "計算"),
        Translator.bundled().terms("雲端計算", null).stream()
            .map(Translator.SourceTerm::text)
            .toList());
  }

  @Test
  void aTaiwanWordTheTranslatorCutShortIsMinedWhole() {
    // 儲存格 (cell) was read as 儲存 (save) + 格 and mined as 儲存 / 单元格; the mined pair's word now
    // grows by the character no word covered (ChineseVariantPairs.extend).
    assertEquals(List.of("单元格"), Lexicon.bundled().chineseVariants("儲存格"));
    assertEquals(List.of("儲存格"), Lexicon.bundled().chineseVariants("单元格"));
    assertEquals(
        List.of("格式化", "儲存格"),
        Translator.bundled().terms("格式化儲存格", null).stream()
            .map(Translator.SourceTerm::text)
            .toList());
    assertEquals(List.of("工具列"), Lexicon.bundled().chineseVariants("工具栏")); // toolbar
    assertEquals(List.of("投影片"), Lexicon.bundled().chineseVariants("幻灯片")); // slide
    // 儲存 alone (save) no longer becomes 单元格.
    assertTrue(!Lexicon.bundled().chineseVariants("儲存").contains("单元格"));
  }

  @Test
  void aMainlandWordFindsTheTaiwanPageThroughAMinedPair() {
    SearchResults on = search("向导", true);
    assertEquals(List.of("tw-wizard.txt"), IndexAndSearchTest.names(on));
    assertEquals("向导 -> 精靈 (zh)", on.translation().summary());
    assertEquals(List.of(), IndexAndSearchTest.names(search("向导", false)));
    assertEquals(List.of("tw-wizard.txt"), IndexAndSearchTest.names(search("工作表", true)));
  }

  @Test
  void aMainlandWordFindsTheTaiwanPageAfterItsOwn() {
    SearchResults on = search("信息", true);
    assertEquals(List.of("cn-info.txt", "tw-info.txt"), IndexAndSearchTest.names(on));
    assertEquals("信息 -> 資訊 (zh)", on.translation().summary());
    assertEquals(List.of("cn-info.txt"), IndexAndSearchTest.names(search("信息", false)));
  }

  @Test
  void aTaiwanWordFindsTheMainlandPage() {
    assertEquals(List.of("tw-macro.txt"), IndexAndSearchTest.names(search("巨集", false)));
    assertEquals(List.of("cn-object.txt"), IndexAndSearchTest.names(search("物件", true)));
    assertEquals(List.of(), IndexAndSearchTest.names(search("物件", false)));
  }

  @Test
  void everyWordOfAShortQueryStillCounts() {
    // 使用 and 物件 (对象) both stand in the Mainland page only; 使用 also stands in tw-macro.txt
    assertEquals(List.of("cn-object.txt"), IndexAndSearchTest.names(search("使用物件", true)));
  }

  @Test
  void offSearchesOnlyWhatWasTyped() {
    assertNull(search("信息", false).translation());
  }
}
