package io.parkdoc.backend.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.SearchResults;
import io.parkdoc.core.analysis.Fields;
import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.analysis.Terms;
import io.parkdoc.core.query.translate.Lexicon;
import io.parkdoc.tools.StoreTranslationTerms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terms the lexicon stores for its translations ({@link Lexicon#terms}) are what each target
 * language's analyzer makes of them, and the query a search builds from them is the one it built by
 * analysing: a translated search gives exactly the query it gave when it loaded the analyzer.
 */
class TranslationTermsTest {
  /** Every STEP-th text the translator can hand each language (a few thousand per language). */
  private static final int STEP = 37;

  @Test
  void storedTermsAreTheAnalyzersTermsAndGiveTheSameQuery() throws Exception {
    Path lexicon = Path.of(Lexicon.class.getResource("lexicon/en-0.tsv.gz").toURI()).getParent();
    Map<String, java.util.Set<String>> texts = StoreTranslationTerms.texts(lexicon);
    for (String lang : List.of("en", "ko", "ja", "zh")) {
      String field = Fields.text(lang);
      int checked = 0;
      int stored = 0;
      int phrases = 0;
      int gaps = 0;
      try (Analyzer analyzer = Languages.newAnalyzer(lang)) {
        var analysing = new org.apache.lucene.util.QueryBuilder(analyzer);
        int i = 0;
        for (String text : texts.get(lang)) {
          if (i++ % STEP != 0) {
            continue;
          }
          checked++;
          List<String> terms = Lexicon.bundled().terms(lang, text);
          List<String> expected = Terms.sequence(analyzer, field, text);
          assertEquals(expected, terms, lang + " " + text);
          if (terms == null) {
            continue;
          }
          stored++;
          phrases += terms.stream().filter(t -> !t.isEmpty()).count() > 1 ? 1 : 0;
          gaps += terms.contains("") ? 1 : 0;
          Query built = QueryBuilder.phraseOf(field, terms);
          assertEquals(analysing.createPhraseQuery(field, text), built, lang + " " + text);
        }
      }
      assertTrue(checked > 1000, lang + ": " + checked + " texts checked");
      // what is not stored is analysed at search time: a few Korean texts whose terms hold spaces
      assertTrue(stored >= checked * 0.99, lang + ": " + stored + " of " + checked + " stored");
      assertTrue(phrases > 0, lang + ": no text of several terms in the sample");
      if (!"zh".equals(lang)) {
        assertTrue(gaps > 0, lang + ": no text with a skipped position in the sample");
      }
    }
  }

  @Test
  void textsTheLexiconDoesNotGiveAreNotStored() {
    assertNull(Lexicon.bundled().terms("ja", "parkdoc-no-such-text"));
    assertNull(Lexicon.bundled().terms("fr", "laser"));
    assertEquals(List.of("레이저"), Lexicon.bundled().terms("ko", "레이저"));
    assertNotNull(Lexicon.bundled().terms("ja", "レーザー"));
    assertNotNull(Lexicon.bundled().terms("zh", "激光"));
  }

  /**
   * Translating a query loads no analyzer of the languages it is translated into: the Korean seeds'
   * 레이저 finds the Japanese and Chinese seeds without kuromoji or smartcn, and the English word
   * laser without nori, kuromoji and smartcn (the search analyses what was typed only in the
   * languages it is searched in as typed).
   */
  @Test
  void translatingLoadsNoAnalyzerOfTheTargetLanguages(@TempDir Path dir) throws Exception {
    Path docs = dir.resolve("docs");
    IndexAndSearchTest.copySeeds(docs);
    IndexLayout layout = new IndexLayout(dir.resolve("index"));
    IndexAndSearchTest.index(layout, docs);
    try (LuceneSearcher s = LuceneSearcher.open(layout)) {
      SearchResults r = s.search(new SearchRequest("레이저", Set.of(), 10, 0, 1, false, true));
      assertEquals(
          Set.of("000", "001", "002", "003", "004"),
          IndexAndSearchTest.nameSet(r),
          IndexAndSearchTest.names(r).toString());
      List<String> loaded = new ArrayList<>(s.analyzersMade());
      for (String lang : List.of("ja", "zh", "en")) {
        assertFalse(loaded.contains(lang), lang + " analyzer made for 레이저: " + loaded);
        assertFalse(loaded.contains("query:" + lang), lang + " made for 레이저: " + loaded);
      }
      assertTrue(loaded.contains("ko"), loaded.toString());
    }
  }

  @Test
  void everyLanguagesTermsShipInSixteenBuckets() throws Exception {
    Path terms = Path.of(Lexicon.class.getResource("terms/ja-0.tsv.gz").toURI()).getParent();
    try (var files = Files.list(terms)) {
      assertEquals(64, files.filter(p -> p.toString().endsWith(".tsv.gz")).count());
    }
  }
}
