package io.parkdoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.backend.lucene.IndexLayout;
import io.parkdoc.backend.lucene.LuceneSearcher;
import io.parkdoc.core.SearchRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at several moments of a real indexing process: each time the index opens and
 * answers, and a run to the end converges on exactly the documents of a clean run, with no
 * duplicate, also when the files changed (and changed language) between the crashes.
 */
class CrashSafetyIT {
  private static final int FILES = 2500;

  @TempDir Path tmp;
  private Path docs;
  private Path logs;

  /**
   * {@code FILES} documents made from the five seeds (two Korean, Japanese, Chinese, English): each
   * a rotation of its seed's lines plus a word of its own.
   */
  private void makeDocuments() throws IOException {
    Path seeds = ParkdocProcess.project().resolve("seeds");
    List<List<String>> lines = new ArrayList<>();
    try (Stream<Path> s = Files.list(seeds)) {
      for (Path p : s.sorted().toList()) {
        lines.add(Files.readAllLines(p).stream().filter(l -> !l.isBlank()).toList());
      }
    }
    for (int i = 0; i < FILES; i++) {
      List<String> seed = lines.get(i % lines.size());
      StringBuilder text = new StringBuilder();
      for (int k = 0; k < seed.size(); k++) {
        text.append(seed.get((k + i) % seed.size())).append('\n');
        if (text.length() > 1500 + (i % 7) * 300) {
          break;
        }
      }
      text.append("docword").append(i).append('\n');
      Path f = docs.resolve(String.format("d%02d/f%04d.txt", i % 25, i));
      Files.createDirectories(f.getParent());
      Files.writeString(f, text, StandardCharsets.UTF_8);
    }
  }

  private static void await(String what, long seconds, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("timed out waiting until " + what);
  }

  private static boolean committed(Path index) {
    IndexLayout layout = new IndexLayout(index);
    return layout.exists() && !layout.languagesOnDisk().isEmpty();
  }

  private static int committedDocuments(Path index) {
    if (!committed(index)) {
      return 0;
    }
    try {
      return ParkdocProcess.documents(index).size();
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * The index opens and answers a query; when {@code onlyAdds} (no document changed language, so
   * none can be in two indices), it holds no path twice.
   */
  private static void assertUsable(Path index, String when, boolean onlyAdds) throws IOException {
    if (!new IndexLayout(index).exists()) {
      System.out.println(when + ": no commit yet");
      return; // killed before the first commit: nothing to open yet, nothing lost
    }
    Map<String, List<String>> docs = ParkdocProcess.documents(index);
    System.out.println(
        when
            + ": "
            + docs.size()
            + " of "
            + FILES
            + " paths committed, "
            + docs.values().stream().filter(l -> l.size() > 1).count()
            + " in two indices");
    try (LuceneSearcher s = LuceneSearcher.open(new IndexLayout(index))) {
      if (onlyAdds) {
        assertEquals(
            docs.size(),
            s.documents(),
            when
                + ": no path twice, "
                + s.documents()
                + " documents for "
                + docs.size()
                + " paths");
      }
      if (!docs.isEmpty()) {
        assertTrue(
            s.search(SearchRequest.of("docword1 OR laser OR 레이저 OR 激光 OR レーザ")).total() > 0,
            when + ": answers");
      }
    }
  }

  private ParkdocProcess index(Path index, String... extra) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of("--index", index.toString(), "index", "-q", "--commit-every", "0.3"));
    args.addAll(List.of(extra));
    args.add(docs.toString());
    return ParkdocProcess.start(tmp, logs, null, args.toArray(String[]::new));
  }

  private Map<String, List<String>> cleanRun(String name) throws Exception {
    Path clean = tmp.resolve(name);
    ParkdocProcess.Result r = index(clean).await(600);
    assertEquals(0, r.code(), r::describe);
    Map<String, List<String>> docs = ParkdocProcess.documents(clean);
    docs.values().forEach(l -> assertEquals(1, l.size(), "a clean run has one copy of each"));
    return docs;
  }

  @Test
  void killedAtAnyMomentTheIndexStaysUsableAndConverges() throws Exception {
    docs = tmp.resolve("docs");
    logs = tmp.resolve("logs");
    makeDocuments();
    Map<String, List<String>> clean = cleanRun("clean-1");
    assertEquals(FILES, clean.size());
    Path index = tmp.resolve("crashed");

    // 1. killed at once, before any commit
    ParkdocProcess p = index(index);
    Thread.sleep(300);
    p.kill();
    assertUsable(index, "killed at start", true);

    // 2. killed right after the first commit
    p = index(index);
    ParkdocProcess first = p;
    await("the first commit", 300, () -> committed(index) || !first.process().isAlive());
    p.kill();
    assertUsable(index, "killed after the first commit", true);

    // 3. killed half way
    int before = committedDocuments(index);
    p = index(index);
    ParkdocProcess half = p;
    await(
        "half the files are committed",
        300,
        () ->
            committedDocuments(index) >= Math.max(before + 1, FILES / 2)
                || !half.process().isAlive());
    p.kill();
    assertUsable(index, "killed half way", true);
    assertTrue(
        committedDocuments(index) > before,
        "a killed run keeps what it committed: " + before + " -> " + committedDocuments(index));

    // 4. a run to the end converges on the clean run's documents
    ParkdocProcess.Result done = index(index).await(600);
    assertEquals(0, done.code(), done::describe);
    assertEquals(clean, ParkdocProcess.documents(index));

    // 5. files edited, deleted and turned into another language, then killed at random moments
    Random random = new Random(4);
    for (int i = 0; i < FILES; i += 7) {
      Path f = docs.resolve(String.format("d%02d/f%04d.txt", i % 25, i));
      switch (i % 3) {
        case 0 -> Files.delete(f);
        case 1 -> Files.writeString(f, Files.readString(f) + "edited " + i + "\n");
        default ->
            Files.writeString(
                f,
                (i % 2 == 0 ? "The laser plant in Changchun grows. " : "레이저 산업은 장춘에서 성장한다. ")
                        .repeat(20)
                    + "\ndocword"
                    + i
                    + "\n");
      }
    }
    Map<String, List<String>> clean2 = cleanRun("clean-2");
    for (int k = 0; k < 3; k++) {
      p = index(index);
      Thread.sleep(1500 + random.nextInt(2500));
      p.kill();
      assertUsable(index, "killed after the edits, " + (k + 1), false);
    }
    done = index(index).await(600);
    assertEquals(0, done.code(), done::describe);
    assertEquals(clean2, ParkdocProcess.documents(index), "converged after the edits");
    try (LuceneSearcher s = LuceneSearcher.open(new IndexLayout(index))) {
      assertEquals(clean2.size(), s.documents());
    }
  }
}
