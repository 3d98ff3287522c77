package io.parkdoc.backend.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.backend.lucene.TranslatedWords;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SynonymQuery;
import org.junit.jupiter.api.Test;

/** The JSON parkdoc's Solr plugin builds a translated query from ({@link SolrQueries}). */
class SolrQueriesTest {
  @Test
  void synonymWeightsAreSentWhereAnyIsNotOne() {
    SynonymQuery plain =
        new SynonymQuery.Builder("t")
            .addTerm(new Term("t", "a"))
            .addTerm(new Term("t", "b"))
            .build();
    assertEquals(
        "{!parkdoc}{\"synonym\":{\"field\":\"t\",\"terms\":[\"a\",\"b\"]}}",
        SolrQueries.solr(plain));
    SynonymQuery weighted =
        new SynonymQuery.Builder("t")
            .addTerm(new Term("t", "a"), 1f)
            .addTerm(new Term("t", "b"), 0.3f)
            .build();
    assertEquals(List.of(1f, 0.3f), SolrQueries.synonymBoosts(weighted));
    assertEquals(
        "{!parkdoc}{\"synonym\":{\"field\":\"t\",\"terms\":[\"a\",\"b\"],\"boosts\":[1.0,0.3]}}",
        SolrQueries.solr(weighted));
  }

  @Test
  void theNearClauseIsSentAsItsWords() {
    Query near =
        TranslatedWords.near(
            "t", List.of(List.of(List.of("x")), List.of(List.of("y", "", "z"), List.of("w"))));
    String json = SolrQueries.solr(near);
    assertEquals(
        "{!parkdoc}{\"near\":{\"field\":\"t\",\"words\":[[[\"x\"]],[[\"y\",\"\",\"z\"],[\"w\"]]],\"width\":"
            + 2 * TranslatedWords.NEAR_WIDTH
            + ",\"weight\":"
            + TranslatedWords.NEAR_WEIGHT
            + ",\"perIdf\":"
            + TranslatedWords.NEAR_PER_IDF
            + "}}",
        json);
  }

  @Test
  void theStartClauseIsSentAsANearClauseWithItsLimit() {
    Query start = TranslatedWords.start("t", List.of(List.of(List.of("x")), List.of(List.of("y"))));
    String json = SolrQueries.solr(start);
    int limit = 2 * TranslatedWords.START_PER_WORD;
    assertTrue(json.contains("\"width\":" + limit + ","), json);
    assertTrue(json.endsWith(",\"start\":" + limit + "}}"), json);
  }
}
