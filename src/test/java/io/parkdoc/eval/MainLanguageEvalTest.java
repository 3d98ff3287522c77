package io.parkdoc.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.SharedCorpora;
import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.detect.Detection;
import io.parkdoc.core.detect.LanguageDetector;
import io.parkdoc.core.detect.Segment;
import java.io.IOException;
import java.lang.Character.UnicodeScript;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A file's main language is what a reader sees: on LibreOffice's and GNOME's help, whose translated
 * pages still hold untranslated English paragraphs, the main language agrees with the folder the
 * page came from wherever the folder's language covers at least 30% of the text (characters
 * weighted by script, as the detector weighs them: a Hangul syllable 2.5 letters, a kana 1.5, a Han
 * character 3). Folders whose language has no analyzer in parkdoc are not judged.
 */
class MainLanguageEvalTest {
  private static final double MIN_SHARE = 0.30;
  private static final double GOAL = 0.99;

  /** A folder name of the corpora as the language parkdoc records. */
  static String recorded(String folder) {
    return switch (folder) {
      case "zh-cn" -> Languages.SIMPLIFIED_CHINESE;
      case "zh-tw" -> Languages.TRADITIONAL_CHINESE;
      case "pt-br" -> "pt";
      default -> folder;
    };
  }

  /** Letters of {@code text} weighted by script. */
  static double weight(CharSequence text) {
    double w = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = Character.codePointAt(text, i);
      i += Character.charCount(cp);
      if (!Character.isLetter(cp)) {
        continue;
      }
      UnicodeScript s = UnicodeScript.of(cp);
      w +=
          switch (s) {
            case HANGUL -> 2.5;
            case HIRAGANA, KATAKANA -> 1.5;
            case HAN -> 3.0;
            default -> 1.0;
          };
    }
    return w;
  }

  @Test
  void theMainLanguageIsTheOneAReaderSees() throws IOException {
    LanguageDetector detector = new LanguageDetector();
    Map<String, int[]> perFolder = new TreeMap<>(); // judged, agreeing
    List<String> misses = new ArrayList<>();
    for (String set : List.of("libreoffice-help", "gnome-help")) {
      Path root = SharedCorpora.unpack(set).resolve(set);
      try (Stream<Path> folders = Files.list(root)) {
        for (Path folder : folders.sorted().toList()) {
          String expected = recorded(folder.getFileName().toString());
          String index = Languages.indexLanguage(expected);
          if (index.equals(Languages.UNDETERMINED)) {
            continue; // no analyzer: nothing to agree with
          }
          int[] counts =
              perFolder.computeIfAbsent(set + "/" + folder.getFileName(), k -> new int[2]);
          try (Stream<Path> pages = Files.list(folder)) {
            for (Path page : pages.sorted().toList()) {
              String text = Files.readString(page, StandardCharsets.UTF_8);
              Detection d = detector.detect(text);
              double all = 0;
              double own = 0;
              for (Segment s : d.segments()) {
                double w = weight(text.subSequence(s.start(), s.end()));
                all += w;
                if (Languages.indexLanguage(s.lang()).equals(index)) {
                  own += w;
                }
              }
              if (all == 0 || own / all < MIN_SHARE) {
                continue;
              }
              counts[0]++;
              boolean agrees =
                  index.equals(Languages.CHINESE)
                      ? d.lang().equals(expected)
                      : Languages.indexLanguage(d.lang()).equals(index);
              if (agrees) {
                counts[1]++;
              } else if (counts[0] - counts[1] <= 3) {
                misses.add(
                    String.format(
                        Locale.ROOT,
                        "%s/%s: %s (%s %.0f%%)",
                        set,
                        root.relativize(page),
                        d.lang(),
                        expected,
                        100 * own / all));
              }
            }
          }
        }
      }
    }
    int judged = 0;
    int agreeing = 0;
    StringBuilder table =
        new StringBuilder("main language agrees with the folder (pages where it covers >= 30%):\n");
    for (var e : perFolder.entrySet()) {
      judged += e.getValue()[0];
      agreeing += e.getValue()[1];
      table.append(
          String.format(
              Locale.ROOT,
              "  %-24s %5d / %5d  %.4f%n",
              e.getKey(),
              e.getValue()[1],
              e.getValue()[0],
              e.getValue()[0] == 0 ? 1.0 : (double) e.getValue()[1] / e.getValue()[0]));
    }
    double rate = (double) agreeing / judged;
    table.append(
        String.format(
            Locale.ROOT, "  all: %d / %d = %.4f (goal %.2f)%n", agreeing, judged, rate, GOAL));
    misses.forEach(m -> table.append("  miss: ").append(m).append('\n'));
    System.out.print(table);
    assertTrue(rate >= GOAL, table::toString);
  }
}
