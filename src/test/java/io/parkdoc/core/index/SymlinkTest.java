package io.parkdoc.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.backend.Backends;
import io.parkdoc.backend.lucene.IndexLayout;
import io.parkdoc.backend.lucene.LuceneSearcher;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.IndexSummary;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.detect.LanguageDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symbolic links cannot carry files from outside the indexed folder into the index (issue 17: a
 * link to /etc put /etc/shadow in it), and the index is private to its owner whatever the umask.
 */
class SymlinkTest {
  private static final String TEXT = "The quorvendal laser of the outside folder works well.\n";

  /** docs/ holds one file of its own, a link out to outside/, and links inside it. */
  private static Path makeTree(Path tmp) throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), TEXT);
    Path docs = Files.createDirectories(tmp.resolve("docs"));
    Files.writeString(docs.resolve("own.txt"), "Plain zylophar words of the indexed folder.\n");
    Path sub = Files.createDirectories(docs.resolve("sub"));
    Files.writeString(sub.resolve("inner.txt"), "Hidden marwendel text under a hidden folder.\n");
    Files.createSymbolicLink(docs.resolve("etc-link"), outside);
    Files.createSymbolicLink(docs.resolve("secret-link.txt"), outside.resolve("secret.txt"));
    // two links to the same folder inside: followed once
    Files.createSymbolicLink(docs.resolve("again-1"), sub);
    Files.createSymbolicLink(docs.resolve("again-2"), sub);
    return docs;
  }

  private static IndexSummary index(Path index, Path docs, boolean follow) {
    try (Indexer indexer =
        Backends.indexer(
            new IndexLayout(index),
            new IndexOptions(null, null, 1 << 20, 2, false).withFollowLinks(follow),
            new LanguageDetector())) {
      return indexer.index(List.of(docs));
    }
  }

  private static Map<String, String> skipped(IndexSummary s, Path docs) {
    return s.skipped().stream()
        .collect(
            Collectors.toMap(
                k -> docs.relativize(Path.of(k.path())).toString(), IndexSummary.Skipped::reason));
  }

  @Test
  void linksOutOfTheFolderAreNotFollowedWithoutFollow(@TempDir Path tmp) throws Exception {
    Path docs = makeTree(tmp);
    IndexSummary s = index(tmp.resolve("index"), docs, false);
    Map<String, String> skipped = skipped(s, docs);
    assertEquals(FolderWalk.LINK_OUTSIDE, skipped.get("etc-link"), skipped.toString());
    assertEquals(FolderWalk.LINK_OUTSIDE, skipped.get("secret-link.txt"), skipped.toString());
    assertFalse(s.hadErrors(), "a link not followed is no error");
    try (LuceneSearcher searcher = LuceneSearcher.open(new IndexLayout(tmp.resolve("index")))) {
      assertTrue(
          searcher.search(SearchRequest.of("quorvendal")).hits().isEmpty(),
          "the file outside the folder is not in the index");
      assertEquals(1, searcher.search(SearchRequest.of("zylophar")).hits().size());
      // sub/ itself and one of the two links to it: the same folder is not entered twice via links
      assertEquals(2, searcher.search(SearchRequest.of("marwendel")).hits().size());
    }
    long again = skipped.values().stream().filter(FolderWalk.LINK_AGAIN::equals).count();
    assertEquals(1, again, skipped.toString());
  }

  @Test
  void followFollowsLinksOutOfTheFolder(@TempDir Path tmp) throws Exception {
    Path docs = makeTree(tmp);
    IndexSummary s = index(tmp.resolve("index"), docs, true);
    assertFalse(skipped(s, docs).containsValue(FolderWalk.LINK_OUTSIDE), s.skipped().toString());
    try (LuceneSearcher searcher = LuceneSearcher.open(new IndexLayout(tmp.resolve("index")))) {
      // through the folder link and through the file link
      assertEquals(2, searcher.search(SearchRequest.of("quorvendal")).hits().size());
    }
  }

  @Test
  void aFolderNamedOnTheCommandLineIsFollowedEvenWhenItIsALink(@TempDir Path tmp) throws Exception {
    Path docs = makeTree(tmp);
    Path top = tmp.resolve("top-link");
    Files.createSymbolicLink(top, docs);
    IndexSummary s = index(tmp.resolve("index"), top, false);
    // own.txt, sub/inner.txt and inner.txt through one link to sub; the links out are skipped
    assertEquals(3, s.added(), s.toString());
    assertEquals(FolderWalk.LINK_OUTSIDE, skipped(s, top).get("etc-link"));
  }

  @Test
  void theIndexIsPrivateWhateverTheUmask(@TempDir Path tmp) throws Exception {
    Path docs = makeTree(tmp);
    Path index = tmp.resolve("deep/index");
    index(index, docs, false);
    assertEquals("rwx------", perms(index));
    assertEquals("rw-------", perms(index.resolve("manifest.properties")));
    try (Stream<Path> langs = Files.list(index)) {
      for (Path p : langs.filter(Files::isDirectory).toList()) {
        assertEquals("rwx------", perms(p), p.toString());
      }
    }
    // an index an older parkdoc left readable by all is made private by the next run
    Files.setPosixFilePermissions(index, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        index.resolve("manifest.properties"), PosixFilePermissions.fromString("rw-r--r--"));
    index(index, docs, false);
    assertEquals("rwx------", perms(index));
    assertEquals("rw-------", perms(index.resolve("manifest.properties")));
  }

  static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
