package io.parkdoc.backend.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.Main;
import io.parkdoc.backend.Backends;
import io.parkdoc.core.DocumentStore;
import io.parkdoc.core.IndexLocation;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.IndexSummary;
import io.parkdoc.core.ParkdocException;
import io.parkdoc.core.SearchBackend;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.detect.LanguageDetector;
import io.parkdoc.core.index.Indexer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults against the real 2-node cluster of {@code tools/solr-cluster}, on collections with
 * replication factor 2: a node killed while searching or indexing loses nothing; a second indexer
 * is refused; a cluster that cannot be reached is one clear line and exit 2.
 */
class SolrFaultIT {
  @TempDir Path tmp;

  @Test
  void unreachableClusterIsOneLineAndExit2() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(err),
            "--index",
            "solr://127.0.0.1:1/nothing",
            "search",
            "anything");
    assertEquals(2, code, err.toString());
    assertEquals(1, err.toString().strip().lines().count(), err.toString());
    assertTrue(
        err.toString().contains("cannot reach the Solr cluster at 127.0.0.1:1"), err.toString());
  }

  @Test
  void aSecondIndexerIsRefused() {
    String where = SolrTestCluster.collection("lock_it");
    SolrAdmin admin = new SolrAdmin(new SolrHttp(SolrLocation.parse(where, null)));
    admin.delete();
    admin.init(1, 1);
    IndexLocation at = IndexLocation.parse(where, tmp);
    try (DocumentStore first = Backends.store(at, false)) {
      ParkdocException e = assertThrows(ParkdocException.class, () -> Backends.store(at, false));
      assertTrue(e.getMessage().contains("another parkdoc is indexing"), e.getMessage());
    }
    try (DocumentStore again = Backends.store(at, false)) {
      assertEquals(0, again.existing().size()); // the lock was released, and is no document
    }
  }

  @Test
  void searchKeepsAnsweringWithANodeDown() throws IOException {
    Path dir = SolrTestCluster.dir();
    String where = SolrTestCluster.collection("search_fault_it");
    SolrAdmin admin = new SolrAdmin(new SolrHttp(SolrLocation.parse(where, null)));
    admin.delete();
    admin.init(2, 2);
    IndexLocation at = IndexLocation.parse(where, tmp);
    Path docs = write(tmp.resolve("docs"), 40);
    try (Indexer indexer = Backends.indexer(at, IndexOptions.defaults(), new LanguageDetector())) {
      assertEquals(40, indexer.index(List.of(docs)).added());
    }
    SearchRequest request = new SearchRequest("harbour lighthouse", Set.of(), 50, 0, 1, false);
    String node2 = "127.0.0.1:" + Files.readString(dir.resolve("node2/port")).strip();
    try (SearchBackend open = Backends.search(at)) {
      List<String> before = hits(open, request);
      assertEquals(40, before.size());
      // Node 1 is the one the location names: the open backend must go to node 2 by itself, and
      // a new one finds it when the location names both.
      SolrTestCluster.script("kill-node", dir.toString(), "1");
      try {
        for (int i = 0; i < 5; i++) {
          assertEquals(before, hits(open, request));
        }
        IndexLocation both =
            IndexLocation.parse(
                where.replace("/search_fault_it", "," + node2 + "/search_fault_it"), tmp);
        try (SearchBackend fresh = Backends.search(both)) {
          assertEquals(before, hits(fresh, request));
        }
      } finally {
        SolrTestCluster.script("start-node", dir.toString(), "1");
      }
    }
  }

  @Test
  void aNodeKilledWhileIndexingLosesNothing() throws Exception {
    Path dir = SolrTestCluster.dir();
    String where = SolrTestCluster.collection("index_fault_it");
    SolrAdmin admin = new SolrAdmin(new SolrHttp(SolrLocation.parse(where, null)));
    admin.delete();
    admin.init(2, 2);
    IndexLocation at = IndexLocation.parse(where, tmp);
    int n = 3000;
    Path docs = write(tmp.resolve("docs"), n);
    CompletableFuture<IndexSummary> run =
        CompletableFuture.supplyAsync(
            () -> {
              try (Indexer indexer =
                  Backends.indexer(at, IndexOptions.defaults(), new LanguageDetector())) {
                return indexer.index(List.of(docs));
              }
            });
    Thread.sleep(1500);
    SolrTestCluster.script("kill-node", dir.toString(), "2");
    IndexSummary summary;
    try {
      summary = run.get(5, TimeUnit.MINUTES);
    } finally {
      SolrTestCluster.script("start-node", dir.toString(), "2");
    }
    assertEquals(n, summary.added(), summary.toString());
    try (SearchBackend solr = Backends.search(at)) {
      assertEquals(n, solr.documents());
      assertEquals(
          n, solr.search(new SearchRequest("lighthouse", Set.of(), 1, 0, 0, false)).total());
    }
  }

  /**
   * The hits' paths and scores, sorted: the documents tie in groups, and a tie's order depends on
   * which replica of each shard answered.
   */
  private static List<String> hits(SearchBackend backend, SearchRequest request) {
    return backend.search(request).hits().stream()
        .map(h -> h.path() + " " + h.score())
        .sorted()
        .toList();
  }

  /** {@code n} small English documents that all hold "lighthouse" and most "harbour". */
  private static Path write(Path dir, int n) throws IOException {
    Files.createDirectories(dir);
    String[] words = {
      "harbour", "lighthouse", "keeper", "storm", "ships", "coast", "night", "signal", "fog", "bell"
    };
    for (int i = 0; i < n; i++) {
      StringBuilder text = new StringBuilder("Report " + i + " on the lighthouse. ");
      for (int w = 0; w < 40; w++) {
        text.append(words[(i * 7 + w * 3) % words.length]).append(w % 9 == 8 ? ". " : " ");
      }
      Files.writeString(dir.resolve("doc-" + i + ".txt"), text, StandardCharsets.UTF_8);
    }
    return dir;
  }
}
