package io.parkdoc.backend.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.Seeds;
import io.parkdoc.backend.Backends;
import io.parkdoc.core.FullText;
import io.parkdoc.core.Hit;
import io.parkdoc.core.IndexLocation;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.IndexStatus;
import io.parkdoc.core.MatchExplanation;
import io.parkdoc.core.SearchBackend;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.SearchResults;
import io.parkdoc.core.detect.LanguageDetector;
import io.parkdoc.core.index.Indexer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same seeds indexed locally and, through the Solr backend, into a 2-shard collection of a real
 * cluster: every search gives the same hits in the same order with the same BM25 scores and the
 * same passages; a document's full text with its matches, its explanation's matched terms and
 * score, and the status agree.
 */
class SolrParityIT {
  @TempDir static Path tmp;
  private static SearchBackend local;
  private static SearchBackend solr;

  @BeforeAll
  static void indexBoth() throws IOException {
    String where = SolrTestCluster.collection("parity_it");
    SolrAdmin admin = new SolrAdmin(new SolrHttp(SolrLocation.parse(where, null)));
    admin.delete();
    admin.init(2, 1);
    Path seeds = tmp.resolve("seeds");
    Seeds.copyTo(seeds);
    IndexLocation localIndex = IndexLocation.of(tmp.resolve("index"));
    IndexLocation solrIndex = IndexLocation.parse(where, tmp);
    for (IndexLocation at : List.of(localIndex, solrIndex)) {
      try (Indexer indexer =
          Backends.indexer(at, IndexOptions.defaults(), new LanguageDetector())) {
        assertEquals(5, indexer.index(List.of(seeds)).added(), "seeds indexed into " + at);
      }
    }
    local = Backends.search(localIndex);
    solr = Backends.search(solrIndex);
  }

  @AfterAll
  static void close() {
    for (SearchBackend b : new SearchBackend[] {local, solr}) {
      if (b != null) {
        b.close();
      }
    }
  }

  private static String show(SearchResults r) {
    List<String> lines = new ArrayList<>();
    lines.add("total " + r.total() + (r.relaxed() ? " relaxed" : "") + " in " + r.languages());
    for (Hit h : r.hits()) {
      lines.add(
          h.rank()
              + " "
              + h.path()
              + " "
              + h.lang()
              + " "
              + String.format(Locale.ROOT, "%.5f", h.score())
              + " "
              + h.title());
      h.snippets().forEach(s -> lines.add("   " + s.text() + " " + s.highlights()));
    }
    return String.join("\n", lines);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "LED",
        "technology innovation",
        "장춘 과학기술",
        "\"혁신 지역\"",
        "科学城",
        "长春 高新区",
        "長春",
        "発展",
        "innovation OR 혁신 OR 革新",
        "innov*",
        "장춘 -LED",
        "北湖未来科学城",
        "lang:en technology",
        "how does the new area build technology",
        "xyzzy plugh"
      })
  void sameHitsScoresAndPassages(String query) {
    SearchRequest request = new SearchRequest(query, Set.of(), 10, 0, 3, false);
    assertEquals(show(local.search(request)), show(solr.search(request)), query);
  }

  @Test
  void samePages() {
    SearchRequest second =
        new SearchRequest("innovation OR 혁신 OR 革新 OR 发展", Set.of(), 2, 2, 1, false);
    assertEquals(show(local.search(second)), show(solr.search(second)));
  }

  @Test
  void sameFullTextAndExplanation() {
    SearchRequest request = new SearchRequest("장춘 과학기술", Set.of(), 10, 0, 3, false);
    Hit top = local.search(request).hits().get(0);
    FullText a = local.fullText(request, false, top.path());
    FullText b = solr.fullText(request, false, top.path());
    assertEquals(a, b);
    assertFalse(a.highlights().isEmpty());
    MatchExplanation x = local.explain(request, false, top.path());
    MatchExplanation y = solr.explain(request, false, top.path());
    assertTrue(y.matched());
    assertEquals(x.matches(), y.matches());
    assertEquals(x.score().value(), y.score().value(), 1e-5);
  }

  @Test
  void sameStatus() {
    IndexStatus a = local.status();
    IndexStatus b = solr.status();
    assertEquals(a.documents(), b.documents());
    assertEquals(a.languages(), b.languages());
    assertEquals(a.sourceBytes(), b.sourceBytes());
    assertEquals(local.languages(), solr.languages());
    assertEquals(2, b.cluster().size(), "one line per shard: " + b.cluster());
    assertTrue(b.cluster().get(0).contains("active"), b.cluster().toString());
  }
}
