package io.parkdoc.formats;

import io.parkdoc.core.extract.ExtractedDocument;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker whose parser misbehaves on request, by the file's extension: {@code .hang} never
 * returns, {@code .crash} kills the process, {@code .oom} fills the heap. Other files are read as
 * the real worker reads them.
 */
public final class MisbehavingWorker {
  private MisbehavingWorker() {}

  public static void main(String[] args) throws IOException {
    var out = ExtractWorker.takeStdout();
    ExtractWorker.serve(
        new TikaExtractor(new Ocr()) {
          @Override
          ExtractedDocument extract(Path path, int maxChars, List<String> ocr) throws Failure {
            String name = path.getFileName().toString();
            if (name.endsWith(".hang")) {
              while (true) {
                try {
                  Thread.sleep(60_000);
                } catch (InterruptedException e) {
                  // a stuck parser ignores interrupts too
                }
              }
            }
            if (name.endsWith(".crash")) {
              Runtime.getRuntime().halt(3);
            }
            if (name.endsWith(".oom")) {
              List<long[]> hog = new ArrayList<>();
              while (true) {
                hog.add(new long[1 << 20]);
              }
            }
            return super.extract(path, maxChars, ocr);
          }
        },
        out);
  }
}
