package io.parkdoc.core.extract;

import java.io.IOException;
import java.util.List;

/**
 * The {@link Extractor} for text files and document formats together: PDF, Word, OpenDocument,
 * EPUB, RTF, slides and sheets (and, with OCR, scans) go to worker processes through a {@link
 * DocumentExtractor}, recognised by their content whatever their names say; everything else to
 * {@link TextExtractor}. The workers start when the first document needs one, so a run over text
 * files starts none. Thread-safe; close it to end the workers.
 */
public final class FormatExtractor implements Extractor, AutoCloseable {
  private final TextExtractor text = new TextExtractor();
  private final ExtractLimits limits;
  private final int workers;
  private final boolean images;
  private DocumentExtractor documents;
  private boolean closed;

  /**
   * @param limits the bounds on each document (OCR when {@link ExtractLimits#ocrLanguages()} is not
   *     empty)
   * @param workers the most worker processes at once (the indexing threads; fewer when the
   *     machine's memory would not hold that many: see {@link #memoryBound})
   */
  public FormatExtractor(ExtractLimits limits, int workers) {
    this.limits = limits;
    this.workers = Math.max(1, Math.min(workers, memoryBound(limits)));
    this.images = !limits.ocrLanguages().isEmpty();
  }

  /**
   * How many workers the machine's memory holds: each may use its heap and as much again (the JVM,
   * Tika's classes), and half the memory is left to parkdoc's own JVM and everything else.
   */
  static int memoryBound(ExtractLimits limits) {
    long total = 0;
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      total = os.getTotalMemorySize();
    }
    if (total <= 0) {
      return Integer.MAX_VALUE;
    }
    return (int) Math.max(1, total / 2 / (2L * limits.workerHeapMb() << 20));
  }

  @Override
  public boolean accepts(byte[] head) {
    return DocumentFormat.mayBe(head, images) || text.accepts(head);
  }

  @Override
  public SourceText extract(String fileName, byte[] bytes, String forcedEncoding)
      throws NotTextException {
    DocumentFormat format = DocumentFormat.sniff(bytes, null, images);
    if (format == null && DocumentFormat.mayBe(bytes, images)) {
      // a ZIP that names no document inside: a document format only if its name says so (then
      // the worker tells what is wrong with it), else some archive
      format = DocumentFormat.byName(fileName);
      if (format == null) {
        throw new NotTextException("binary content");
      }
    }
    if (format == null) {
      return text.extract(fileName, bytes, forcedEncoding);
    }
    try {
      ExtractedDocument d = documents().extract(bytes, fileName);
      String title =
          d.title() != null && !d.title().isBlank() ? d.title() : TextExtractor.firstLine(d.text());
      return new SourceText(d.text(), title, d.mediaType(), 0, d.marks(), d.truncated());
    } catch (UnreadableDocumentException e) {
      throw new NotTextException(e.reason());
    } catch (IOException e) {
      throw new NotTextException(e.getMessage());
    }
  }

  private synchronized DocumentExtractor documents() throws IOException {
    if (closed) {
      throw new IOException("the document extractor is closed");
    }
    if (documents == null) {
      documents = new DocumentExtractor(limits, workers);
    }
    return documents;
  }

  /** Ends the worker processes, if any started. */
  @Override
  public synchronized void close() {
    closed = true;
    if (documents != null) {
      documents.close();
    }
  }

  /** The OCR languages scans are read in; empty when OCR is off. */
  public List<String> ocrLanguages() {
    return limits.ocrLanguages();
  }
}
