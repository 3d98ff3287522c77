package io.parkdoc.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The mining of Mainland <-> Taiwan pairs grows a word the translator cut short into the string its
 * pair's lines hold ({@link ChineseVariantPairs#extend}): the Taiwan side of 单元格 is 儲存格, which the
 * translator reads as 儲存 + 格.
 */
class ChineseVariantPairsTest {

  private final List<String[]> aligned = new ArrayList<>();
  private final List<List<Set<String>>> words = new ArrayList<>();

  /** One aligned line pair with the words (folded) the translator read in each. */
  private void line(String cn, Set<String> cnWords, String tw, Set<String> twWords) {
    aligned.add(new String[] {cn, tw});
    words.add(List.of(cnWords, twWords));
  }

  @Test
  void aWordGrowsByTheCharacterNoWordCovers() {
    line("单元格的颜色", Set.of("单元格", "颜色"), "儲存格的顏色", Set.of("储存", "颜色"));
    line("删除单元格", Set.of("删除", "单元格"), "刪除儲存格", Set.of("删除", "储存"));
    line("合并单元格", Set.of("合并", "单元格"), "合併儲存格", Set.of("合并", "储存"));
    assertArrayEquals(
        new String[] {"储存格", "儲存格"}, ChineseVariantPairs.extend("储存", "单元格", aligned, words, 1));
    // The Mainland side is a whole word: 的 and the ends of the lines do not extend it.
    assertArrayEquals(
        new String[] {"单元格", null}, ChineseVariantPairs.extend("单元格", "储存", aligned, words, 0));
  }

  @Test
  void aCharacterAWordOfTheLineCoversIsNoGrowth() {
    // 儲存格式 read as 儲存 + 格式: 格 belongs to 格式, so 儲存 (save) stays 儲存.
    line("保存格式", Set.of("保存", "格式"), "儲存格式", Set.of("储存", "格式"));
    line("保存格式化", Set.of("保存", "格式化"), "儲存格式化", Set.of("储存", "格式化"));
    line("保存格式文件", Set.of("保存", "格式", "文件"), "儲存格式檔案", Set.of("储存", "格式", "档案"));
    assertArrayEquals(
        new String[] {"储存", null}, ChineseVariantPairs.extend("储存", "保存", aligned, words, 1));
  }

  @Test
  void growthNeedsMostOfThePairsLinesAndStopsAfterTwoCharacters() {
    line("单元格", Set.of("单元格"), "儲存格", Set.of("储存"));
    line("单元格", Set.of("单元格"), "儲存區", Set.of("储存"));
    line("单元格", Set.of("单元格"), "儲存槽", Set.of("储存"));
    assertArrayEquals(
        new String[] {"储存", null},
        ChineseVariantPairs.extend("储存", "单元格", aligned, words, 1),
        "three different next characters: none holds 80% of the lines");
    aligned.clear();
    words.clear();
    for (int i = 0; i < 3; i++) {
      line("透视表", Set.of("透视"), "樞紐分析表", Set.of("枢纽"));
    }
    assertArrayEquals(
        new String[] {"枢纽分析", "樞紐分析"}, ChineseVariantPairs.extend("枢纽", "透视", aligned, words, 1));
  }
}
