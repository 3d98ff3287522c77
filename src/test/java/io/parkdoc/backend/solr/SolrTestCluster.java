package io.parkdoc.backend.solr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real 2-node SolrCloud the Solr tests run against: the one {@code PARKDOC_TEST_SOLR} names
 * (solr://HOST:PORT, started by hand with {@code tools/solr-cluster up DIR}; with {@code
 * PARKDOC_TEST_SOLR_DIR=DIR} the fault tests can kill its nodes), else one this JVM starts with
 * {@code tools/solr-cluster up} in a temporary folder and stops at exit. Tests skip with a message
 * when no cluster can be had.
 */
final class SolrTestCluster {
  private static String location;
  private static Path dir;
  private static String failure;

  private SolrTestCluster() {}

  /**
   * {@code solr://127.0.0.1:PORT} of the cluster's first node; skips the test when there is none.
   */
  static synchronized String location() {
    if (location == null && failure == null) {
      start();
    }
    Assumptions.assumeTrue(failure == null, () -> "no SolrCloud cluster for this test: " + failure);
    return location;
  }

  /** The cluster's state folder for tools/solr-cluster kill-node/start-node; skips when unknown. */
  static synchronized Path dir() {
    location();
    Assumptions.assumeTrue(
        dir != null, "the fault tests need the cluster's folder (PARKDOC_TEST_SOLR_DIR)");
    return dir;
  }

  /** A location of a new collection name on the cluster. */
  static String collection(String name) {
    return location() + "/" + name;
  }

  /** Runs tools/solr-cluster with {@code args}; returns its output's last line. */
  static String script(String... args) {
    return script(java.util.Map.of(), args);
  }

  /** Runs tools/solr-cluster with {@code env} set and {@code args}; returns its last line. */
  static String script(java.util.Map<String, String> env, String... args) {
    Path script = root().resolve("tools/solr-cluster");
    try {
      Path log = Files.createTempFile("solr-cluster", ".log");
      List<String> command = new java.util.ArrayList<>(List.of(script.toString()));
      command.addAll(List.of(args));
      ProcessBuilder pb =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "tools/solr-cluster " + String.join(" ", args) + " took over 5 minutes");
      }
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      Files.delete(log);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            "tools/solr-cluster "
                + String.join(" ", args)
                + " failed: "
                + String.join("\n", lines));
      }
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The project folder (system property parkdoc.root). */
  static Path root() {
    return Path.of(System.getProperty("parkdoc.root", "")).toAbsolutePath();
  }

  static void deleteTree(Path dir) {
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | RuntimeException e) {
      // a temporary folder: the system clears it in time
    }
  }

  private static void start() {
    String given = System.getenv("PARKDOC_TEST_SOLR");
    if (given != null && !given.isBlank()) {
      location = given.strip().replaceAll("/+$", "");
      String d = System.getenv("PARKDOC_TEST_SOLR_DIR");
      dir = d == null || d.isBlank() ? null : Path.of(d);
      return;
    }
    if (!Files.isExecutable(root().resolve("tools/solr-cluster"))) {
      failure = "tools/solr-cluster not found under " + root();
      return;
    }
    try {
      Path d = Files.createTempDirectory("parkdoc-solr-");
      String last = script("up", d.toString());
      if (!last.startsWith("solr://")) {
        failure = "tools/solr-cluster up printed no location: " + last;
        return;
      }
      dir = d;
      location = last.strip();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    script("down", d.toString());
                    deleteTree(d);
                  }));
    } catch (RuntimeException | IOException e) {
      failure = e.getMessage();
    }
  }
}
