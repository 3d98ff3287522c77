package io.parkdoc.backend.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.parkdoc.Seeds;
import io.parkdoc.core.Hit;
import io.parkdoc.core.IndexLayout;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.Indexer;
import io.parkdoc.core.LanguageDetector;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.Searcher;
import io.parkdoc.core.SearcherPlans;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The query a local search runs, sent to a 2-shard collection holding the same documents through
 * parkdoc's {@code {!parkdoc}} query parser, finds the same documents in the same order with the
 * same BM25 scores (ExactStatsCache: statistics of the whole collection, not of each shard).
 */
class SolrScoreParityIT {
  @TempDir static Path tmp;
  private static Searcher local;
  private static SolrHttp http;

  @BeforeAll
  static void indexBoth() {
    http = new SolrHttp(SolrLocation.parse(SolrTestCluster.collection("parity_it"), null));
    SolrAdmin admin = new SolrAdmin(http);
    admin.delete();
    admin.init(2, 1);
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    try (Indexer indexer = Indexer.open(layout, IndexOptions.defaults(), new LanguageDetector())) {
      indexer.index(List.of(copySeeds()));
    }
    local = Searcher.open(layout);
    try (SolrStore store = new SolrStore(http)) {
      for (int doc = 0; doc < local.documents(); doc++) {
        Document d = local.document(doc);
        String lang = d.get("lang");
        String ilang = io.parkdoc.core.Languages.indexLanguage(lang);
        store.put(new SolrStore.Doc(d.get("path"), lang, d.get("title"), d.getField("size").numericValue().longValue(),
            d.getField("mtime").numericValue().longValue(), d.get("hash"), d.get("encoding"), d.get("text_" + ilang)));
      }
      store.commit();
    }
  }

  private static Path copySeeds() {
    try {
      Seeds.copyTo(tmp.resolve("seeds"));
      return tmp.resolve("seeds");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterAll
  static void close() {
    if (local != null) {
      local.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"LED", "technology innovation", "장춘 과학기술", "\"혁신 지역\"", "科学城", "长春 高新区", "長春",
      "発展", "innovation OR 혁신 OR 革新", "innov*", "장춘 -LED", "北湖未来科学城"})
  void sameHitsOrderAndScores(String query) {
    SearchRequest request = new SearchRequest(query, Set.of(), 10, 0, 0, false);
    List<Hit> want = local.search(request).hits();
    Query q = SearcherPlans.query(local, request);
    assertNotNull(q, query);
    Map<String, Object> r = http.get("/parity_it/select", "q", SolrQueries.solr(q), "fl", "path,score", "rows", "10");
    List<String> got = new ArrayList<>();
    for (Object d : SolrJson.list(SolrJson.map(r, "response"), "docs")) {
      got.add(SolrJson.string(d, "path") + " " + String.format("%.5f", ((Number) ((Map<?, ?>) d).get("score")).doubleValue()));
    }
    List<String> expected = new ArrayList<>();
    for (Hit h : want) {
      expected.add(h.path() + " " + String.format("%.5f", (double) h.score()));
    }
    assertFalse(expected.isEmpty(), "the local index finds something for " + query);
    assertEquals(String.join("\n", expected), String.join("\n", got), query);
  }
}
