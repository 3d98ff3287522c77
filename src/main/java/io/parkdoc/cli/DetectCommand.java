package io.parkdoc.cli;

import io.parkdoc.core.detect.Detection;
import io.parkdoc.core.detect.LanguageDetector;
import io.parkdoc.core.detect.Segment;
import io.parkdoc.core.extract.ExtractLimits;
import io.parkdoc.core.extract.FormatExtractor;
import io.parkdoc.core.extract.NotTextException;
import io.parkdoc.core.extract.SourceText;
import io.parkdoc.term.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code parkdoc detect PATH...}: the language parkdoc sees in each file. */
@Command(
    name = "detect",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Print the language parkdoc detects in each file.",
    description =
        "Print the language parkdoc detects in each file ('-' reads standard input), with its confidence. "
            + "Documents (PDF, Word, OpenDocument, EPUB, RTF, slides, sheets) are read as 'index' reads them.")
final class DetectCommand implements Callable<Integer> {
  @ParentCommand ParkdocCommand parent;

  @Parameters(
      paramLabel = "PATH",
      arity = "1..*",
      description = "Files to examine; '-' for standard input.")
  List<String> paths;

  @Option(
      names = "--json",
      description = "Print one JSON object per file: path, lang, confidence, segments.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = parent.spec.commandLine().getOut();
    PrintWriter err = parent.spec.commandLine().getErr();
    LanguageDetector detector = new LanguageDetector();
    try (FormatExtractor extractor = new FormatExtractor(ExtractLimits.DEFAULT, 1)) {
      return detect(extractor, detector, out, err);
    }
  }

  private int detect(
      FormatExtractor extractor, LanguageDetector detector, PrintWriter out, PrintWriter err) {
    int status = ExitCodes.FOUND;
    for (String p : paths) {
      String name = p.equals("-") ? "-" : p;
      SourceText text;
      try {
        byte[] bytes =
            p.equals("-")
                ? parent.env().stdin().readAllBytes()
                : Files.readAllBytes(parent.env().cwd().resolve(p));
        text = extractor.extract(name, bytes, null);
      } catch (NoSuchFileException e) {
        err.println("parkdoc: " + p + ": no such file");
        status = ExitCodes.ERROR;
        continue;
      } catch (IOException e) {
        err.println(
            "parkdoc: "
                + p
                + ": "
                + (Files.isDirectory(parent.env().cwd().resolve(p))
                    ? "is a folder"
                    : e.getMessage()));
        status = ExitCodes.ERROR;
        continue;
      } catch (NotTextException e) {
        err.println("parkdoc: " + p + ": " + e.getMessage());
        status = ExitCodes.ERROR;
        continue;
      }
      Detection d = detector.detect(text.text());
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", name);
        m.put("lang", d.lang());
        m.put("confidence", Math.round(d.confidence() * 1000) / 1000.0);
        m.put("encoding", text.encoding());
        m.put("segments", d.segments().stream().map(Segments::toJson).toList());
        out.println(Json.write(m));
      } else {
        out.printf(Locale.ROOT, "%s\t%s\t%.2f%n", name, d.lang(), d.confidence());
      }
    }
    out.flush();
    return status;
  }

  /** JSON form of a segment. */
  static final class Segments {
    private Segments() {}

    static Map<String, Object> toJson(Segment s) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("start", s.start());
      m.put("end", s.end());
      m.put("lang", s.lang());
      return m;
    }
  }
}
