package io.parkdoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The five sample documents of {@code seeds/}, copied where a test may change or index them. */
public final class Seeds {
  private Seeds() {}

  /** Copies the seeds into {@code dest} (created) and returns the copies in name order. */
  public static List<Path> copyTo(Path dest) throws IOException {
    Path seeds = Path.of("seeds");
    assertTrue(
        Files.isDirectory(seeds),
        "no seeds/ folder in the working directory " + Path.of("").toAbsolutePath());
    Files.createDirectories(dest);
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(seeds)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        out.add(Files.copy(p, dest.resolve(p.getFileName())));
      }
    }
    assertEquals(5, out.size(), "seed files");
    return out;
  }
}
