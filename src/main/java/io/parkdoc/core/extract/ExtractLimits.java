package io.parkdoc.core.extract;

import java.time.Duration;
import java.util.List;

/**
 * The bounds on extracting one document.
 *
 * @param timeout how long one file may take before its worker process is killed
 * @param maxChars the most characters of text kept from one file (the rest is dropped, the file
 *     marked truncated)
 * @param workerHeapMb the heap of each worker process ({@code -Xmx}), which bounds one file's
 *     memory
 * @param ocrLanguages tesseract languages to read scans with ({@code kor}, {@code jpn}, ...); empty
 *     for no OCR
 */
public record ExtractLimits(
    Duration timeout, int maxChars, int workerHeapMb, List<String> ocrLanguages) {

  /** 60 s, 20 million characters, 768 MB, no OCR. */
  public static final ExtractLimits DEFAULT =
      new ExtractLimits(Duration.ofSeconds(60), 20_000_000, 768, List.of());

  public ExtractLimits {
    if (timeout.isNegative() || timeout.isZero() || maxChars <= 0 || workerHeapMb < 64) {
      throw new IllegalArgumentException(
          "bad extraction limits: " + timeout + ", " + maxChars + ", " + workerHeapMb);
    }
    ocrLanguages = List.copyOf(ocrLanguages);
  }

  public ExtractLimits withTimeout(Duration t) {
    return new ExtractLimits(t, maxChars, workerHeapMb, ocrLanguages);
  }

  public ExtractLimits withMaxChars(int n) {
    return new ExtractLimits(timeout, n, workerHeapMb, ocrLanguages);
  }

  public ExtractLimits withWorkerHeapMb(int mb) {
    return new ExtractLimits(timeout, maxChars, mb, ocrLanguages);
  }

  public ExtractLimits withOcr(List<String> languages) {
    return new ExtractLimits(timeout, maxChars, workerHeapMb, languages);
  }
}
