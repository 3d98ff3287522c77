package io.parkdoc;

import io.parkdoc.cli.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the launcher's AOT cache: runs the commands a user runs most (help, search in
 * every script with snippets, status) in one JVM, so that the JDK records which classes to load and
 * link ahead of time. Not part of the command line; {@code ./parkdoc} starts it with {@code
 * -XX:AOTCacheOutput} after a build or when the JDK changes.
 *
 * <p>Usage: {@code java -cp parkdoc.jar io.parkdoc.Training --search INDEX} searches an index of
 * the seeds made beforehand (the launcher's way: the indexer's classes then stay out of the cache,
 * whose every class is loaded at start-up); {@code ... Training SEEDS_DIR} indexes the seeds into a
 * temporary folder first and deletes it afterwards. Prints nothing.
 */
public final class Training {
  private Training() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 2 && args[0].equals("--search")) {
      // The index is there already: search only, so that the cache holds no indexing classes.
      train(null, Path.of(args[1]).toAbsolutePath());
      return;
    }
    Path seeds = Path.of(args.length > 0 ? args[0] : "seeds").toAbsolutePath();
    Path work = Files.createTempDirectory("parkdoc-training");
    try {
      train(seeds, work.resolve("index"));
    } finally {
      delete(work);
    }
  }

  /** Runs the commands; indexes {@code seeds} into {@code indexDir} first unless seeds is null. */
  private static void train(Path seeds, Path indexDir) {
    String index = indexDir.toString();
    Path work = indexDir.getParent();
    List<List<String>> runs = new ArrayList<>();
    runs.add(List.of("--help"));
    runs.add(List.of("search", "--help"));
    runs.add(List.of("--version"));
    if (seeds != null && Files.isDirectory(seeds)) {
      runs.add(List.of("--index", index, "index", "--quiet", seeds.toString()));
    }
    if (Files.isDirectory(indexDir) || (seeds != null && Files.isDirectory(seeds))) {
      for (String q :
          List.of(
              "레이저", "レーザー", "激光", "長春", "laser", "LED", "AI 기술", "\"laser industry\"", "laser*")) {
        runs.add(List.of("--index", index, "search", q));
        runs.add(List.of("--index", index, "search", "--json", q));
      }
      runs.add(List.of("--index", index, "search", "--color=always", "laser"));
      runs.add(List.of("--index", index, "status"));
    }
    Environment env = Environment.of(Map.of(), InputStream.nullInputStream(), work);
    for (List<String> run : runs) {
      PrintWriter out =
          new PrintWriter(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
      Main.run(out, out, env, run.toArray(String[]::new));
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
