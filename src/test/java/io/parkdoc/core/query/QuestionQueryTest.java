package io.parkdoc.core.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.backend.lucene.IndexAndSearchTest;
import io.parkdoc.backend.lucene.IndexLayout;
import io.parkdoc.backend.lucene.LuceneSearcher;
import io.parkdoc.core.SearchRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How questions are searched: their question words are dropped ({@link QuestionWords}) unless
 * nothing else is left, and in the languages with rich morphology a shared stem prefix counts (the
 * stem-prefix bonus of {@link QueryCompiler}).
 */
class QuestionQueryTest {
  @TempDir static Path tmp;
  private static LuceneSearcher searcher;

  @BeforeAll
  static void index() throws IOException {
    Path docs = Files.createDirectories(tmp.resolve("docs"));
    // Indexed in name order: on equal scores the first file would rank first.
    Files.writeString(
        docs.resolve("a-en.txt"),
        "What a day: the team won the final, and what a final it was for everyone.");
    Files.writeString(
        docs.resolve("b-en.txt"),
        "Laser cutting explained: how a focused laser beam cuts steel sheets.");
    Files.writeString(
        docs.resolve("c-ru.txt"),
        "Команда выиграла в полуфинале прошлой осенью, и болельщики радовались весь вечер.");
    Files.writeString(
        docs.resolve("d-ru.txt"),
        "Команда выиграла в Суперкубке прошлой осенью, и болельщики радовались весь вечер.");
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    IndexAndSearchTest.index(layout, docs);
    searcher = LuceneSearcher.open(layout);
  }

  @AfterAll
  static void close() {
    searcher.close();
  }

  private static List<String> files(String query) {
    return searcher.search(new SearchRequest(query, Set.of(), 10, 0, 0, true)).hits().stream()
        .map(h -> Path.of(h.path()).getFileName().toString())
        .toList();
  }

  private static String plan(String query) {
    return searcher.query(new SearchRequest(query, Set.of(), 10, 0, 0, true), false).toString();
  }

  @Test
  void questionWordsAreNotSearchedInAQuestion() {
    assertFalse(
        plan("What is laser cutting?").contains("text_en:what"), plan("What is laser cutting?"));
    assertTrue(
        plan("What is laser cutting?").contains("text_en:laser"), plan("What is laser cutting?"));
    // "what" twice in a-en would otherwise rank it for a question about lasers it never mentions.
    assertEquals(
        List.of("b-en.txt"),
        files("What is laser cutting?").stream().filter(f -> f.endsWith("-en.txt")).toList());
  }

  @Test
  void aQuestionWordAloneIsStillSearchedFor() {
    assertEquals("a-en.txt", files("what").get(0));
    assertEquals("a-en.txt", files("What?").get(0));
    assertTrue(plan("What?").contains("text_en:what"), plan("What?"));
  }

  @Test
  void russianQuestionFindsTheInflectedFormItsStemmerMisses() {
    // Snowball stems Суперкубок to суперкубок but Суперкубке to суперкубк: only the stem prefix
    // суперкуб links them. Without it, c-ru and d-ru tie on выиграла and c-ru comes first.
    String plan = plan("Кто выиграл Суперкубок?");
    assertTrue(plan.contains("text_ru:суперкуб*"), plan);
    assertFalse(plan.contains("text_ru:кто"), plan);
    assertEquals("d-ru.txt", files("Кто выиграл Суперкубок?").get(0));
  }

  @Test
  void englishQuestionsGetNoStemPrefixes() {
    assertFalse(
        plan("Which laser cutting machines exist?").contains("*"),
        plan("Which laser cutting machines exist?"));
  }
}
