package io.parkdoc.backend.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parkdoc.core.Hit;
import io.parkdoc.core.SearchRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sentence pasted unquoted ranks the page holding it word for word first, a page where it stands
 * whole before one where it is part of a longer sentence, even where BM25 alone ranks another page
 * first.
 */
class KnownItemTest {
  @TempDir static Path tmp;
  private static Path cyrillic;
  private static Path latin;
  private static Path longer;

  private static final String SENTENCE = "Кликните на дугме Места претраге у траци заглавља.";

  @BeforeAll
  static void index() throws IOException {
    Path docs = tmp.resolve("docs");
    Files.createDirectories(docs);
    cyrillic =
        Files.writeString(
            docs.resolve("sr.txt"),
            "Претрага датотека\n\n"
                + SENTENCE
                + "\nУпишите речи које тражите и притисните Унеси.\n");
    // the Latin edition: the Serbian analyzer reads both alphabets alike, and here the sentence's
    // words stand twice in a shorter text, so BM25 alone ranks this page first
    latin =
        Files.writeString(
            docs.resolve("sr-latin.txt"),
            "Kliknite na dugme Mesta pretrage u traci zaglavlja.\n"
                + "Kliknite na dugme Mesta pretrage u traci zaglavlja.\n");
    longer =
        Files.writeString(
            docs.resolve("sr-longer.txt"),
            "Кликните на дугме Места претраге у траци заглавља прозора, па кликните на дугме Места"
                + " претраге у траци заглавља поново.\n");
    IndexAndSearchTest.index(new IndexLayout(tmp.resolve("index")), docs);
  }

  private static List<String> search(String query) {
    try (LuceneSearcher s = LuceneSearcher.open(new IndexLayout(tmp.resolve("index")))) {
      return s.search(new SearchRequest(query, Set.of(), 10, 0, 0, true)).hits().stream()
          .map(Hit::path)
          .toList();
    }
  }

  @Test
  void aPastedSentenceRanksItsOwnPageFirst() {
    List<String> hits = search(SENTENCE);
    assertEquals(cyrillic.toString(), hits.get(0), hits::toString);
  }

  @Test
  void aWholeSentenceComesBeforeAPageHoldingItInsideALongerOne() {
    // without its full stop the pasted text stands in all three pages' Cyrillic text or not at all
    List<String> hits = search("Кликните на дугме Места претраге у траци заглавља");
    assertEquals(List.of(cyrillic.toString(), longer.toString()), hits.subList(0, 2));
  }

  @Test
  void tiersTellAWholeSentenceFromAPartOfOne() {
    var p = VerbatimScan.pattern("Print the document.");
    assertEquals(2, KnownItem.tier(p, "Title\nPrint the document.\nMore."));
    assertEquals(2, KnownItem.tier(p, "Open it. Print   the\ndocument. Close it."));
    assertEquals(1, KnownItem.tier(p, "Then Print the document. Close it."));
    assertEquals(0, KnownItem.tier(p, "Print the documents."));
    var heading = VerbatimScan.pattern("Fill Format Mode");
    assertEquals(2, KnownItem.tier(heading, "Styles\nFill Format Mode\nApplies the style."));
    assertEquals(1, KnownItem.tier(heading, "Click the Fill Format Mode icon."));
  }

  private static String pasted(String query) {
    return KnownItem.pasted(
        io.parkdoc.core.query.QueryPlan.of(new SearchRequest(query, Set.of(), 10, 0, 0, true)));
  }

  @Test
  void pastedTextIsTwoWordsOrAPathOrACjkRunNotAWord() {
    assertEquals("Record separator", pasted("Record separator"));
    assertEquals("ui.SetStatusbar", pasted("ui.SetStatusbar"));
    assertEquals("/etc/dconf/profile/user:", pasted("/etc/dconf/profile/user:"));
    assertEquals("按一下按鈕以開啟對話方塊", pasted("按一下按鈕以開啟對話方塊"));
    assertEquals(null, pasted("Hjälpmedelsikoner"));
    assertEquals(null, pasted("the cat"), "too few letters for a line");
    assertEquals(null, pasted("well-known"));
  }
}
