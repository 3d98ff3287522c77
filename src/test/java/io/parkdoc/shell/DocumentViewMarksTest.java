package io.parkdoc.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parkdoc.core.FullText;
import io.parkdoc.core.Mark;
import java.util.List;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

/** {@code :open} on a PDF shows where each page begins. */
class DocumentViewMarksTest {
  @Test
  void aLineNamesEachPage() {
    String text = "first page text\nmore of it\nsecond page";
    FullText doc =
        new FullText(
            "/x.pdf",
            "en",
            "x",
            text,
            List.of(),
            List.of(
                new Mark(Mark.Kind.PAGE, 0, "1"),
                new Mark(Mark.Kind.PAGE, text.indexOf("second"), "2")));
    List<String> lines =
        DocumentView.text(doc, 0).stream().map(AttributedString::toString).toList();
    assertEquals(
        List.of("── p. 1 ──", "first page text", "more of it", "── p. 2 ──", "second page"), lines);
  }

  @Test
  void aPageBeginningInsideALineBreaksIt() {
    String text = "end of page one start of page two";
    FullText doc =
        new FullText(
            "/x.pdf",
            "en",
            "x",
            text,
            List.of(),
            List.of(new Mark(Mark.Kind.PAGE, text.indexOf("start"), "2")));
    List<String> lines =
        DocumentView.text(doc, 0).stream().map(AttributedString::toString).toList();
    assertEquals(List.of("end of page one ", "── p. 2 ──", "start of page two"), lines);
  }

  @Test
  void textWithoutMarksIsUnchanged() {
    FullText doc = new FullText("/x.txt", "en", "x", "a\nb", List.of());
    assertEquals(
        List.of("a", "b"),
        DocumentView.text(doc, 0).stream().map(AttributedString::toString).toList());
  }
}
