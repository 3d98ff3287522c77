package io.parkdoc.formats;

import io.parkdoc.core.Mark;
import java.util.ArrayList;
import java.util.List;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns the XHTML events a Tika parser sends into parkdoc's text: one paragraph, heading, list item
 * or table row a line, cells separated by a space, and the offset where each page, slide or sheet
 * begins.
 *
 * <p>For PDFs and OCR output ({@code joinCjk}), whitespace between two Han or kana characters (or
 * CJK punctuation) is dropped: there it comes from a line or column break inside a sentence, and a
 * space would split a Japanese or Chinese word in two. Never around Hangul, whose words are written
 * with spaces. Stops at {@code maxChars} characters. Not thread-safe: one per parse.
 */
final class TextCollector extends DefaultHandler {

  /** How a format shows where its pages, slides or sheets begin. */
  enum Layout {
    /** Flowing text (Word, OpenDocument text, EPUB, RTF): no marks. */
    FLOW,
    /** PDF: {@code <div class="page">} per page. */
    PDF,
    /**
     * PowerPoint 2007+: {@code <div class="slide-content">} opens each slide; its notes follow it.
     */
    PPTX,
    /** PowerPoint 97-2003: {@code <div class="slide">} per slide. */
    PPT,
    /** OpenDocument slides: a slide ends with its {@code <p class="notes">}. */
    ODP,
    /**
     * Excel: {@code <div class="sheet">} (2007+) or {@code <div class="page">} (97-2003), the name
     * in an h1.
     */
    XLS,
    /** OpenDocument sheets: one top-level {@code <table>} per sheet. */
    ODS
  }

  /** Thrown to stop a parse at the character limit; the text so far is kept. */
  static final class LimitReached extends SAXException {
    private static final long serialVersionUID = 1L;

    LimitReached() {
      super("character limit reached");
    }
  }

  private static final int NONE = 0;
  private static final int SPACE = 1;
  private static final int NEWLINE = 2;

  private final Layout layout;
  private final int maxChars;
  private final boolean joinCjk;
  private final List<String> sheetNames;
  private final int slideCount;
  private final StringBuilder text = new StringBuilder();
  private final List<MarkBuilder> marks = new ArrayList<>();
  private final LimitReached limit = new LimitReached();
  private int pending = NONE;
  private int lastCodePoint = -1;
  private int skipDepth;
  private int depth;
  private int tableDepth;
  private int notesDepth = -1;
  private int notesSeen;
  private boolean full;
  private boolean ended;
  private int headingDepth = -1;
  private StringBuilder heading;
  private String firstHeading;
  private int sheetNameDepth = -1;

  private static final class MarkBuilder {
    final Mark.Kind kind;
    int offset = -1;
    final StringBuilder label = new StringBuilder();

    MarkBuilder(Mark.Kind kind, String label) {
      this.kind = kind;
      this.label.append(label);
    }
  }

  /**
   * @param sheetNames the sheet names of an OpenDocument spreadsheet, in order (its parser does not
   *     send them)
   * @param slideCount how many slides an OpenDocument presentation has (its parser sends the master
   *     pages' placeholder text after the last one); -1 when unknown
   */
  TextCollector(
      Layout layout, int maxChars, boolean joinCjk, List<String> sheetNames, int slideCount) {
    this.layout = layout;
    this.maxChars = maxChars;
    this.joinCjk = joinCjk;
    this.sheetNames = sheetNames;
    this.slideCount = slideCount;
  }

  /** The text collected, without trailing whitespace. */
  String text() {
    return text.toString();
  }

  /** True when the text stopped at the character limit. */
  boolean truncated() {
    return full;
  }

  /** The limit exception this collector throws, to recognise it when a parser wraps it. */
  LimitReached limit() {
    return limit;
  }

  /** The text of the first heading, or null. */
  String firstHeading() {
    return firstHeading;
  }

  /** Where each page, slide or sheet begins. */
  List<Mark> marks() {
    List<Mark> out = new ArrayList<>(marks.size());
    for (MarkBuilder m : marks) {
      int offset = m.offset < 0 ? text.length() : m.offset;
      out.add(new Mark(m.kind, offset, m.label.toString().strip()));
    }
    return out;
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes atts)
      throws SAXException {
    depth++;
    String name = localName.isEmpty() ? qName : localName;
    if (skipDepth > 0 || ended) {
      if (skipDepth > 0) {
        skipDepth++;
      }
      return;
    }
    if (name.equals("head") || name.equals("script") || name.equals("style")) {
      skipDepth = 1;
      return;
    }
    String cls = atts.getValue("class");
    if (name.equals("div") && "package-entry".equals(cls)) {
      // a file of the package outside its reading order: an EPUB's table of contents, under
      // its own file name as a heading
      skipDepth = 1;
      return;
    }
    switch (layout) {
      case PDF -> {
        if (name.equals("div") && "page".equals(cls)) {
          mark(Mark.Kind.PAGE);
        }
      }
      case PPTX -> {
        if (name.equals("div") && "slide-content".equals(cls)) {
          mark(Mark.Kind.SLIDE);
        }
      }
      case PPT -> {
        if (name.equals("div") && "slide".equals(cls)) {
          mark(Mark.Kind.SLIDE);
        }
      }
      case ODP -> {
        if (name.equals("body")) {
          mark(Mark.Kind.SLIDE);
        } else if (name.equals("p") && "notes".equals(cls) && notesDepth < 0) {
          notesDepth = depth;
        }
      }
      case XLS -> {
        if (name.equals("div") && ("sheet".equals(cls) || "page".equals(cls))) {
          MarkBuilder m = new MarkBuilder(Mark.Kind.SHEET, "");
          marks.add(m);
          sheetNameDepth = -2; // the next h1 names it
        } else if (name.equals("div") && "outside".equals(cls)) {
          skipDepth = 1; // page headers and footers ("&C&A")
          return;
        } else if (name.equals("h1") && sheetNameDepth == -2) {
          sheetNameDepth = depth;
        }
      }
      case ODS -> {
        if (name.equals("table") && ++tableDepth == 1) {
          int n = count(Mark.Kind.SHEET);
          mark(Mark.Kind.SHEET, n < sheetNames.size() ? sheetNames.get(n) : String.valueOf(n + 1));
        } else if (name.equals("table")) {
          tableDepth++;
        }
      }
      case FLOW -> {}
    }
    if (isHeading(name)
        && firstHeading == null
        && heading == null
        && layout != Layout.XLS
        && layout != Layout.ODS) {
      heading = new StringBuilder();
      headingDepth = depth;
    }
    if (isBlock(name)) {
      pending = NEWLINE;
    } else if (name.equals("td") || name.equals("th")) {
      pending = Math.max(pending, SPACE);
    }
  }

  @Override
  public void endElement(String uri, String localName, String qName) throws SAXException {
    String name = localName.isEmpty() ? qName : localName;
    try {
      if (skipDepth > 0) {
        skipDepth--;
        return;
      }
      if (ended) {
        return;
      }
      if (depth == headingDepth) {
        String h = heading.toString().strip();
        firstHeading = h.isEmpty() ? null : h;
        heading = h.isEmpty() ? null : heading;
        headingDepth = -1;
      }
      if (depth == sheetNameDepth) {
        sheetNameDepth = -1;
      }
      if (layout == Layout.ODS && name.equals("table")) {
        tableDepth--;
      }
      if (depth == notesDepth) {
        notesDepth = -1;
        notesSeen++;
        if (slideCount >= 0 && notesSeen >= slideCount) {
          ended = true; // what follows is the master pages' placeholder text
        } else {
          mark(Mark.Kind.SLIDE);
        }
      }
      if (isBlock(name)) {
        pending = NEWLINE;
      }
    } finally {
      depth--;
    }
  }

  @Override
  public void characters(char[] ch, int start, int length) throws SAXException {
    if (skipDepth > 0 || ended || (layout == Layout.ODS && tableDepth == 0)) {
      // (outside a sheet's table, an OpenDocument spreadsheet has only its page styles' header
      // and footer fields: "???", "Page 1")
      return;
    }
    if (sheetNameDepth > 0 && !marks.isEmpty()) {
      marks.getLast().label.append(ch, start, length);
    }
    if (heading != null && headingDepth > 0) {
      heading.append(ch, start, length);
    }
    for (int i = start, end = start + length; i < end; i++) {
      char c = ch[i];
      if (isSpace(c)) {
        pending = Math.max(pending, SPACE);
        continue;
      }
      int cp = c;
      if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(ch[i + 1])) {
        cp = Character.toCodePoint(c, ch[i + 1]);
      }
      append(c, cp);
      if (cp != c) {
        text.append(ch[++i]);
      }
    }
  }

  @Override
  public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
    characters(ch, start, length);
  }

  private void append(char c, int cp) throws SAXException {
    if (full) {
      return;
    }
    if (text.length() + Character.charCount(cp) > maxChars) {
      full = true;
      throw limit;
    }
    if (pending != NONE && !text.isEmpty()) {
      if (!(joinCjk && isCjk(lastCodePoint) && isCjk(cp))) {
        text.append(pending == NEWLINE ? '\n' : ' ');
      }
    }
    pending = NONE;
    for (int i = marks.size() - 1; i >= 0 && marks.get(i).offset < 0; i--) {
      marks.get(i).offset = text.length();
    }
    text.append(c);
    lastCodePoint = cp;
  }

  private void mark(Mark.Kind kind) {
    mark(kind, String.valueOf(count(kind) + 1));
  }

  private void mark(Mark.Kind kind, String label) {
    marks.add(new MarkBuilder(kind, label));
    pending = Math.max(pending, NEWLINE);
  }

  private int count(Mark.Kind kind) {
    int n = 0;
    for (MarkBuilder m : marks) {
      if (m.kind == kind) {
        n++;
      }
    }
    return n;
  }

  private static boolean isHeading(String name) {
    return name.length() == 2
        && name.charAt(0) == 'h'
        && name.charAt(1) >= '1'
        && name.charAt(1) <= '3';
  }

  private static boolean isBlock(String name) {
    return switch (name) {
      case "p",
          "div",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "li",
          "tr",
          "table",
          "br",
          "ul",
          "ol",
          "blockquote",
          "pre",
          "dt",
          "dd",
          "section",
          "article",
          "body",
          "title" ->
          true;
      default -> false;
    };
  }

  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || c == '\u00A0' || c == '\u2007' || c == '\u202F';
  }

  /**
   * True for characters written without spaces between words: Han, hiragana, katakana (with the
   * long-vowel mark), CJK punctuation and full-width forms. Not Hangul.
   */
  static boolean isCjk(int cp) {
    if (cp < 0x2E80) {
      return false;
    }
    if ((cp >= 0x3000 && cp <= 0x303F)
        || (cp >= 0x3040 && cp <= 0x30FF)
        || (cp >= 0x31F0 && cp <= 0x31FF)
        || (cp >= 0xFF00 && cp <= 0xFF60)) {
      return true;
    }
    Character.UnicodeScript s = Character.UnicodeScript.of(cp);
    return s == Character.UnicodeScript.HAN
        || s == Character.UnicodeScript.HIRAGANA
        || s == Character.UnicodeScript.KATAKANA;
  }
}
