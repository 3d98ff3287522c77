package io.parkdoc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Access to the real text in {@code ../shared/corpora}: unpacks the archives a test needs into a
 * scratch folder once per JVM, and skips the test with a clear message where they are absent.
 */
public final class SharedCorpora {
  private static final ConcurrentHashMap<String, Path> UNPACKED = new ConcurrentHashMap<>();

  private SharedCorpora() {}

  /** The corpora folder, from system property {@code parkdoc.shared} or {@code ../shared}. */
  public static Path dir() {
    return Path.of(System.getProperty("parkdoc.shared", "../shared"))
        .resolve("corpora")
        .toAbsolutePath()
        .normalize();
  }

  /**
   * Unpacks {@code members} (folders or files inside the archive; none for all) of {@code
   * <name>.tar.xz} and returns the scratch folder they were unpacked into. Skips the calling test
   * when the archive is absent.
   */
  public static Path unpack(String name, String... members) {
    Path archive = dir().resolve(name + ".tar.xz");
    Assumptions.assumeTrue(
        Files.isRegularFile(archive),
        "skipped: " + archive + " is absent (the shared corpora are not on this machine)");
    String key = name + "|" + String.join("|", members);
    return UNPACKED.computeIfAbsent(
        key,
        k -> {
          try {
            Path target = Files.createTempDirectory("parkdoc-" + name + "-");
            List<String> cmd =
                new ArrayList<>(
                    List.of("tar", "-xJf", archive.toString(), "-C", target.toString()));
            cmd.addAll(List.of(members));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
              throw new IllegalStateException("tar failed on " + archive + ": " + output);
            }
            return target;
          } catch (IOException e) {
            throw new IllegalStateException("cannot unpack " + archive, e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        });
  }
}
