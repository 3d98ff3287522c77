package io.parkdoc.formats;

import io.parkdoc.core.extract.ExtractedDocument;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;

/**
 * Reads scans with the {@code tesseract} command: an image, or each page of a PDF without a text
 * layer (rendered at 300 dpi). The languages for a page are chosen among those installed by the
 * script tesseract's orientation and script detection sees on it (Korean: kor; Japanese: jpn; Han:
 * chi_sim and chi_tra; each with eng for the Latin words between); when it cannot tell, every
 * installed CJK language and English. Its text goes through the same collector as a PDF's:
 * whitespace tesseract leaves between Han or kana characters is dropped. Not thread-safe.
 */
class Ocr {
  private static final int PDF_DPI = 300;

  ExtractedDocument image(Path path, String type, int maxChars, List<String> languages)
      throws TikaExtractor.Failure {
    TextCollector c = collector(TextCollector.Layout.FLOW, maxChars);
    try {
      start(c, "body", null);
      feed(c, read(path, choose(path, languages), 0));
    } catch (TextCollector.LimitReached full) {
      // keep what fits
    } catch (SAXException e) {
      throw new IllegalStateException(e);
    }
    return result(c, null, type);
  }

  ExtractedDocument pdf(Path path, int maxChars, List<String> languages, String title)
      throws TikaExtractor.Failure {
    TextCollector c = collector(TextCollector.Layout.PDF, maxChars);
    Path page = null;
    try (PDDocument doc = Loader.loadPDF(path.toFile())) {
      PDFRenderer renderer = new PDFRenderer(doc);
      page = Files.createTempFile("parkdoc-ocr-", ".png");
      start(c, "body", null);
      for (int i = 0; i < doc.getNumberOfPages(); i++) {
        BufferedImage image = renderer.renderImageWithDPI(i, PDF_DPI, ImageType.GRAY);
        ImageIO.write(image, "png", page.toFile());
        start(c, "div", "page");
        feed(c, read(page, choose(page, languages), PDF_DPI));
        c.endElement("", "div", "div");
      }
    } catch (TextCollector.LimitReached full) {
      // keep what fits
    } catch (IOException e) {
      throw TikaExtractor.failure(e);
    } catch (SAXException e) {
      throw new IllegalStateException(e);
    } finally {
      if (page != null) {
        try {
          Files.deleteIfExists(page);
        } catch (IOException e) {
          // a temporary file left behind
        }
      }
    }
    return result(c, title, "application/pdf");
  }

  private static TextCollector collector(TextCollector.Layout layout, int maxChars) {
    return new TextCollector(layout, maxChars, true, List.of(), -1);
  }

  private static ExtractedDocument result(TextCollector c, String title, String type)
      throws TikaExtractor.Failure {
    if (c.text().isBlank()) {
      throw new TikaExtractor.Failure("no text found by OCR", null);
    }
    return new ExtractedDocument(
        c.text(),
        title == null || title.isBlank() ? null : title.strip(),
        type,
        c.marks(),
        c.truncated());
  }

  private static void start(TextCollector c, String element, String cls) throws SAXException {
    AttributesImpl atts = new AttributesImpl();
    if (cls != null) {
      atts.addAttribute("", "class", "class", "CDATA", cls);
    }
    c.startElement("", element, element, atts);
  }

  /** Tesseract's text: a paragraph per block of lines, lines within one joined. */
  private static void feed(TextCollector c, String text) throws SAXException {
    for (String paragraph : text.split("\\n\\s*\\n")) {
      if (paragraph.isBlank()) {
        continue;
      }
      start(c, "p", null);
      char[] chars = paragraph.toCharArray();
      c.characters(chars, 0, chars.length);
      c.endElement("", "p", "p");
    }
  }

  /**
   * The languages to read {@code image} in: those of the script tesseract sees on it, among the
   * installed ones, with English; all of them when it cannot tell.
   */
  static List<String> choose(Path image, List<String> installed) {
    String script = "";
    try {
      for (String line :
          run(List.of("tesseract", image.toString(), "stdout", "--psm", "0")).split("\\n")) {
        if (line.startsWith("Script:")) {
          script = line.substring(7).strip().toLowerCase(Locale.ROOT);
        }
      }
    } catch (IOException e) {
      // no orientation and script data (tesseract-ocr's osd), or too little text to tell
    }
    Set<String> chosen = new LinkedHashSet<>();
    switch (script) {
      case "korean", "hangul" -> chosen.add("kor");
      case "japanese", "hiragana", "katakana" -> chosen.addAll(List.of("jpn", "jpn_vert"));
      case "han" -> chosen.addAll(List.of("chi_sim", "chi_tra"));
      case "latin" -> chosen.add("eng");
      default -> {}
    }
    chosen.retainAll(installed);
    if (chosen.isEmpty()) {
      for (String l : List.of("kor", "jpn", "chi_sim", "chi_tra")) {
        if (installed.contains(l)) {
          chosen.add(l);
        }
      }
    }
    if (installed.contains("eng")) {
      chosen.add("eng");
    }
    if (chosen.isEmpty()) {
      chosen.addAll(installed);
    }
    return new ArrayList<>(chosen);
  }

  private static String read(Path image, List<String> languages, int dpi)
      throws TikaExtractor.Failure {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "tesseract",
                image.toString(),
                "stdout",
                "-l",
                String.join("+", languages),
                "--psm",
                "3"));
    if (dpi > 0) {
      cmd.addAll(List.of("--dpi", String.valueOf(dpi)));
    }
    try {
      return run(cmd);
    } catch (IOException e) {
      throw new TikaExtractor.Failure("OCR failed", e.getMessage());
    }
  }

  private static String run(List<String> command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("OMP_THREAD_LIMIT", "1"); // one core per worker: the indexer runs several
    Process p = pb.start();
    p.getOutputStream().close();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException(
            command.getFirst() + " failed (exit " + (p.isAlive() ? "none" : p.exitValue()) + ")");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    return out;
  }
}
