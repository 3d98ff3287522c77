package io.parkdoc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.backend.lucene.IndexLayout;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

/**
 * The packaged parkdoc ({@code target/parkdoc.jar}, built by {@code mvn package} before failsafe
 * runs the ITs) started as a separate process, exactly as the launcher starts it, for tests that
 * kill it, signal it or run it as another user.
 */
public final class ParkdocProcess {
  private static final AtomicInteger RUNS = new AtomicInteger();

  /** A finished run. */
  public record Result(int code, String out, String err) {
    public String describe() {
      return "exit "
          + code
          + "\n--- stdout ---\n"
          + out
          + "--- stderr ---\n"
          + err
          + "--------------";
    }
  }

  private final Process process;
  private final Path out;
  private final Path err;

  private ParkdocProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /**
   * The project folder, from system property {@code parkdoc.root} (set by the pom for failsafe).
   */
  public static Path project() {
    return Path.of(System.getProperty("parkdoc.root", "")).toAbsolutePath();
  }

  public static Path jar() {
    Path jar = project().resolve("target/parkdoc.jar");
    assertTrue(Files.isRegularFile(jar), jar + " is missing: the ITs run after 'mvn package'");
    return jar;
  }

  /**
   * Starts {@code parkdoc ARGS} in {@code cwd}, writing its output into {@code logs}; {@code
   * asUser} is a numeric uid to run as (through setpriv, when this JVM is root), or null.
   */
  public static ParkdocProcess start(Path cwd, Path logs, Integer asUser, String... args)
      throws IOException {
    return start(cwd, logs, asUser, Map.of(), args);
  }

  /**
   * As {@link #start(Path, Path, Integer, String...)}, with {@code env} set in its environment (a
   * blank value removes the variable).
   */
  public static ParkdocProcess start(
      Path cwd, Path logs, Integer asUser, Map<String, String> env, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    if (asUser != null) {
      cmd.addAll(List.of("setpriv", "--reuid=" + asUser, "--regid=" + asUser, "--clear-groups"));
    }
    cmd.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "--enable-native-access=ALL-UNNAMED",
            "-jar",
            jar().toString()));
    cmd.addAll(List.of(args));
    int n = RUNS.incrementAndGet();
    Files.createDirectories(logs);
    Path out = logs.resolve("run-" + n + ".out");
    Path err = logs.resolve("run-" + n + ".err");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(cwd.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().put("LC_ALL", "C.UTF-8");
    pb.environment().remove("PARKDOC_INDEX");
    env.forEach(
        (k, v) -> {
          if (v.isBlank()) {
            pb.environment().remove(k);
          } else {
            pb.environment().put(k, v);
          }
        });
    return new ParkdocProcess(pb.start(), out, err);
  }

  /** Runs {@code parkdoc ARGS} to its end (at most {@code seconds}). */
  public static Result run(Path cwd, Path logs, long seconds, String... args)
      throws IOException, InterruptedException {
    return start(cwd, logs, null, args).await(seconds);
  }

  /** Runs {@code parkdoc ARGS} with {@code env} set, to its end (at most {@code seconds}). */
  public static Result run(
      Path cwd, Path logs, long seconds, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return start(cwd, logs, null, env, args).await(seconds);
  }

  public Process process() {
    return process;
  }

  /** Waits for the end, at most {@code seconds}, killing the process when it takes longer. */
  public Result await(long seconds) throws IOException, InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(
          "parkdoc did not finish within " + seconds + " s\n" + result(-1).describe());
    }
    return result(process.exitValue());
  }

  /** Kills it at once, as {@code kill -9} does, and waits until it is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** What it has written so far. */
  public String out() throws IOException {
    return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
  }

  public String err() throws IOException {
    return Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
  }

  public Result result(int code) throws IOException {
    return new Result(code, out(), err());
  }

  /**
   * The documents of the index at {@code root}: each path with the index languages holding it (one
   * entry per copy), as the last commit has them.
   */
  public static Map<String, List<String>> documents(Path root) throws IOException {
    Map<String, List<String>> docs = new TreeMap<>();
    IndexLayout layout = new IndexLayout(root);
    for (String lang : layout.languagesOnDisk()) {
      try (Directory dir = FSDirectory.open(layout.languageDir(lang));
          DirectoryReader r = DirectoryReader.open(dir)) {
        for (LeafReaderContext leaf : r.leaves()) {
          StoredFields stored = leaf.reader().storedFields();
          Bits live = leaf.reader().getLiveDocs();
          for (int i = 0; i < leaf.reader().maxDoc(); i++) {
            if (live == null || live.get(i)) {
              docs.computeIfAbsent(stored.document(i).get("path"), k -> new ArrayList<>())
                  .add(lang);
            }
          }
        }
      }
    }
    return docs;
  }
}
