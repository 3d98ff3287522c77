package io.parkdoc.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.backend.Backends;
import io.parkdoc.backend.lucene.IndexLayout;
import io.parkdoc.backend.lucene.LuceneSearcher;
import io.parkdoc.core.Hit;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.IndexSummary;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.detect.LanguageDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watch mode: files added, changed, renamed and deleted while watching reach the index. */
class FolderWatcherTest {
  private static final String ENGLISH =
      "The laser industry of the Changchun new area grows quickly.\n";

  @TempDir Path tmp;

  /** The file names of the documents a search for {@code word} finds. */
  private static Set<String> find(IndexLayout layout, String word) {
    if (!layout.exists()) {
      return Set.of();
    }
    try (LuceneSearcher s = LuceneSearcher.open(layout)) {
      Set<String> names = new TreeSet<>();
      for (Hit h : s.search(SearchRequest.of(word)).hits()) {
        names.add(Path.of(h.path()).getFileName().toString());
      }
      return names;
    }
  }

  private static Set<String> paths(IndexLayout layout, String word) {
    try (LuceneSearcher s = LuceneSearcher.open(layout)) {
      Set<String> paths = new TreeSet<>();
      for (Hit h : s.search(SearchRequest.of(word)).hits()) {
        paths.add(h.path());
      }
      return paths;
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out waiting until " + what);
  }

  @Test
  void changesWhileWatchingReachTheIndex() throws Exception {
    Path docs = Files.createDirectories(tmp.resolve("docs"));
    Files.writeString(docs.resolve("first.txt"), ENGLISH + "alphaword\n");
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    List<IndexSummary> batches = new CopyOnWriteArrayList<>();
    Throwable[] failure = {null};
    try (Indexer indexer =
        Backends.indexer(layout, IndexOptions.defaults(), new LanguageDetector())) {
      assertEquals(1, indexer.index(List.of(docs)).added());
      Thread loop;
      try (FolderWatcher watcher = FolderWatcher.start(indexer, List.of(docs))) {
        assertEquals(1, watcher.folders());
        loop =
            new Thread(
                () -> {
                  try {
                    watcher.run(batches::add);
                  } catch (Throwable t) {
                    failure[0] = t;
                  }
                });
        loop.start();

        // added
        Files.writeString(docs.resolve("second.txt"), ENGLISH + "betaword\n");
        await("second.txt is found", () -> find(layout, "betaword").equals(Set.of("second.txt")));
        // changed
        Files.writeString(docs.resolve("first.txt"), ENGLISH + "gammaword\n");
        await(
            "first.txt's new text is found",
            () -> find(layout, "gammaword").equals(Set.of("first.txt")));
        assertTrue(find(layout, "alphaword").isEmpty());
        // renamed
        Files.move(
            docs.resolve("second.txt"),
            docs.resolve("renamed.txt"),
            StandardCopyOption.ATOMIC_MOVE);
        await("the rename is seen", () -> find(layout, "betaword").equals(Set.of("renamed.txt")));
        // a new folder, and a file in it
        Path sub = Files.createDirectories(docs.resolve("sub/deeper"));
        Files.writeString(sub.resolve("inner.txt"), ENGLISH + "deltaword\n");
        await(
            "the file in the new folder is found",
            () -> find(layout, "deltaword").equals(Set.of("inner.txt")));
        Files.writeString(sub.resolve("later.txt"), ENGLISH + "epsilonword\n");
        await(
            "a later file in the new folder is found",
            () -> find(layout, "epsilonword").equals(Set.of("later.txt")));
        // a renamed folder: its documents follow it
        Files.move(docs.resolve("sub"), docs.resolve("sub2"));
        await(
            "the renamed folder's documents have its new path",
            () ->
                paths(layout, "deltaword")
                    .equals(Set.of(docs.resolve("sub2/deeper/inner.txt").toString())));
        Files.writeString(docs.resolve("sub2/deeper/inner.txt"), ENGLISH + "zetaword\n");
        await(
            "a file in the renamed folder is still watched",
            () -> find(layout, "zetaword").equals(Set.of("inner.txt")));
        // a folder moved away takes its documents along
        Files.move(docs.resolve("sub2"), tmp.resolve("outside"));
        await(
            "the moved-away folder's documents are gone",
            () -> find(layout, "zetaword").isEmpty() && find(layout, "epsilonword").isEmpty());
        // an editor's swap and backup files are passed over
        Files.writeString(docs.resolve(".renamed.txt.swp"), ENGLISH + "swapword\n");
        Files.writeString(docs.resolve("renamed.txt~"), ENGLISH + "swapword\n");
        // deleted
        Files.delete(docs.resolve("renamed.txt"));
        await("the deleted file is gone", () -> find(layout, "betaword").isEmpty());
        // a burst of files is indexed in few batches
        int before = batches.size();
        for (int i = 0; i < 50; i++) {
          Files.writeString(docs.resolve("burst" + i + ".txt"), ENGLISH + "burstword\n");
        }
        await("the burst is indexed", () -> find(layout, "burstword").size() == 10);
        await(
            "the burst is committed in full",
            () -> {
              try (LuceneSearcher s = LuceneSearcher.open(layout)) {
                return s.documents() == 51;
              }
            });
        assertTrue(
            batches.size() - before <= 5,
            "debounced: " + (batches.size() - before) + " batches for 50 files");

        indexer.requestStop();
        loop.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(loop.isAlive(), "stops when asked");
      }
    }
    assertEquals(null, failure[0]);
    assertTrue(find(layout, "swapword").isEmpty(), "hidden and backup files are not indexed");
    try (LuceneSearcher s = LuceneSearcher.open(layout)) {
      assertEquals(51, s.documents(), "first.txt and the burst, committed");
    }
  }
}
