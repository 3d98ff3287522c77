package io.parkdoc.backend.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.core.IndexStatus;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.SearchResults;
import io.parkdoc.core.analysis.Languages;
import io.parkdoc.term.Paths;
import io.parkdoc.term.StatusReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Languages Lucene can analyse are no longer {@code und} (issue 17): Polish with stempel, Ukrainian
 * with morfologik, Croatian with the Serbian analyzer; a language without one (Hebrew) is {@code
 * und}, and {@code status} says which analyzer each language gets.
 */
class MoreLanguagesTest {
  @TempDir static Path tmp;
  private static LuceneSearcher searcher;

  /** The first articles of the Universal Declaration of Human Rights (copyright-free). */
  private static final Map<String, String> DOCS =
      Map.of(
          "pol.txt",
          "Wszyscy ludzie rodzą się wolni i równi pod względem swej godności i swych praw. Są oni"
              + " obdarzeni rozumem i sumieniem i powinni postępować wobec innych w duchu"
              + " braterstwa.\nKażdy człowiek posiada wszystkie prawa i wolności zawarte w"
              + " niniejszej Deklaracji bez względu na jakiekolwiek różnice rasy, koloru skóry,"
              + " płci, języka, wyznania, poglądów politycznych.",
          "ukr.txt",
          "Всі люди народжуються вільними і рівними у своїй гідності та правах. Вони наділені"
              + " розумом і совістю і повинні діяти у відношенні один до одного в дусі"
              + " братерства.\nКожна людина повинна мати всі права і всі свободи, проголошені цією"
              + " Декларацією, незалежно від раси, кольору шкіри, статі, мови, релігії,"
              + " політичних або інших переконань.",
          "hrv.txt",
          "Sva ljudska bića rađaju se slobodna i jednaka u dostojanstvu i pravima. Ona su"
              + " obdarena razumom i sviješću pa jedna prema drugima trebaju postupati u duhu"
              + " bratstva.\nSvakome pripadaju sva prava i slobode utvrđene u ovoj Deklaraciji bez"
              + " razlike bilo koje vrste, kao što je rasa, boja kože, spol, jezik, vjera.",
          "heb.txt",
          "כל בני האדם נולדו בני חורין ושווים בערכם ובזכויותיהם. כולם חוננו בתבונה ובמצפון,"
              + " לפיכך חובה עליהם לנהוג איש ברעהו ברוח של אחוה.\nכל אדם זכאי לכל הזכויות ולכל"
              + " החירויות שנקבעו בהכרזה זו, ללא הפליה כלשהיא מטעמי גזע, צבע, מין, לשון, דת.");

  @BeforeAll
  static void index() throws IOException {
    Path docs = tmp.resolve("docs");
    Files.createDirectories(docs);
    for (Map.Entry<String, String> d : DOCS.entrySet()) {
      Files.writeString(docs.resolve(d.getKey()), d.getValue() + "\n", StandardCharsets.UTF_8);
    }
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    IndexAndSearchTest.index(layout, docs);
    searcher = LuceneSearcher.open(layout);
  }

  @AfterAll
  static void close() {
    if (searcher != null) {
      searcher.close();
    }
  }

  private static SearchResults search(String q) {
    return searcher.search(new SearchRequest(q, Set.of(), 10, 0, 1, false));
  }

  private static String only(SearchResults r) {
    assertEquals(1, r.hits().size(), () -> r.hits().toString());
    return Path.of(r.hits().get(0).path()).getFileName() + " " + r.hits().get(0).lang();
  }

  @Test
  void eachFileGetsItsLanguage() {
    assertEquals(
        Map.of("pl", 1L, "uk", 1L, "sr", 1L, "und", 1L), Map.copyOf(searcher.status().languages()));
  }

  @Test
  void polishIsStemmed() {
    // godności (genitive) in the text; the nominative finds it only through stempel
    assertEquals("pol.txt pl", only(search("godność")));
  }

  @Test
  void ukrainianIsLemmatized() {
    // гідності in the text; morfologik's lemma is гідність
    assertEquals("ukr.txt uk", only(search("гідність")));
  }

  @Test
  void croatianTakesTheSerbianAnalyzer() {
    // dostojanstvu (locative) in the text
    assertEquals("hrv.txt sr", only(search("dostojanstvo")));
  }

  @Test
  void statusNamesEachLanguagesAnalyzerAndExplainsUnd() {
    IndexStatus s = searcher.status();
    StringWriter text = new StringWriter();
    StatusReport.print(new PrintWriter(text), s, new Paths(tmp));
    String out = text.toString();
    assertTrue(out.contains("pl   " + Languages.analyzerName("pl")), out);
    assertTrue(Languages.analyzerName("pl").contains("stempel"), out);
    assertTrue(out.contains("uk   " + Languages.analyzerName("uk")), out);
    assertTrue(Languages.analyzerName("uk").contains("morfologik"), out);
    assertTrue(out.contains("und  StandardAnalyzer"), out);
    assertTrue(out.contains("und: a language parkdoc has no analyzer for"), out);
    assertTrue(StatusReport.json(s).contains("\"analyzers\":{"), StatusReport.json(s));
  }
}
