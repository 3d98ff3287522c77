package io.parkdoc.core.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.SharedCorpora;
import io.parkdoc.core.analysis.AnalyzersTest;
import io.parkdoc.core.analysis.Fields;
import io.parkdoc.core.analysis.Languages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@link LatinTerms#candidates} holds every term the CJK analyzers make of ASCII text. */
class LatinTermsTest {
  private static final List<String> TRICKY =
      List.of(
          "laser",
          "LASER",
          "Nd:YAG",
          "iPhone15",
          "W3C's",
          "3Ｄ",
          "ＬｉｂｒｅＯｆｆｉｃｅ",
          "technology-based",
          "13.0，1234.567",
          "=FINDB(\"ａ\";",
          "U.S.A.",
          "e-mail",
          "don't",
          "C++",
          "x86_64",
          "1,000,000",
          "2023-02-22",
          "AI",
          "LED",
          "hello_world",
          "a.b.c",
          "v1.2.3-rc1");

  private static void assertSuperset(Set<String> words) throws IOException {
    Map<String, Analyzer> analyzers = new LinkedHashMap<>();
    for (String lang : List.of("ko", "ja", "zh")) {
      analyzers.put(lang, Languages.newAnalyzer(lang));
      analyzers.put("bigram " + lang, Languages.newBigramAnalyzer(lang));
    }
    List<String> misses = new ArrayList<>();
    try {
      for (String w : words) {
        Set<String> candidates = LatinTerms.candidates(w);
        for (var e : analyzers.entrySet()) {
          for (AnalyzersTest.Tok t : AnalyzersTest.tokens(e.getValue(), Fields.text("x"), w)) {
            if (!candidates.contains(t.term())) {
              misses.add(e.getKey() + ": " + w + " -> " + t.term() + " not in " + candidates);
            }
          }
        }
      }
    } finally {
      for (Analyzer a : analyzers.values()) {
        a.close();
      }
    }
    assertEquals(
        List.of(), misses.subList(0, Math.min(20, misses.size())), misses.size() + " misses");
  }

  @Test
  void trickyWords() throws IOException {
    for (String w : TRICKY) {
      assertTrue(LatinTerms.isAscii(w), w);
    }
    assertSuperset(new TreeSet<>(TRICKY));
  }

  @Test
  void everyAsciiWordOfTheSeeds() throws IOException {
    assertSuperset(
        asciiWords(
            Path.of(System.getProperty("basedir", ".")).resolve("seeds"), Integer.MAX_VALUE));
  }

  @Test
  void asciiWordsOfRealHelpPages() throws IOException {
    Path dir =
        SharedCorpora.unpack("libreoffice-help", "libreoffice-help/en", "libreoffice-help/ko");
    Set<String> words = asciiWords(dir, 30_000);
    Assumptions.assumeTrue(words.size() > 1000, "too few words in " + dir);
    assertSuperset(words);
  }

  @Test
  void onlyPlainWordsDecide() {
    assertTrue(QuerySyntax.onlyWords(QuerySyntax.parse("laser \"Nd YAG\" +LED", false).root()));
    assertFalse(
        QuerySyntax.onlyWords(QuerySyntax.parse("laser -LED", false).root()),
        "an exclusion matches without words");
    assertFalse(QuerySyntax.onlyWords(QuerySyntax.parse("las*", false).root()), "a prefix");
    assertFalse(
        QuerySyntax.onlyWords(QuerySyntax.parse("lang:ko laser", false).root()), "a filter");
    assertFalse(LatinTerms.isAscii("레이저 laser"));
    assertFalse(LatinTerms.isAscii("déjà"));
  }

  private static Set<String> asciiWords(Path dir, int max) throws IOException {
    Set<String> words = new TreeSet<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        for (String w : Files.readString(f).split("\\s+")) {
          if (!w.isEmpty()
              && w.length() <= 40
              && LatinTerms.isAscii(w)
              && w.codePoints().anyMatch(Character::isLetterOrDigit)) {
            words.add(w);
            if (words.size() >= max) {
              return words;
            }
          }
        }
      }
    }
    return words;
  }
}
