package io.parkdoc.backend.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.backend.Backends;
import io.parkdoc.core.Hit;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.SearchResults;
import io.parkdoc.core.analysis.HanVariants;
import io.parkdoc.core.detect.LanguageDetector;
import io.parkdoc.core.index.Indexer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Spelling variants: a query in any Han variant (Traditional, Simplified, Japanese shinjitai) or
 * width finds the documents written in the others, highlights the word as each document writes it,
 * and folding never makes a piece of a word match the whole.
 */
class VariantFoldingTest {
  @TempDir static Path dir;
  private static LuceneSearcher searcher;

  /** One small document per spelling, each language forced so detection plays no part. */
  private static final Map<String, String[]> DOCS =
      Map.of(
          "ja.txt", new String[] {"ja", "長春の発展は速い。気候は寒い。広い市場で売る。産業の中心。カタカナの説明。"},
          "hant.txt", new String[] {"zh-Hant", "長春的發展很快。氣候寒冷。廣大市場賣出。產業中心。"},
          "hans.txt", new String[] {"zh-Hans", "长春的发展很快。气候寒冷。广大市场卖出。产业中心。"},
          "width.txt", new String[] {"en", "The ＬＥＤ display is bright."},
          "kana.txt", new String[] {"ja", "ｶﾀｶﾅで書いた文。"},
          "piece.txt", new String[] {"zh-Hans", "维生素很重要。水很重要，素也很重要。"},
          "better-hant.txt", new String[] {"zh-Hant", "電腦。電腦的歷史。"},
          "weaker-hans.txt",
              new String[] {
                "zh-Hans", "这是一篇很长的文章，讲的是历史、地理、文化、音乐和体育，" + "其中只有一句话提到电脑，别的段落都在讨论许多不同的话题。"
              });

  @BeforeAll
  static void index() throws IOException {
    IndexLayout layout = new IndexLayout(dir.resolve("index"));
    for (var e : DOCS.entrySet()) {
      Path folder = dir.resolve("docs-" + e.getKey());
      Files.createDirectories(folder);
      Files.writeString(folder.resolve(e.getKey()), e.getValue()[1]);
      try (Indexer indexer =
          Backends.indexer(
              layout,
              new IndexOptions(e.getValue()[0], null, IndexOptions.DEFAULT_MAX_BYTES, 1, false),
              new LanguageDetector())) {
        indexer.index(List.of(folder));
      }
    }
    searcher = LuceneSearcher.open(layout);
  }

  @AfterAll
  static void close() {
    searcher.close();
  }

  private static Set<String> files(String query) {
    return searcher.search(SearchRequest.of(query)).hits().stream()
        .map(h -> Path.of(h.path()).getFileName().toString())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "長春", "长春", "発展", "發展", "发展", "気候", "氣候", "气候", "広", "廣", "广", "売", "賣", "卖", "産業", "產業", "产业",
  })
  void everyVariantFindsEverySpelling(String query) {
    assertEquals(
        Set.of("ja.txt", "hant.txt", "hans.txt"),
        files(query),
        query + " should find the Japanese, Traditional and Simplified documents");
  }

  @Test
  void widthIsFolded() {
    assertEquals(Set.of("width.txt"), files("LED"), "LED finds full-width ＬＥＤ");
    assertEquals(Set.of("width.txt"), files("ＬＥＤ"), "ＬＥＤ finds it too");
    assertTrue(files("カタカナ").contains("kana.txt"), "カタカナ finds half-width ｶﾀｶﾅ");
    assertTrue(files("ｶﾀｶﾅ").contains("ja.txt"), "ｶﾀｶﾅ finds full-width カタカナ");
  }

  @Test
  void snippetsHighlightTheWordAsEachDocumentWritesIt() {
    SearchResults r = searcher.search(SearchRequest.of("发展"));
    Map<String, Set<String>> marked =
        r.hits().stream()
            .collect(
                Collectors.toMap(
                    h -> Path.of(h.path()).getFileName().toString(),
                    h ->
                        h.snippets().stream()
                            .flatMap(
                                s ->
                                    s.highlights().stream()
                                        .map(span -> s.text().substring(span.start(), span.end())))
                            .collect(Collectors.toSet())));
    assertEquals(Set.of("発展"), marked.get("ja.txt"));
    assertEquals(Set.of("發展"), marked.get("hant.txt"));
    assertEquals(Set.of("发展"), marked.get("hans.txt"));
  }

  @Test
  void foldingKeepsPrecision() {
    assertTrue(
        !files("水素").contains("piece.txt"), "水素 must not match a text with only 水 and 素 apart");
    assertTrue(files("水").contains("piece.txt"), "but 水 alone does");
  }

  @Test
  void aHanOnlyQuerySearchesJapaneseAndChineseAndShowsEachLanguage() {
    List<String> langs =
        searcher.search(SearchRequest.of("長春")).hits().stream().map(Hit::lang).sorted().toList();
    assertEquals(List.of("ja", "zh-Hans", "zh-Hant"), langs);
  }

  private static float score(SearchResults r, String file) {
    return r.hits().stream()
        .filter(h -> h.path().endsWith("/" + file))
        .findFirst()
        .orElseThrow()
        .score();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "长春,hans.txt,hant.txt",
    "長春,hant.txt,hans.txt",
    "发展 气候,hans.txt,hant.txt",
    "發展 氣候,hant.txt,hans.txt"
  })
  void aChineseDocumentInTheQuerysOwnScriptComesFirst(String query, String own, String other) {
    // hans.txt and hant.txt say the same in the two scripts: alike but for the script preference.
    SearchResults r = searcher.search(SearchRequest.of(query));
    List<String> order =
        r.hits().stream()
            .map(h -> Path.of(h.path()).getFileName().toString())
            .filter(f -> f.equals(own) || f.equals(other))
            .toList();
    assertEquals(List.of(own, other), order, query);
    assertEquals(
        QueryBuilder.OTHER_SCRIPT_FACTOR,
        score(r, other) / score(r, own),
        0.001f,
        "the other script's document is ranked at a fixed share of its score");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"中心", "中心 -说明书"})
  void aQueryThatTellsNoScriptRanksBothScriptsAlike(String query) {
    // 中心 is written alike in both scripts; what the query excludes or filters on is not its text.
    SearchResults r = searcher.search(SearchRequest.of(query));
    SearchResults plain = searcher.search(SearchRequest.of("中心"));
    for (Hit h : r.hits()) {
      String file = Path.of(h.path()).getFileName().toString();
      assertEquals(score(plain, file), h.score(), 0.0001f, query + ": " + file);
    }
    assertTrue(!r.hits().isEmpty(), query);
  }

  @Test
  void aClearlyBetterMatchInTheOtherScriptStillComesFirst() {
    List<String> order =
        searcher.search(SearchRequest.of("电脑")).hits().stream()
            .map(h -> Path.of(h.path()).getFileName().toString())
            .toList();
    assertEquals(
        List.of("better-hant.txt", "weaker-hans.txt"),
        order,
        "a short document about 電腦 outranks a long one that mentions 电脑 once, whatever the query's script");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      nullValues = "-",
      value = {
        "长春,zh-Hans",
        "说明书,zh-Hans",
        "長春,zh-Hant",
        "說明書,zh-Hant",
        "激光,-",
        "长春 長春,-",
        "発展,-",
        "長春のレーザー,-",
        "장춘 長春,-",
        "laser,-",
        // Characters both scripts write (了 is also Traditional, beside 瞭) tell nothing.
        "回家,-",
        "表面,-",
        "出了,-",
        "台北,-",
        "颱風來了,zh-Hant",
        "他出生於台北,zh-Hant",
        "周杰倫,zh-Hant"
      })
  void theScriptOfAQueryIsToldByTheCharactersOnlyOneScriptWrites(String text, String script) {
    assertEquals(script, HanVariants.scriptOf(text));
  }

  @Test
  void theFoldTableHasOnlySpellingVariants() {
    assertEquals('发', HanVariants.toSimplified('発'));
    assertEquals('发', HanVariants.toSimplified('發'));
    assertEquals('气', HanVariants.toSimplified('気'));
    assertEquals('广', HanVariants.toSimplified('広'));
    assertEquals('卖', HanVariants.toSimplified('売'));
    assertEquals('产', HanVariants.toSimplified('産'));
    // 景点 and 经典 share a reading (jǐngdiǎn / jīngdiǎn) but are different words: never one term.
    assertTrue(!HanVariants.toSimplified("景点").equals(HanVariants.toSimplified("经典")));
    assertEquals('景', HanVariants.toSimplified('景'));
  }
}
