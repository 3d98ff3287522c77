package io.parkdoc.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.parkdoc.backend.Backends;
import io.parkdoc.backend.lucene.IndexLayout;
import io.parkdoc.backend.lucene.LuceneSearcher;
import io.parkdoc.core.Hit;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.IndexSummary;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.Snippet;
import io.parkdoc.core.detect.LanguageDetector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder of bad input made by the test: none of it stops a run, loses a document or goes
 * unexplained. (The same folder through the command line, and unreadable files for a user that is
 * not root, are in {@code BadInputIT}.)
 */
public class BadInputTest {
  public static final String ENGLISH =
      "The laser industry of the Changchun new area grows quickly.\n";

  /**
   * Makes the bad-input folder under {@code docs}: every kind of file the issue lists, beside two
   * good ones. Returns the names of the files that should be indexed.
   */
  public static List<String> makeBadFolder(Path docs, boolean unreadable)
      throws IOException, InterruptedException {
    Files.createDirectories(docs);
    Files.writeString(docs.resolve("good.txt"), ENGLISH);
    Files.writeString(docs.resolve("good.md"), "# Title\n\n레이저 가공 기술은 장춘 신구의 핵심 산업이다.\n");
    Files.writeString(docs.resolve(".hidden.txt"), ENGLISH);
    Files.writeString(docs.resolve("good.txt~"), ENGLISH);
    Files.writeString(
        docs.resolve("page.html"),
        "<html><head><title>A &amp; B</title></head><body><p>Quorvendal &lt;beam&gt; splitter &eacute;t&eacute;</p>"
            + "<script>var hidden = 'scriptword';</script></body></html>");
    Files.writeString(
        docs.resolve("data.xml"), "<?xml version=\"1.0\"?><doc><p>Xylophonic &#x41;lpha</p></doc>");
    byte[] binary = new byte[20_000];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 31 + i / 7);
    }
    Files.write(docs.resolve("image.png"), binary);
    Files.write(docs.resolve("empty.txt"), new byte[0]);
    Files.write(
        docs.resolve("huge.txt"),
        ENGLISH.repeat(40_000).getBytes(StandardCharsets.UTF_8)); // 2.4 MB
    // invalid UTF-8 in the middle of a UTF-8 text
    byte[] good = (ENGLISH + "레이저 장춘 신구 ").repeat(10).getBytes(StandardCharsets.UTF_8);
    byte[] damaged = new byte[good.length + 3];
    System.arraycopy(good, 0, damaged, 0, 100);
    damaged[100] = (byte) 0xFF;
    damaged[101] = (byte) 0xFE;
    damaged[102] = (byte) 0xC3;
    System.arraycopy(good, 100, damaged, 103, good.length - 100);
    Files.write(docs.resolve("damaged.txt"), damaged);
    // terminal escape sequences in the text: clear the screen, set a title, colour
    Files.writeString(
        docs.resolve("escapes.txt"),
        "Plain start \u001b[2J\u001b]0;owned\u0007 escapeword \u001b[31mred\u001b[0m end.\n");
    Files.createSymbolicLink(docs.resolve("loop"), docs);
    Files.createSymbolicLink(docs.resolve("dangling.txt"), docs.resolve("no-such-target.txt"));
    Files.writeString(docs.resolve("name with\nnewline.txt"), ENGLISH + "newlineword\n");
    Files.writeString(docs.resolve("name \u001b[31m red.txt"), ENGLISH + "escapenameword\n");
    // a name that is not UTF-8 (bytes FF FE), made by the shell since Java cannot spell it
    Process p =
        new ProcessBuilder(
                "bash", "-c", "printf 'invalid name word\\n' > $'" + docs + "/bad-\\xff\\xfe.txt'")
            .redirectErrorStream(true)
            .start();
    assertTrue(
        p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0,
        new String(p.getInputStream().readAllBytes()));
    Process fifo = new ProcessBuilder("mkfifo", docs.resolve("pipe.txt").toString()).start();
    assertTrue(fifo.waitFor(10, TimeUnit.SECONDS) && fifo.exitValue() == 0);
    if (unreadable) {
      Path secret = docs.resolve("secret.txt");
      Files.writeString(secret, ENGLISH);
      Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
      Path locked = Files.createDirectories(docs.resolve("locked"));
      Files.writeString(locked.resolve("inside.txt"), ENGLISH);
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    }
    return List.of(
        "good.txt",
        "good.md",
        "page.html",
        "data.xml",
        "damaged.txt",
        "escapes.txt",
        "name with\nnewline.txt",
        "name \u001b[31m red.txt",
        "bad-\\xFF\\xFE.txt");
  }

  @Test
  void badInputNeverStopsARunAndEverySkipHasAReason(@TempDir Path tmp) throws Exception {
    Path docs = tmp.resolve("docs");
    List<String> indexable = makeBadFolder(docs, false);
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    IndexSummary s;
    try (Indexer indexer =
        Backends.indexer(
            layout, new IndexOptions(null, null, 1 << 20, 2, false), new LanguageDetector())) {
      s = indexer.index(List.of(docs));
    }
    Map<String, String> skipped =
        s.skipped().stream()
            .collect(
                Collectors.toMap(
                    k -> docs.relativize(Path.of(k.path())).toString(),
                    IndexSummary.Skipped::reason));
    assertEquals(
        Map.of(
            "image.png", "binary content",
            "empty.txt", "empty",
            "huge.txt", "larger than --max-size (1 MiB)",
            "loop", "symbolic link loop",
            "dangling.txt", "dangling symbolic link",
            "pipe.txt", "not a regular file"),
        skipped);
    assertFalse(s.hadErrors(), "none of these is an error: " + s.skipped());
    assertEquals(indexable.size(), s.added(), s.toString());
    assertEquals(
        List.of(new IndexSummary.Repaired(docs.resolve("damaged.txt").toString(), 3)),
        s.repaired());

    try (LuceneSearcher searcher = LuceneSearcher.open(layout)) {
      assertEquals(indexable.size(), searcher.documents());
      // markup removed, entities decoded, scripts dropped
      assertEquals(1, searcher.search(SearchRequest.of("quorvendal")).hits().size());
      assertEquals("A & B", searcher.search(SearchRequest.of("quorvendal")).hits().get(0).title());
      assertEquals(1, searcher.search(SearchRequest.of("xylophonic")).hits().size());
      assertTrue(searcher.search(SearchRequest.of("scriptword")).hits().isEmpty());
      // odd names are indexed and found
      assertEquals(1, searcher.search(SearchRequest.of("newlineword")).hits().size());
      assertEquals(1, searcher.search(SearchRequest.of("escapenameword")).hits().size());
      Hit bad = searcher.search(SearchRequest.of("invalid name word")).hits().get(0);
      assertTrue(bad.path().endsWith("/bad-\\xFF\\xFE.txt"), bad.path());
      // a snippet never carries the document's escape sequences
      Hit esc = searcher.search(SearchRequest.of("escapeword")).hits().get(0);
      for (Snippet snippet : esc.snippets()) {
        assertFalse(snippet.text().chars().anyMatch(c -> c < 0x20 || c == 0x7F), snippet.text());
      }
    }

    // a second run: nothing changes, nothing is lost, the same skips
    try (Indexer indexer =
        Backends.indexer(
            layout, new IndexOptions(null, null, 1 << 20, 2, false), new LanguageDetector())) {
      IndexSummary again = indexer.index(List.of(docs));
      assertEquals(0, again.added() + again.updated() + again.removed(), again.toString());
      assertEquals(indexable.size(), again.unchanged());
      assertEquals(s.skipped().size(), again.skipped().size());
    }
  }

  @Test
  void unreadableFilesAreErrorsAndKeepTheirDocuments(@TempDir Path tmp) throws Exception {
    assumeTrue(
        !"root".equals(System.getProperty("user.name")),
        "skipped: root reads every file (BadInputIT runs this as another user)");
    Path docs = tmp.resolve("docs");
    Files.createDirectories(docs.resolve("locked"));
    Files.writeString(docs.resolve("secret.txt"), ENGLISH);
    Files.writeString(docs.resolve("locked/inside.txt"), ENGLISH);
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    try (Indexer indexer =
        Backends.indexer(layout, IndexOptions.defaults(), new LanguageDetector())) {
      assertEquals(2, indexer.index(List.of(docs)).added());
    }
    Files.setPosixFilePermissions(
        docs.resolve("secret.txt"), PosixFilePermissions.fromString("---------"));
    Files.setPosixFilePermissions(
        docs.resolve("locked"), PosixFilePermissions.fromString("---------"));
    try (Indexer indexer =
        Backends.indexer(layout, IndexOptions.defaults(), new LanguageDetector())) {
      IndexSummary s = indexer.index(List.of(docs));
      assertTrue(s.hadErrors());
      assertEquals(0, s.removed(), "a file merely unreadable this time keeps its document");
      assertEquals(2, s.skipped().size(), s.skipped().toString());
      assertTrue(
          s.skipped().stream().allMatch(k -> k.reason().equals("permission denied") && k.error()),
          s.skipped().toString());
    } finally {
      Files.setPosixFilePermissions(
          docs.resolve("locked"), PosixFilePermissions.fromString("rwx------"));
    }
    try (LuceneSearcher searcher = LuceneSearcher.open(layout)) {
      assertEquals(2, searcher.documents());
    }
  }

  @Test
  void fileVanishingDuringTheRunIsNoError(@TempDir Path tmp) throws Exception {
    Path docs = Files.createDirectories(tmp.resolve("docs"));
    for (int i = 0; i < 400; i++) {
      Files.writeString(docs.resolve("f" + i + ".txt"), ENGLISH + i);
    }
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    IndexSummary s;
    try (Indexer indexer =
        Backends.indexer(layout, IndexOptions.defaults().withThreads(1), new LanguageDetector())) {
      Thread deleter =
          new Thread(
              () -> {
                while (indexer.progress().discovered() < 400) {
                  Thread.onSpinWait();
                }
                for (int i = 399; i >= 300; i--) {
                  try {
                    Files.deleteIfExists(docs.resolve("f" + i + ".txt"));
                  } catch (IOException e) {
                    throw new IllegalStateException(e);
                  }
                }
              });
      deleter.start();
      s = indexer.index(List.of(docs));
      deleter.join();
    }
    assertFalse(s.hadErrors(), s.skipped().toString());
    try (LuceneSearcher searcher = LuceneSearcher.open(layout)) {
      assertEquals(s.added(), searcher.documents());
      assertTrue(
          searcher.documents() >= 300,
          "the files that stayed are all there: " + searcher.documents());
    }
    assertTrue(
        s.skipped().stream().allMatch(k -> k.reason().equals("vanished during the run")),
        s.skipped().toString());
  }
}
