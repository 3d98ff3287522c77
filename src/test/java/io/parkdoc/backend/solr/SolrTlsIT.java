package io.parkdoc.backend.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.ParkdocProcess;
import io.parkdoc.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * parkdoc over {@code solrs://}, as a user runs it (the packaged jar, the environment variables),
 * against a TLS cluster of {@code tools/solr-cluster} ({@code SOLR_CLUSTER_TLS=1}: a self-signed
 * certificate for 127.0.0.1) that also asks for basic auth: init, index and search the seeds, and
 * status, with the certificate given as {@code PARKDOC_SOLR_TRUSTSTORE}; without it, over plain
 * HTTP, or with a wrong password, one line and exit status 2. One cluster for the class, stopped at
 * its end.
 */
class SolrTlsIT {
  private static final String USER = "ann:s3cret";

  @TempDir static Path tmp;
  private static Path dir;
  private static String node;
  private static Path seeds;
  private static Path logs;

  @BeforeAll
  static void startTlsCluster() throws IOException {
    Assumptions.assumeTrue(
        Files.isExecutable(SolrTestCluster.root().resolve("tools/solr-cluster")),
        "tools/solr-cluster not found under " + SolrTestCluster.root());
    dir = Files.createTempDirectory("parkdoc-solr-tls-");
    String last =
        SolrTestCluster.script(
            Map.of("SOLR_CLUSTER_TLS", "1", "SOLR_CLUSTER_AUTH", USER), "up", dir.toString());
    assertTrue(last.startsWith("solrs://127.0.0.1:"), "the last line names a TLS node: " + last);
    node = last.substring("solrs://".length()).strip();
    seeds = tmp.resolve("seeds");
    Seeds.copyTo(seeds);
    logs = tmp.resolve("logs");
  }

  @AfterAll
  static void stop() {
    if (dir != null) {
      SolrTestCluster.script("down", dir.toString());
      SolrTestCluster.deleteTree(dir);
    }
  }

  /** The environment of a user who trusts the cluster's certificate and knows the password. */
  private static Map<String, String> trusting() {
    Map<String, String> env = new HashMap<>();
    env.put("PARKDOC_SOLR_TRUSTSTORE", dir.resolve("tls/cert.pem").toString());
    env.put("PARKDOC_SOLR_AUTH", USER);
    env.put("NO_COLOR", "1");
    return env;
  }

  private static ParkdocProcess.Result parkdoc(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return ParkdocProcess.run(tmp, logs, 300, env, args);
  }

  @Test
  void initIndexSearchAndStatusOverTls() throws IOException, InterruptedException {
    String at = "solrs://" + node + "/tls_it";
    Map<String, String> env = trusting();
    ParkdocProcess.Result init =
        parkdoc(env, "--index", at, "solr", "init", "--shards", "2", "--replicas", "2");
    assertEquals(0, init.code(), init.describe());
    ParkdocProcess.Result index = parkdoc(env, "--index", at, "index", seeds.toString());
    assertEquals(0, index.code(), index.describe());
    Path local = tmp.resolve("local-index");
    assertEquals(
        0, parkdoc(env, "--index", local.toString(), "index", seeds.toString()).code(), "local");
    // As a user runs it: query translation on (the default), and off.
    for (String query : new String[] {"장춘 과학기술", "長春", "technology innovation", "laser"}) {
      for (String translate : new String[] {"on", "off"}) {
        ParkdocProcess.Result overTls =
            parkdoc(env, "--index", at, "search", "--translate", translate, query);
        assertEquals(0, overTls.code(), overTls.describe());
        ParkdocProcess.Result locally =
            parkdoc(env, "--index", local.toString(), "search", "--translate", translate, query);
        assertEquals(
            locally.out(), overTls.out(), "the same hits and passages for " + query + translate);
        if (query.equals("laser") && translate.equals("on")) {
          // translated (the line saying so is for a terminal): the Korean, Japanese and
          // Chinese seeds are found through 레이저, レーザー, 激光
          for (String lang : new String[] {"  ko  ", "  ja  ", "  zh-Hans  "}) {
            assertTrue(overTls.out().contains(lang), lang + overTls.describe());
          }
        }
      }
    }
    ParkdocProcess.Result status = parkdoc(env, "--index", at, "status");
    assertEquals(0, status.code(), status.describe());
    assertEquals(
        2, status.out().lines().filter(l -> l.contains("active")).count(), status.describe());
  }

  @Test
  void anUntrustedCertificateIsOneLineAndExit2() throws IOException, InterruptedException {
    Map<String, String> env = trusting();
    env.put("PARKDOC_SOLR_TRUSTSTORE", "");
    ParkdocProcess.Result r = parkdoc(env, "--index", "solrs://" + node + "/x", "status");
    assertEquals(2, r.code(), r.describe());
    assertEquals(1, r.err().strip().lines().count(), r.describe());
    assertTrue(r.err().contains("certificate that is not trusted here"), r.describe());
    assertTrue(r.err().contains("PARKDOC_SOLR_TRUSTSTORE"), r.describe());
  }

  @Test
  void plainHttpToATlsNodeSaysSo() throws IOException, InterruptedException {
    ParkdocProcess.Result r = parkdoc(trusting(), "--index", "solr://" + node + "/x", "status");
    assertEquals(2, r.code(), r.describe());
    assertEquals(1, r.err().strip().lines().count(), r.describe());
    assertTrue(r.err().contains("speaks TLS; use solrs://"), r.describe());
  }

  @Test
  void aWrongPasswordOverTlsIsRefused() throws IOException, InterruptedException {
    Map<String, String> env = trusting();
    env.put("PARKDOC_SOLR_AUTH", "ann:wrong");
    ParkdocProcess.Result r = parkdoc(env, "--index", "solrs://" + node + "/x", "status");
    assertEquals(2, r.code(), r.describe());
    assertEquals(1, r.err().strip().lines().count(), r.describe());
    assertTrue(r.err().contains("refused the credentials"), r.describe());
  }
}
