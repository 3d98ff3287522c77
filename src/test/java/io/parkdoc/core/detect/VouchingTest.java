package io.parkdoc.core.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Paragraphs vouched for by their stop words instead of read by the model ({@code
 * LanguageDetector.decideGroup}): the stop-word rule itself, and that a paragraph in another
 * language, coming after the model has read enough agreeing text, keeps its own language.
 */
class VouchingTest {
  private static final String[] ENGLISH = {
    "The printer dialog lets you choose which pages of the document are printed and in what order.",
    "If the document has more pages than the sheet of paper can hold, they are printed on several.",
    "You can also save the settings that you use most often, so that they are chosen the next time.",
    "When the job is sent to the printer, the progress of the job is shown in the bar at the bottom.",
    "Most of the options in this dialog are the same for every printer that is connected to the"
        + " computer.",
    "To cancel a job that is waiting in the queue, open the list of jobs and click on the one that"
        + " you want to stop.",
  };

  private static final String GERMAN =
      "Die Druckeinstellungen werden für jedes Dokument gespeichert, und sie gelten auch dann, wenn"
          + " Sie das Dokument auf einem anderen Rechner öffnen, der mit dem Netz verbunden ist.";

  private static final String FRENCH =
      "Les réglages de l'imprimante sont enregistrés avec le document, et ils sont utilisés de nouveau"
          + " lorsque vous ouvrez le document sur un autre ordinateur du réseau.";

  @Test
  void clearLanguageNeedsManyStopWordsOfOneLanguage() {
    assertEquals("en", clear(ENGLISH[0]));
    assertEquals("de", clear(GERMAN));
    assertEquals("fr", clear(FRENCH));
    assertNull(clear("Format - Character - Font tab - Position"), "a menu path has no stop words");
    assertNull(clear("the cat"), "too few stop words");
    // Danish and Norwegian share most of their stop words: neither is clear
    assertNull(clear("Det er ikke noe som kan gjøres for at han skal komme til oss og være med"));
  }

  @Test
  void paragraphsInAnotherLanguageAfterVouchingKeepTheirLanguage() {
    LanguageDetector detector = new LanguageDetector();
    for (String other : List.of(GERMAN, FRENCH)) {
      List<String> paragraphs = new ArrayList<>(List.of(ENGLISH));
      paragraphs.add(4, other); // after more than VOUCH_AFTER_CHARS of agreeing English
      String text = String.join("\n\n", paragraphs);
      Detection d = detector.detect(text);
      assertEquals("en", d.lang());
      int at = text.indexOf(other);
      String expected = other == GERMAN ? "de" : "fr";
      Segment s = segmentAt(d, at);
      assertEquals(expected, s.lang(), "the paragraph at " + at + ": " + d.segments());
      assertEquals(at + other.length(), s.end());
      // the English paragraphs after it, vouched for or read, are English
      assertEquals("en", segmentAt(d, text.indexOf(ENGLISH[5])).lang(), d.segments().toString());
    }
  }

  @Test
  void vouchedParagraphsGetTheLanguageTheModelGives() {
    LanguageDetector detector = new LanguageDetector();
    String text = String.join("\n\n", ENGLISH);
    Detection d = detector.detect(text);
    assertEquals("en", d.lang());
    assertEquals(1, d.segments().size(), d.segments().toString());
    // each paragraph alone, read by the model, is English too
    for (String p : ENGLISH) {
      assertEquals("en", detector.detect(p).lang(), p);
    }
  }

  private static String clear(String text) {
    return StopwordGuess.clearLanguage(
        text, 0, text.length(), LanguageDetector.VOUCH_MIN_STOPWORDS);
  }

  private static Segment segmentAt(Detection d, int offset) {
    for (Segment s : d.segments()) {
      if (s.start() <= offset && offset < s.end()) {
        return s;
      }
    }
    throw new AssertionError("no segment at " + offset + ": " + d.segments());
  }
}
