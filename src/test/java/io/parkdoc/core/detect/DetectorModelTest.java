package io.parkdoc.core.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** A paragraph read again is not scored again, and gives the evidence a first reading gives. */
class DetectorModelTest {
  private static final String PARAGRAPH =
      "Choose Format - Cells and click the Numbers tab to change the number format of the cells.";

  @Test
  void aRememberedParagraphGivesTheSameEvidence() {
    DetectorModel model = DetectorModel.shared();
    LanguageDetector.Evidence first = model.readParagraph(PARAGRAPH);
    LanguageDetector.Evidence again = model.readParagraph(new StringBuilder(PARAGRAPH));
    assertSame(first, again, "read once per thread");
    LanguageDetector.Evidence fresh = model.read(PARAGRAPH);
    assertArrayEquals(fresh.logProbabilities, first.logProbabilities, 0.0);
    assertArrayEquals(fresh.missingLetters, first.missingLetters);
    assertEquals(fresh.letters, first.letters);
  }

  @Test
  void onlyTheLastParagraphsAreRemembered() {
    DetectorModel model = DetectorModel.shared();
    LanguageDetector.Evidence first = model.readParagraph(PARAGRAPH);
    for (int i = 0; i < DetectorModel.REMEMBERED; i++) {
      model.readParagraph("Paragraph number " + Integer.toString(i, 26) + " of a long manual.");
    }
    assertNotSame(first, model.readParagraph(PARAGRAPH), "forgotten after as many others");
  }
}
