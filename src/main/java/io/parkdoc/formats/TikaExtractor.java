package io.parkdoc.formats;

import io.parkdoc.core.extract.ExtractedDocument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;

/**
 * Extracts one document's text with Apache Tika, configured for parkdoc: PDFBox with a word spacing
 * tolerance of 0.2 (its default glues 30% of Korean word pairs) and text in content-stream order
 * (sorting by position wrecks vertical Japanese); Office 2007+ read with the streaming (SAX)
 * extractors, which stop at the character limit instead of building a document tree that a zip bomb
 * can blow up; page headers and footers left out; embedded documents not parsed. Not thread-safe:
 * one parse at a time.
 */
class TikaExtractor {
  private static final String PDF = "application/pdf";

  private final Detector detector;
  private final AutoDetectParser parser;
  private final Ocr ocr;

  TikaExtractor(Ocr ocr) {
    TikaConfig config = TikaConfig.getDefaultConfig();
    this.detector = config.getDetector();
    this.parser = new AutoDetectParser(config);
    this.ocr = ocr;
  }

  /** Why a file gave no text. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final String detail;

    Failure(String reason, String detail) {
      super(reason, null, false, false);
      this.detail = detail;
    }
  }

  ExtractedDocument extract(Path path, int maxChars, List<String> ocrLanguages) throws Failure {
    Metadata metadata = new Metadata();
    MediaType type;
    TextCollector collector;
    try (TikaInputStream in = TikaInputStream.get(path)) {
      type = detector.detect(in, new Metadata());
      String base = type.getBaseType().toString();
      if (base.startsWith("image/")) {
        if (ocrLanguages.isEmpty()) {
          throw new Failure("an image; --ocr reads scans", null);
        }
        return ocr.image(path, base, maxChars, ocrLanguages);
      }
      TextCollector.Layout layout = layout(base);
      List<String> sheetNames =
          layout == TextCollector.Layout.ODS ? odfNames(path, "table", "name") : List.of();
      int slides = layout == TextCollector.Layout.ODP ? odfNames(path, "page", "name").size() : -1;
      collector = new TextCollector(layout, maxChars, base.equals(PDF), sheetNames, slides);
      metadata.set(Metadata.CONTENT_TYPE, type.toString());
      try {
        parser.parse(in, collector, metadata, context());
      } catch (Exception e) {
        if (!causedBy(e, collector.limit())) {
          throw e;
        }
      }
    } catch (Failure f) {
      throw f;
    } catch (NoSuchFileException e) {
      throw new Failure("vanished during the run", null);
    } catch (Exception e) {
      throw failure(e);
    }
    String text = collector.text();
    String base = type.getBaseType().toString();
    if (text.isBlank()) {
      if (base.equals(PDF)) {
        if (ocrLanguages.isEmpty()) {
          throw new Failure("no text layer; --ocr reads scans", null);
        }
        return ocr.pdf(path, maxChars, ocrLanguages, metadata.get(TikaCoreProperties.TITLE));
      }
      if (base.equals("application/octet-stream")) {
        throw new Failure("unrecognised content", null);
      }
      throw new Failure("no text", null);
    }
    String title = metadata.get(TikaCoreProperties.TITLE);
    if (title == null || title.isBlank()) {
      title = collector.firstHeading();
    }
    return new ExtractedDocument(
        text, title == null ? null : title.strip(), base, collector.marks(), collector.truncated());
  }

  private static TextCollector.Layout layout(String type) {
    if (type.equals(PDF)) {
      return TextCollector.Layout.PDF;
    }
    if (type.startsWith("application/vnd.openxmlformats-officedocument.presentationml")
        || type.startsWith("application/vnd.ms-powerpoint.")) {
      return TextCollector.Layout.PPTX;
    }
    if (type.equals("application/vnd.ms-powerpoint")) {
      return TextCollector.Layout.PPT;
    }
    if (type.startsWith("application/vnd.oasis.opendocument.presentation")) {
      return TextCollector.Layout.ODP;
    }
    if (type.startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml")
        || type.startsWith("application/vnd.ms-excel")) {
      return TextCollector.Layout.XLS;
    }
    if (type.startsWith("application/vnd.oasis.opendocument.spreadsheet")) {
      return TextCollector.Layout.ODS;
    }
    return TextCollector.Layout.FLOW;
  }

  private static ParseContext context() {
    ParseContext context = new ParseContext();
    PDFParserConfig pdf = new PDFParserConfig();
    pdf.setSpacingTolerance(0.2f);
    pdf.setSortByPosition(false);
    pdf.setExtractInlineImages(false);
    pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
    context.set(PDFParserConfig.class, pdf);
    OfficeParserConfig office = new OfficeParserConfig();
    office.setUseSAXDocxExtractor(true);
    office.setUseSAXPptxExtractor(true);
    office.setIncludeHeadersAndFooters(false);
    office.setExtractMacros(false);
    office.setIncludeDeletedContent(false);
    office.setIncludeMoveFromContent(false);
    context.set(OfficeParserConfig.class, office);
    return context;
  }

  /**
   * The {@code name} attributes of the top-level {@code table:table} or {@code draw:page} elements
   * of an OpenDocument file's content.xml: its sheet names, or one per slide.
   */
  private static List<String> odfNames(Path path, String element, String attribute) {
    List<String> names = new ArrayList<>();
    try (ZipFile zip = new ZipFile(path.toFile())) {
      ZipEntry entry = zip.getEntry("content.xml");
      if (entry == null) {
        return names;
      }
      XMLInputFactory f = XMLInputFactory.newFactory();
      f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
      f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
      try (InputStream in = zip.getInputStream(entry)) {
        XMLStreamReader r = f.createXMLStreamReader(in);
        int nested = 0;
        while (r.hasNext()) {
          int event = r.next();
          if (event == XMLStreamReader.START_ELEMENT && r.getLocalName().equals(element)) {
            if (nested++ == 0) {
              String v = r.getAttributeValue(r.getNamespaceURI(), attribute);
              names.add(v == null ? String.valueOf(names.size() + 1) : v);
            }
          } else if (event == XMLStreamReader.END_ELEMENT && r.getLocalName().equals(element)) {
            nested--;
          }
        }
      }
    } catch (IOException | XMLStreamException | RuntimeException e) {
      // the parse that follows says what is wrong with the file
    }
    return names;
  }

  private static boolean causedBy(Throwable e, Throwable cause) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t == cause) {
        return true;
      }
    }
    return false;
  }

  /** One short reason for a parser's exception. */
  static Failure failure(Throwable e) {
    String detail = rootMessage(e);
    String all = chainText(e).toLowerCase(Locale.ROOT);
    if (e instanceof EncryptedDocumentException
        || all.contains("encrypt")
        || all.contains("password")) {
      return new Failure("encrypted", detail);
    }
    if (all.contains("levels of xml element nesting")) {
      return new Failure("nested too deeply", detail);
    }
    if (all.contains("zip bomb")) {
      return new Failure("expands to far more than its size (a zip bomb?)", detail);
    }
    if (all.contains("entity expansions")
        || all.contains("entityexpansionlimit")
        || all.contains("doctype is disallowed")) {
      // billion laughs: the JDK's parser stops at Tika's limit of 20 expansions
      return new Failure("XML with entity declarations (refused)", detail);
    }
    if (all.contains("unsupported") && all.contains("format")) {
      return new Failure("unsupported version of its format", detail);
    }
    return new Failure("truncated or damaged", detail);
  }

  private static String chainText(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      sb.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
    }
    return sb.toString();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    String s = root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    return s.length() > 300 ? s.substring(0, 300) : s;
  }
}
