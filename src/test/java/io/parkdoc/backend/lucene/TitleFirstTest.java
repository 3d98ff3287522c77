package io.parkdoc.backend.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.core.MatchExplanation;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.SearchResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short query's words at a document's very beginning, where its title stands, count more
 * (TranslatedWords.start, QueryBuilder.withStart): the page titled "Pivot table" ranks above a page
 * that uses the words more often further down.
 */
class TitleFirstTest {
  @TempDir static Path tmp;
  private static LuceneSearcher searcher;

  private static final String TITLED =
      """
      Sort key

      Orders a range of cells by the values of a chosen column, ascending or descending. Choose \
      the column, then the direction; the range is rearranged whenever its values change, and \
      filters apply as in any other range of the sheet.
      """;

  private static final String MENTIONS =
      """
      Working with data ranges

      A data range is a block of cells with a label in each column, which the sheet recognises \
      by itself when the cursor stands in it. Its rows can be filtered, and the filter kept with \
      the document. In the dialog, a sort key names the column the rows follow; a second sort key \
      orders the rows that the first leaves equal.
      """;

  @BeforeAll
  static void index() throws IOException {
    Path docs = tmp.resolve("docs");
    Files.createDirectories(docs);
    Files.writeString(docs.resolve("titled.txt"), TITLED, StandardCharsets.UTF_8);
    Files.writeString(docs.resolve("mentions.txt"), MENTIONS, StandardCharsets.UTF_8);
    for (int i = 0; i < 30; i++) {
      Files.writeString(
          docs.resolve("other" + i + ".txt"),
          "Page "
              + i
              + "\n\nThe cells of this sheet hold numbers, dates and text for the report.\n",
          StandardCharsets.UTF_8);
    }
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    IndexAndSearchTest.index(layout, docs);
    searcher = LuceneSearcher.open(layout);
  }

  @AfterAll
  static void close() {
    searcher.close();
  }

  @Test
  void thePageTitledWithTheQueryComesFirst() {
    for (boolean translate : List.of(false, true)) {
      SearchRequest request = new SearchRequest("sort key", Set.of(), 10, 0, 1, false, translate);
      SearchResults r = searcher.search(request);
      assertEquals(
          List.of("titled.txt", "mentions.txt"),
          IndexAndSearchTest.names(r),
          "translate " + translate);
      MatchExplanation titled = searcher.explain(request, false, r.hits().get(0).path());
      MatchExplanation mentions = searcher.explain(request, false, r.hits().get(1).path());
      double bonus = startBonus(titled.score());
      assertTrue(bonus > 0, titled.score().toString());
      assertEquals(0, startBonus(mentions.score()), mentions.score().toString());
      assertTrue(
          titled.score().value() - bonus < mentions.score().value(),
          () ->
              "the premise: without the start, the page using the words twice ranks first: "
                  + titled.score().value()
                  + " - "
                  + bonus
                  + " against "
                  + mentions.score().value());
    }
  }

  /** What the start clause added to a score: its interval query's part, 0 if none. */
  private static double startBonus(MatchExplanation.ScorePart e) {
    if (e.description().startsWith("Saturation function") && mentionsStart(e)) {
      return e.value();
    }
    double sum = 0;
    for (MatchExplanation.ScorePart d : e.details()) {
      sum += startBonus(d);
    }
    return sum;
  }

  private static boolean mentionsStart(MatchExplanation.ScorePart e) {
    return e.description().contains("START/")
        || e.details().stream().anyMatch(TitleFirstTest::mentionsStart);
  }
}
