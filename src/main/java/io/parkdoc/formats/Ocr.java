package io.parkdoc.formats;

import io.parkdoc.core.extract.ExtractedDocument;
import java.nio.file.Path;
import java.util.List;

/** Reads scans (images, PDF pages without text) with tesseract. */
class Ocr {
  ExtractedDocument image(Path path, String type, int maxChars, List<String> languages) throws TikaExtractor.Failure {
    throw new TikaExtractor.Failure("OCR is not available", null);
  }

  ExtractedDocument pdf(Path path, int maxChars, List<String> languages, String title) throws TikaExtractor.Failure {
    throw new TikaExtractor.Failure("OCR is not available", null);
  }
}
