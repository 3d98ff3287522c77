package io.parkdoc.backend.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.core.Hit;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.SearchResults;
import io.parkdoc.core.Snippet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quoted string that stands verbatim in a file finds it, as {@code rg -F} would, where the index
 * alone cannot: stop words only, and a string that crosses from one language's part of a file into
 * another's.
 */
class VerbatimScanTest {
  @TempDir static Path tmp;
  private static Path german;
  private static Path english;
  private static Path korean;

  @BeforeAll
  static void index() throws IOException {
    Path docs = tmp.resolve("docs");
    Files.createDirectories(docs);
    german =
        Files.writeString(
            docs.resolve("de.txt"),
            "Optionen für den Dokumentvergleich. Legen Sie hier die Eigenschaften fest, die beim"
                + " Vergleichen zweier Dokumente gelten sollen, und speichern Sie sie.\n");
    english =
        Files.writeString(
            docs.resolve("en.txt"),
            "The cells containing text are ignored by this function, which is used in\n"
                + "the statistics of a sheet whose values are spread over several ranges.\n");
    korean = Files.writeString(docs.resolve("ko.txt"), MixedLanguageTest.KOREAN_WITH_ENGLISH);
    IndexAndSearchTest.index(new IndexLayout(tmp.resolve("index")), docs);
  }

  private static SearchResults search(String query, String... langs) {
    try (LuceneSearcher s = LuceneSearcher.open(new IndexLayout(tmp.resolve("index")))) {
      return s.search(new SearchRequest(query, Set.of(langs), 10, 0, 1, false));
    }
  }

  private static List<String> paths(SearchResults r) {
    return r.hits().stream().map(Hit::path).toList();
  }

  /** The highlighted text of a hit's first passage. */
  private static String highlighted(Hit hit) {
    Snippet s = hit.snippets().get(0);
    Snippet.Span span = s.highlights().get(0);
    return s.text().substring(span.start(), span.end());
  }

  @Test
  void stopWordsAloneAreFoundVerbatim() {
    SearchResults r = search("\"für den\"");
    assertEquals(List.of(german.toString()), paths(r));
    assertEquals(1, r.total());
    assertEquals("für den", highlighted(r.hits().get(0)));
    assertTrue(r.stopWords().isEmpty(), "found: no stop-word note");
  }

  @Test
  void aLineBreakInTheFileMatchesASpaceInTheQuote() {
    SearchResults r = search("\"used in the\"");
    assertEquals(List.of(english.toString()), paths(r));
  }

  @Test
  void aStringCrossingFromTheKoreanPartIntoTheEnglishOneFindsTheFile() {
    // the Korean paragraph's last words and the English paragraph's first: in no one part
    SearchResults r = search("\"산포를 나타냅니다. Returns the average\"");
    assertEquals(List.of(korean.toString()), paths(r));
    assertTrue(highlighted(r.hits().get(0)).startsWith("산포를"), highlighted(r.hits().get(0)));
  }

  @Test
  void languagesAskedForAreRespected() {
    assertTrue(search("\"für den\"", "en").hits().isEmpty());
    assertEquals(List.of(german.toString()), paths(search("\"für den\"", "de")));
  }

  @Test
  void pathAndLanguageFiltersBesideTheQuoteAreKept() {
    assertEquals(List.of(german.toString()), paths(search("\"für den\" path:de.txt")));
    assertTrue(search("\"für den\" path:en.txt").hits().isEmpty());
    assertTrue(search("\"für den\" -path:de.txt").hits().isEmpty());
    assertTrue(search("\"für den\" lang:ko").hits().isEmpty());
  }

  @Test
  void aStringInNoFileFindsNothing() {
    SearchResults r = search("\"Dokumentvergleich zweier\"");
    assertTrue(r.hits().isEmpty());
    assertEquals(0, r.total());
    assertFalse(paths(search("\"in the statistics\"")).isEmpty(), "an indexed phrase still found");
  }
}
