package io.parkdoc.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ko.KoreanAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast-loaded nori and kuromoji analyzers produce, token for token, what Lucene's {@link
 * KoreanAnalyzer} and {@link JapaneseAnalyzer} produce; the unpacked copy is written, mapped, and
 * survives damage by falling back.
 */
class DictionariesTest {
  private static final String KO =
      "2006 년' 러시아 중국의 해' 는 러시아에서 열린 중국전에서 또렷하고 아름다운 LED 컬러 화면이 "
          + "눈길을 끌었다. 레이저를 쏘았습니다! 장춘신구, ‘과학기술 혁신 지역’ 건설 촉진 Nd:YAG 레이저 1064nm, ＡＢＣ１２３ 갔습니다";
  private static final String JA =
      "北湖未来科学都市、本格始動 高品質発展を牽引する「革新のエンジン」になる。"
          + "初冬の長春は、協力と発展の熱気に包まれている。レーザー加工機を使いました。ｶﾀｶﾅ ＡＢＣ LED 2025年11月19日";

  /**
   * Every attribute a query or an index reads: term, offsets, position increment and length, type.
   */
  static List<String> tokens(Analyzer a, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = a.tokenStream("f", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      PositionLengthAttribute len = ts.addAttribute(PositionLengthAttribute.class);
      TypeAttribute type = ts.addAttribute(TypeAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(
            term
                + "["
                + offset.startOffset()
                + "-"
                + offset.endOffset()
                + ",+"
                + inc.getPositionIncrement()
                + ",len"
                + len.getPositionLength()
                + ","
                + type.type()
                + "]");
      }
      ts.end();
      out.add("end " + offset.endOffset() + " +" + inc.getPositionIncrement());
    }
    return out;
  }

  private static List<String> texts(String sample) throws IOException {
    List<String> texts =
        new ArrayList<>(List.of(sample, "", " ", "ｌａｓｅｒ", "laser LASER", "2023-02-22"));
    Path seeds = Path.of(System.getProperty("basedir", ".")).resolve("seeds");
    if (Files.isDirectory(seeds)) {
      try (Stream<Path> files = Files.list(seeds)) {
        for (Path f : files.sorted().toList()) {
          texts.add(Files.readString(f));
        }
      }
    }
    return texts;
  }

  @Test
  void koreanMatchesKoreanAnalyzer(@TempDir Path cache) throws IOException {
    Dictionaries.Korean first = new Dictionaries.Korean(cache); // unpacks
    Dictionaries.Korean second = new Dictionaries.Korean(cache); // reads the copy
    assertTrue(Files.isRegularFile(cache.resolve("ko/complete")), "the copy should be complete");
    assertEquals(Runtime.version().feature() <= 25 ? "mapped" : "file", second.costsFrom);
    try (Analyzer stock = new KoreanAnalyzer();
        Analyzer a = Dictionaries.korean(first);
        Analyzer b = Dictionaries.korean(second)) {
      for (String text : texts(KO)) {
        List<String> expected = tokens(stock, text);
        assertEquals(expected, tokens(a, text), text);
        assertEquals(expected, tokens(b, text), text);
        assertEquals(stock.normalize("f", text), b.normalize("f", text));
      }
    }
  }

  @Test
  void japaneseMatchesJapaneseAnalyzer(@TempDir Path cache) throws IOException {
    Dictionaries.Japanese first = new Dictionaries.Japanese(cache);
    Dictionaries.Japanese second = new Dictionaries.Japanese(cache);
    assertEquals(Runtime.version().feature() <= 25 ? "mapped" : "file", second.costsFrom);
    try (Analyzer stock = new JapaneseAnalyzer();
        Analyzer a = Dictionaries.japanese(first);
        Analyzer b = Dictionaries.japanese(second)) {
      for (String text : texts(JA)) {
        List<String> expected = tokens(stock, text);
        assertEquals(expected, tokens(a, text), text);
        assertEquals(expected, tokens(b, text), text);
        assertEquals(stock.normalize("f", text), b.normalize("f", text));
      }
    }
  }

  @Test
  void aDamagedCopyFallsBackAndIsWrittenAgain(@TempDir Path cache) throws IOException {
    new Dictionaries.Korean(cache);
    Path decoded = cache.resolve("ko/ConnectionCosts.decoded");
    Files.write(decoded, new byte[100]); // truncated
    Path fst = cache.resolve("ko/TokenInfoDictionary$fst.dat");
    Files.write(fst, new byte[10]); // truncated
    Dictionaries.Korean damaged = new Dictionaries.Korean(cache);
    assertEquals("file", damaged.costsFrom, "a bad decoded matrix is not mapped");
    try (Analyzer stock = new KoreanAnalyzer();
        Analyzer a = Dictionaries.korean(damaged)) {
      assertEquals(tokens(stock, KO), tokens(a, KO));
    }
    assertTrue(!Files.exists(cache.resolve("ko/complete")), "a damaged copy is marked incomplete");
    Dictionaries.Korean again = new Dictionaries.Korean(cache);
    assertTrue(Files.exists(cache.resolve("ko/complete")), "and written again by the next process");
    assertEquals(Runtime.version().feature() <= 25 ? "mapped" : "file", again.costsFrom);
  }

  @Test
  void noFolderMeansLucenesOwnLoading() throws IOException {
    Dictionaries.Korean d = new Dictionaries.Korean(null);
    assertEquals("jar", d.costsFrom);
    try (Analyzer stock = new KoreanAnalyzer();
        Analyzer a = Dictionaries.korean(d)) {
      assertEquals(tokens(stock, KO), tokens(a, KO));
    }
  }
}
