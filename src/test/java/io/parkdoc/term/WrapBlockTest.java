package io.parkdoc.term;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Layout of prose outside the hits: by words, never inside one, rows under their column. */
class WrapBlockTest {
  @Test
  void aPathIsNeverCut() {
    String line =
        "  PARKDOC_HISTORY  the shell's history file (default: ~/.local/state/parkdoc/history)";
    List<String> lines = TextLayout.wrapLine(line, 60);
    assertEquals(
        List.of(
            "  PARKDOC_HISTORY  the shell's history file (default:",
            "                   ~/.local/state/parkdoc/history)"),
        lines);
  }

  @Test
  void everyLineFitsAndEveryWordStaysWhole() {
    String text =
        "documents  19162  (en 9000, ko 2000, ja 1500, zh 1200, de 900, fr 800, es 700, ru 600, "
            + "pt 500, it 400, nl 300, sv 200, pl 100, und 62)";
    for (int width = 20; width < 140; width++) {
      List<String> lines = TextLayout.wrapLine(text, width);
      for (String l : lines) {
        assertTrue(TextLayout.width(l) <= width, width + ": " + l);
      }
      // the words, in order, are the text's words
      assertEquals(
          List.of(text.split(" +")),
          List.of(String.join(" ", lines).strip().split(" +")),
          "width " + width);
      // a continuation hangs under the second column (when the column leaves half the line)
      for (String l : width < 22 ? List.<String>of() : lines.subList(1, lines.size())) {
        assertTrue(l.startsWith(" ".repeat(11)) && l.charAt(11) != ' ', width + ": " + l);
      }
    }
  }

  @Test
  void aWordLongerThanTheLineBreaksAfterASlash() {
    List<String> lines = TextLayout.wrapLine("index: /very/long/folder/name/of/an/index", 20);
    assertEquals(List.of("index:", "/very/long/folder/", "name/of/an/index"), lines);
  }

  @Test
  void aPipeIsLeftAsItIs() {
    String text = "a line far longer than any terminal would be wide ".repeat(5);
    assertEquals(text, TextLayout.wrapBlock(text, 0));
  }
}
