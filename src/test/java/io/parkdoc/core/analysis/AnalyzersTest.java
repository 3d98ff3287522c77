package io.parkdoc.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.junit.jupiter.api.Test;

/** Terms and offsets of each analyzer, in the spirit of Lucene's BaseTokenStreamTestCase. */
public class AnalyzersTest {

  public record Tok(String term, int start, int end) {
    @Override
    public String toString() {
      return term + "[" + start + "-" + end + "]";
    }
  }

  public static List<Tok> tokens(Analyzer a, String field, String text) throws IOException {
    List<Tok> out = new ArrayList<>();
    try (TokenStream ts = a.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(new Tok(term.toString(), offset.startOffset(), offset.endOffset()));
      }
      ts.end();
    }
    return out;
  }

  static List<Tok> analyze(String lang, String text) throws IOException {
    try (Analyzer a = Languages.newAnalyzer(lang)) {
      return tokens(a, Fields.text(lang), text);
    }
  }

  /** Every token's offsets must lie inside the text and be ordered. */
  private static void assertOffsetsSane(String text, List<Tok> toks) {
    int lastStart = 0;
    for (Tok t : toks) {
      assertTrue(
          t.start() >= 0 && t.start() <= t.end() && t.end() <= text.length(),
          "offsets of " + t + " in " + text);
      assertTrue(t.start() >= lastStart, "offsets go backwards at " + t);
      lastStart = t.start();
    }
  }

  @Test
  void koreanDropsTheParticle() throws IOException {
    // 레이저를 = 레이저 (laser) + 를 (object particle, removed by nori's part-of-speech filter)
    List<Tok> toks = analyze("ko", "레이저를");
    assertEquals(List.of(new Tok("레이저", 0, 3)), toks);
  }

  @Test
  void japaneseSplitsTheCompoundAndNormalizesTheLongVowel() throws IOException {
    // kuromoji (search mode) cuts the compound レーザー加工機 into レーザー / 加工 / 機 (folded to its
    // Simplified form 机, so 機 and 机 are one term; the offsets still cover 機), and its
    // JapaneseKatakanaStemFilter removes the trailing long-vowel mark ー of katakana words of four
    // or more characters: the term is レーザ, while its offsets still cover レーザー (0-4).
    String text = "レーザー加工機";
    List<Tok> toks = analyze("ja", text);
    assertEquals(List.of(new Tok("レーザ", 0, 4), new Tok("加工", 4, 6), new Tok("机", 6, 7)), toks);
    assertEquals("レーザー", text.substring(toks.get(0).start(), toks.get(0).end()));
    // so a query written without the ー finds the same term
    assertEquals(List.of(new Tok("レーザ", 0, 3)), analyze("ja", "レーザ"));
  }

  @Test
  void chineseFoldsTraditionalToSimplifiedWithOriginalOffsets() throws IOException {
    String traditional = "長春市";
    List<Tok> toks = analyze("zh", traditional);
    assertOffsetsSane(traditional, toks);
    assertFalse(toks.isEmpty());
    assertTrue(toks.get(0).term().startsWith("长春"), "first term in Simplified: " + toks);
    for (Tok t : toks) {
      assertTrue(t.term().chars().noneMatch(c -> c == '長'), "no Traditional left in " + t);
      // the term is the Simplified form of exactly the original characters its offsets cover
      assertEquals(
          t.term(),
          HanVariants.toSimplified(traditional.substring(t.start(), t.end())),
          t.toString());
    }
    assertEquals(0, toks.get(0).start());
    assertEquals(traditional.length(), toks.get(toks.size() - 1).end());
    // the same terms as the Simplified text
    assertEquals(analyze("zh", "长春市"), toks);
  }

  @Test
  void chineseSplitsUnknownWordIntoCharacters() throws IOException {
    // smartcn does not know 水素 (Japanese for hydrogen; Chinese writes 氢) and cuts it into two
    // single-character terms. This is why a query for 水素 must search them as a phrase, else it
    // would match any text holding 素 (维生素 aside, 素 alone).
    assertEquals(List.of(new Tok("水", 0, 1), new Tok("素", 1, 2)), analyze("zh", "水素"));
  }

  @Test
  void chineseBigramsOverlapWithCorrectOffsets() throws IOException {
    String text = "北湖未来科学城";
    List<Tok> toks;
    try (Analyzer a = Languages.newBigramAnalyzer("zh")) {
      toks = tokens(a, Fields.bigrams("zh"), text);
    }
    assertEquals(text.length() - 1, toks.size(), toks.toString());
    for (int i = 0; i < toks.size(); i++) {
      Tok t = toks.get(i);
      assertEquals(new Tok(text.substring(i, i + 2), i, i + 2), t);
    }
    assertEquals(new Tok("科学", 4, 6), toks.get(4));
    assertEquals(new Tok("学城", 5, 7), toks.get(5));
  }

  @Test
  void chineseBigramsFoldTraditionalToo() throws IOException {
    try (Analyzer a = Languages.newBigramAnalyzer("zh")) {
      assertEquals(
          List.of(new Tok("长春", 0, 2), new Tok("春市", 1, 3)),
          tokens(a, Fields.bigrams("zh"), "長春市"));
    }
  }

  @Test
  void hanVariants() {
    assertEquals('长', HanVariants.toSimplified('長'));
    assertEquals('长', HanVariants.toSimplified('长'), "Simplified stays");
    assertEquals('a', HanVariants.toSimplified('a'));
    assertTrue(HanVariants.isTraditionalOnly('發'));
    assertFalse(HanVariants.isTraditionalOnly('发'));
    assertTrue(HanVariants.isSimplifiedOnly('发'));
    assertFalse(HanVariants.isSimplifiedOnly('發'));
    assertFalse(HanVariants.isTraditionalOnly('中'), "the same in both scripts");
    assertFalse(HanVariants.isSimplifiedOnly('中'), "the same in both scripts");
    String mixed = "長春市發展 is 𠀋 growing";
    String simplified = HanVariants.toSimplified(mixed);
    assertEquals(mixed.length(), simplified.length());
    assertEquals("长春市发展 is 𠀋 growing", simplified);
  }

  @Test
  void indexLanguages() {
    assertEquals("zh", Languages.indexLanguage("zh-Hant"));
    assertEquals("zh", Languages.indexLanguage("zh-Hans"));
    assertEquals("ko", Languages.indexLanguage("ko"));
    assertEquals("en", Languages.indexLanguage("EN"));
    assertEquals("und", Languages.indexLanguage("xx"));
    assertEquals("und", Languages.indexLanguage(null));
  }
}
