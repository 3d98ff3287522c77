package io.parkdoc.core.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What OCR can read here: the {@code tesseract} command and its language packs, asked once when
 * {@code index --ocr} starts. Stateless.
 */
public final class Tesseract {
  /** The languages parkdoc reads scans in, with their Debian packages. */
  static final Map<String, String> WANTED = new LinkedHashMap<>();

  static {
    WANTED.put("kor", "Korean");
    WANTED.put("jpn", "Japanese");
    WANTED.put("chi_sim", "Simplified Chinese");
    WANTED.put("chi_tra", "Traditional Chinese");
    WANTED.put("eng", "English");
  }

  private Tesseract() {}

  /**
   * What {@code tesseract --list-langs} says.
   *
   * @param languages the installed languages OCR uses: parkdoc's five when present, and any other
   *     installed language but the script-detection data
   * @param problem one line for the user when tesseract or one of parkdoc's language packs is
   *     missing, or null
   */
  public record Setup(List<String> languages, String problem) {}

  /** Asks the installed tesseract ({@code command}, normally "tesseract") what it reads. */
  public static Setup check(String command) {
    String listed;
    try {
      Process p = new ProcessBuilder(command, "--list-langs").redirectErrorStream(true).start();
      p.getOutputStream().close();
      try (InputStream in = p.getInputStream()) {
        listed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return new Setup(
            List.of(), "--ocr: '" + command + " --list-langs' failed; scans are skipped");
      }
    } catch (IOException e) {
      return new Setup(
          List.of(),
          "--ocr: tesseract is not installed (Debian: apt-get install tesseract-ocr "
              + packages(List.copyOf(WANTED.keySet()))
              + "); scans are skipped");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Setup(List.of(), "--ocr: interrupted");
    }
    List<String> installed = new ArrayList<>();
    for (String line : listed.split("\\R")) {
      String l = line.strip();
      if (!l.isEmpty()
          && !l.startsWith("List of")
          && !l.contains(" ")
          && !l.equals("osd")
          && !l.equals("equ")) {
        installed.add(l);
      }
    }
    List<String> missing = new ArrayList<>();
    for (String l : WANTED.keySet()) {
      if (!installed.contains(l)) {
        missing.add(l);
      }
    }
    List<String> languages = new ArrayList<>();
    for (String l : WANTED.keySet()) {
      if (installed.contains(l)) {
        languages.add(l);
      }
    }
    for (String l : installed) {
      if (!languages.contains(l)) {
        languages.add(l);
      }
    }
    if (languages.isEmpty()) {
      return new Setup(
          List.of(),
          "--ocr: tesseract has no language data (Debian: apt-get install "
              + packages(missing)
              + "); scans are skipped");
    }
    String problem = null;
    if (!missing.isEmpty()) {
      problem =
          "--ocr: no OCR for "
              + String.join(", ", missing.stream().map(WANTED::get).toList())
              + " (Debian: apt-get install "
              + packages(missing)
              + "); scans are read in "
              + String.join(", ", languages);
    }
    return new Setup(List.copyOf(languages), problem);
  }

  private static String packages(List<String> languages) {
    return String.join(
        " ", languages.stream().map(l -> "tesseract-ocr-" + l.replace('_', '-')).toList());
  }
}
