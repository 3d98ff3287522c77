package io.parkdoc.core.extract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * The document formats parkdoc hands to an extraction worker, recognised by their first bytes
 * whatever the file's name says.
 */
public enum DocumentFormat {
  PDF("PDF"),
  OOXML("Office Open XML (docx, xlsx, pptx)"),
  OPENDOCUMENT("OpenDocument (odt, ods, odp)"),
  EPUB("EPUB"),
  OLE2("Office 97-2003 (doc, xls, ppt)"),
  RTF("RTF"),
  IMAGE("image");

  /** How many leading bytes {@link #sniff} needs. */
  public static final int HEAD = 4096;

  private static final Map<String, DocumentFormat> BY_EXTENSION =
      Map.ofEntries(
          Map.entry("pdf", PDF),
          Map.entry("docx", OOXML),
          Map.entry("docm", OOXML),
          Map.entry("xlsx", OOXML),
          Map.entry("xlsm", OOXML),
          Map.entry("pptx", OOXML),
          Map.entry("pptm", OOXML),
          Map.entry("odt", OPENDOCUMENT),
          Map.entry("ods", OPENDOCUMENT),
          Map.entry("odp", OPENDOCUMENT),
          Map.entry("epub", EPUB),
          Map.entry("doc", OLE2),
          Map.entry("xls", OLE2),
          Map.entry("ppt", OLE2),
          Map.entry("rtf", RTF));

  private final String description;

  DocumentFormat(String description) {
    this.description = description;
  }

  /** A name for people: "PDF", "Office 97-2003 (doc, xls, ppt)". */
  public String description() {
    return description;
  }

  /**
   * The format of a file by its content, or null when it is none of these (text, or some other
   * binary). {@code head} holds the file's first bytes (up to {@link #HEAD}); {@code file} is read
   * only for a ZIP archive whose first entry does not tell (its central directory). Images count
   * only when {@code images} is true (that is, when OCR is on).
   */
  public static DocumentFormat sniff(byte[] head, Path file, boolean images) {
    if (startsWith(head, "%PDF-") || pdfAfterJunk(head)) {
      return PDF;
    }
    if (startsWith(head, "{\\rtf")) {
      return RTF;
    }
    if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
      return OLE2;
    }
    if (startsWith(head, 'P', 'K', 3, 4)) {
      return zip(head, file);
    }
    if (images
        && (startsWith(head, 0x89, 'P', 'N', 'G')
            || startsWith(head, 0xFF, 0xD8, 0xFF)
            || startsWith(head, 'I', 'I', 42, 0)
            || startsWith(head, 'M', 'M', 0, 42))) {
      return IMAGE;
    }
    return null;
  }

  /**
   * True when {@code head}, a file's first bytes, may begin a document format: the signature of a
   * PDF, RTF, OLE2 or ZIP file (whether a ZIP is a document shows only in its directory, at its
   * end), or of an image when {@code images}.
   */
  public static boolean mayBe(byte[] head, boolean images) {
    return startsWith(head, 'P', 'K', 3, 4) || sniff(head, null, images) != null;
  }

  /**
   * The format a file's name promises ({@code report.pdf}: PDF), or null. A file whose content is
   * not recognised but whose name promises a document still goes to a worker, which then says what
   * is wrong with it ("truncated or damaged") instead of calling it binary.
   */
  public static DocumentFormat byName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? null : BY_EXTENSION.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  // Some PDF writers put a few bytes before the header; readers accept it within the first KB.
  private static boolean pdfAfterJunk(byte[] head) {
    int n = Math.min(head.length, 1024);
    String s = new String(head, 0, n, StandardCharsets.ISO_8859_1);
    return s.indexOf("%PDF-") > 0;
  }

  private static DocumentFormat zip(byte[] head, Path file) {
    // A local file header: the name starts at 30, after it the extra field, then the data.
    if (head.length >= 30) {
      int nameLength = u16(head, 26);
      int extraLength = u16(head, 28);
      if (30 + nameLength <= head.length) {
        String first = new String(head, 30, nameLength, StandardCharsets.UTF_8);
        if (first.equals("mimetype")) {
          int data = 30 + nameLength + extraLength;
          String type =
              new String(
                  head,
                  data,
                  Math.max(0, Math.min(80, head.length - data)),
                  StandardCharsets.US_ASCII);
          if (type.startsWith("application/epub+zip")) {
            return EPUB;
          }
          if (type.startsWith("application/vnd.oasis.opendocument.")) {
            return OPENDOCUMENT;
          }
        }
        if (first.equals("[Content_Types].xml")) {
          return OOXML;
        }
      }
    }
    if (file == null) {
      // the whole file in memory: its central directory, at the end, names the entries
      if (contains(head, "[Content_Types].xml")) {
        return OOXML;
      }
      return null;
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      if (zip.getEntry("[Content_Types].xml") != null) {
        return OOXML;
      }
      if (zip.getEntry("META-INF/container.xml") != null && zip.getEntry("mimetype") != null) {
        return EPUB;
      }
      if (zip.getEntry("content.xml") != null && zip.getEntry("mimetype") != null) {
        return OPENDOCUMENT;
      }
    } catch (IOException | RuntimeException e) {
      // not a readable ZIP: the name may still promise a document (byName)
    }
    return null;
  }

  private static boolean contains(byte[] bytes, String ascii) {
    byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = bytes.length - needle.length; i >= 0; i--) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static int u16(byte[] b, int i) {
    return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
  }

  private static boolean startsWith(byte[] head, String prefix) {
    return startsWith(head, prefix.chars().toArray());
  }

  private static boolean startsWith(byte[] head, int... prefix) {
    if (head.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((head[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
