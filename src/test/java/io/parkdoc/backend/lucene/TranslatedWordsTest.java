package io.parkdoc.backend.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.intervals.IntervalQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/** How a translated word and the words' nearness are searched ({@link TranslatedWords}). */
class TranslatedWordsTest {
  private static final String F = "text";

  private static List<List<String>> seqs(String... alternatives) {
    List<List<String>> out = new ArrayList<>();
    for (String a : alternatives) {
      out.add(Arrays.asList(a.split(" ", -1)));
    }
    return out;
  }

  private static List<Query> none(int n) {
    List<Query> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(null);
    }
    return out;
  }

  private static IndexSearcher index(String... texts) throws IOException {
    Directory dir = new ByteBuffersDirectory();
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new WhitespaceAnalyzer()))) {
      for (int i = 0; i < texts.length; i++) {
        Document d = new Document();
        d.add(new StringField("id", "d" + i, Field.Store.YES));
        d.add(new TextField(F, texts[i], Field.Store.NO));
        w.addDocument(d);
      }
    }
    return new IndexSearcher(DirectoryReader.open(dir));
  }

  private static String first(IndexSearcher s, Query q) throws IOException {
    ScoreDoc[] top = s.search(q, 10).scoreDocs;
    return s.storedFields().document(top[0].doc).get("id");
  }

  @Test
  void oneTermTranslationsAreOneSynonymClauseBesidePhrases() {
    Query q = TranslatedWords.word(F, seqs("stop", "pause", "halt now"), none(3));
    DisjunctionMaxQuery d = assertInstanceOf(DisjunctionMaxQuery.class, q);
    SynonymQuery syn = assertInstanceOf(SynonymQuery.class, d.getDisjuncts().iterator().next());
    assertEquals(
        java.util.Set.of(new Term(F, "stop"), new Term(F, "pause")),
        java.util.Set.copyOf(syn.getTerms()));
    assertTrue(syn.toString().contains("pause^" + TranslatedWords.LATER), syn.toString());
    assertTrue(syn.toString().matches(".*stop(?![\\^]).*"), "the first at full weight: " + syn);
    assertTrue(q.toString().contains("(text:\"halt now\")^" + TranslatedWords.LATER), q.toString());
    assertNull(TranslatedWords.word(F, seqs(""), none(1)));
  }

  @Test
  void aRareLaterTranslationDoesNotOutrankTheCommonFirstOne() throws IOException {
    // "stop" (the first translation) in half the documents, "breakpoint" (a later, wrong one) in
    // one: scored each alone, the rare one's idf put its document first.
    List<String> texts = new ArrayList<>();
    texts.add("breakpoint here");
    texts.add("stop here");
    for (int i = 0; i < 9; i++) {
      texts.add("stop filler" + i);
    }
    for (int i = 0; i < 9; i++) {
      texts.add("other filler" + i);
    }
    IndexSearcher s = index(texts.toArray(String[]::new));
    Query separately =
        new DisjunctionMaxQuery(
            List.of(
                new TermQuery(new Term(F, "stop")),
                new org.apache.lucene.search.BoostQuery(
                    new TermQuery(new Term(F, "breakpoint")), TranslatedWords.LATER)),
            0.1f);
    assertEquals("d0", first(s, separately), "the test's premise: alone, the rare term wins");
    Query q = TranslatedWords.word(F, seqs("stop", "breakpoint"), none(2));
    assertEquals("d1", first(s, q));
  }

  @Test
  void translationsSideBySideRankAboveTheSameWordsApart() throws IOException {
    StringBuilder apart = new StringBuilder("statistical");
    for (int i = 0; i < 10; i++) {
      apart.append(" gap").append(i);
    }
    apart.append(" functions");
    StringBuilder together = new StringBuilder("statistical functions");
    for (int i = 0; i < 30; i++) {
      together.append(" more").append(i);
    }
    IndexSearcher s = index(apart.toString(), together.toString());
    List<List<List<String>>> words = List.of(seqs("statistical"), seqs("functions", "function"));
    BooleanQuery.Builder plain = new BooleanQuery.Builder();
    for (List<List<String>> w : words) {
      plain.add(TranslatedWords.word(F, w, none(w.size())), Occur.SHOULD);
    }
    assertEquals("d0", first(s, plain.build()), "the premise: BM25 alone prefers the short page");
    Query near = TranslatedWords.near(F, words);
    assertEquals(1, s.count(near), "only the page with the words side by side is near");
    BooleanQuery.Builder both = new BooleanQuery.Builder();
    both.add(plain.build(), Occur.SHOULD);
    both.add(near, Occur.SHOULD);
    assertEquals("d1", first(s, both.build()));
    assertNull(TranslatedWords.near(F, List.of(seqs("statistical"))), "one word: no clause");
    List<List<List<String>>> many = new ArrayList<>();
    for (int i = 0; i <= TranslatedWords.NEAR_MAX_WORDS; i++) {
      many.add(seqs("w" + i));
    }
    assertNull(TranslatedWords.near(F, many), "a paragraph's words: no clause");
    assertNotNull(TranslatedWords.near(F, many.subList(0, TranslatedWords.NEAR_MAX_WORDS)));
  }

  @Test
  void aPhraseTranslationWithAGapIsNearToo() throws IOException {
    IndexSearcher s = index("insert the table now", "insert now something table");
    // "insert _ table": a stop word's gap between its terms.
    Query near = TranslatedWords.near(F, List.of(seqs("insert  table"), seqs("now")));
    assertEquals(1, s.count(near));
    assertEquals("d0", first(s, near));
  }

  @Test
  void theNearBonusIsNoMoreThanItsWordsIdf() throws IOException {
    // Three documents: idf of a word in one of them is log(1 + 2.5 / 1.5), of a word in all three
    // log(1 + 0.5 / 3.5); the bound (their sum) is below the fixed weight here.
    IndexSearcher s = index("insert table", "insert", "insert");
    Query near = TranslatedWords.near(F, List.of(seqs("insert"), seqs("table", "tabl")));
    Query rewritten = s.rewrite(near);
    BoostQuery boosted = assertInstanceOf(BoostQuery.class, rewritten);
    double idf = Math.log(1 + 2.5 / 1.5) + Math.log(1 + 0.5 / 3.5);
    assertTrue(idf * TranslatedWords.NEAR_PER_IDF < TranslatedWords.NEAR_WEIGHT, "the premise");
    assertEquals(idf * TranslatedWords.NEAR_PER_IDF, boosted.getBoost(), 1e-5);
    assertInstanceOf(IntervalQuery.class, boosted.getQuery());
    // In a larger index the words are rarer and the fixed weight is the bound.
    String[] many = new String[200];
    Arrays.fill(many, "other words");
    many[0] = "insert table";
    BoostQuery big = assertInstanceOf(BoostQuery.class, index(many).rewrite(near));
    assertEquals(TranslatedWords.NEAR_WEIGHT, big.getBoost(), 1e-6);
    // A word whose translations are in no document: nothing can be near.
    Query absent = TranslatedWords.near(F, List.of(seqs("insert"), seqs("chair")));
    assertEquals(0, s.count(absent));
    assertInstanceOf(MatchNoDocsQuery.class, s.rewrite(absent));
  }

  @Test
  void theStartClauseWantsTheWordsWhereATitleStands() throws IOException {
    String[] texts = new String[40];
    Arrays.fill(texts, "other words");
    texts[0] = "table insert then some text about it and more";
    texts[1] = "about the spreadsheet here insert table insert table insert table";
    texts[2] = "insert something before the table";
    IndexSearcher s = index(texts);
    List<List<List<String>>> words = List.of(seqs("insert"), seqs("table", "tabular"));
    Query start = TranslatedWords.start(F, words);
    assertNotNull(start);
    // 2 words: within their first 4 positions, in any order; d2 holds both, but not there.
    assertEquals(1, s.count(start));
    assertEquals("d0", first(s, start));
    BooleanQuery.Builder plain = new BooleanQuery.Builder();
    for (List<List<String>> w : words) {
      plain.add(TranslatedWords.word(F, w, none(w.size())), Occur.MUST);
    }
    assertEquals("d1", first(s, plain.build()), "the premise: BM25 alone prefers d1");
    BooleanQuery.Builder both = new BooleanQuery.Builder();
    both.add(plain.build(), Occur.MUST);
    both.add(start, Occur.SHOULD);
    assertEquals("d0", first(s, both.build()));
    // One word: the word itself at the start.
    assertEquals(1, s.count(TranslatedWords.start(F, List.of(seqs("table")))));
    List<List<List<String>>> many = new ArrayList<>();
    for (int i = 0; i <= TranslatedWords.NEAR_MAX_WORDS; i++) {
      many.add(seqs("w" + i));
    }
    assertNull(TranslatedWords.start(F, many), "a paragraph's words: no clause");
  }
}
