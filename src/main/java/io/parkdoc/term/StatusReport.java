package io.parkdoc.term;

import io.parkdoc.core.IndexStatus;
import io.parkdoc.core.analysis.Languages;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code parkdoc status} prints: an index's documents per language and sizes, as text or JSON.
 * Stateless.
 */
public final class StatusReport {
  private StatusReport() {}

  /** {@code s} as one JSON line. */
  public static String json(IndexStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("documents", s.documents());
    m.put("languages", s.languages());
    m.put("textLanguages", s.textLanguages());
    m.put("bytes", s.bytes());
    m.put("sourceBytes", s.sourceBytes());
    m.put("index", s.index().toString());
    m.put("analyzers", analyzers(s));
    if (!s.cluster().isEmpty()) {
      m.put("cluster", s.cluster());
    }
    return Json.write(m);
  }

  /** {@code s} as text lines. */
  public static void print(PrintWriter out, IndexStatus s, Paths paths) {
    out.println("index      " + paths.display(s.index().toString()));
    StringBuilder langs = new StringBuilder();
    s.languages()
        .forEach(
            (k, v) ->
                langs.append(langs.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
    out.println("documents  " + s.documents() + (langs.length() > 0 ? "  (" + langs + ")" : ""));
    if (!s.textLanguages().equals(s.languages())) {
      StringBuilder text = new StringBuilder();
      s.textLanguages()
          .forEach(
              (k, v) ->
                  text.append(text.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
      out.println("text in    " + text + "  (documents with text in each language)");
    }
    out.printf(
        Locale.ROOT,
        "size       %s on disk for %s of text%n",
        human(s.bytes()),
        human(s.sourceBytes()));
    for (String line : s.cluster()) {
      out.println("cluster    " + line);
    }
    Map<String, String> analyzers = analyzers(s);
    if (!analyzers.isEmpty()) {
      out.println("analyzers");
      int w = analyzers.keySet().stream().mapToInt(String::length).max().orElse(0);
      analyzers.forEach(
          (lang, name) -> out.printf(Locale.ROOT, "  %-" + w + "s  %s%n", lang, name));
      if (analyzers.containsKey(Languages.UNDETERMINED)) {
        for (String line : UND_NOTE) {
          out.println("  " + line);
        }
      }
    }
  }

  /**
   * What {@code und} means, under the analyzers: the language parkdoc cannot tell, or has no
   * analyzer for.
   */
  static final List<String> UND_NOTE =
      List.of(
          "und: a language parkdoc has no analyzer for (Hebrew, Vietnamese, Slovenian, ...)",
          "or too little text to tell; its words are split at spaces and punctuation and",
          "lower-cased, not stemmed, no stop words dropped");

  /**
   * The analyzer each language of {@code s} is indexed with: every language the files hold text in
   * (an English paragraph of a Korean page is analysed as English).
   */
  static Map<String, String> analyzers(IndexStatus s) {
    Map<String, String> m = new LinkedHashMap<>();
    Map<String, Long> langs = s.textLanguages().isEmpty() ? s.languages() : s.textLanguages();
    for (String lang : langs.keySet()) {
      m.put(lang, Languages.analyzerName(Languages.indexLanguage(lang)));
    }
    return m;
  }

  /** A size in bytes as B, KB, MB or GB. */
  public static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
    if (bytes < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024);
    }
    return String.format(Locale.ROOT, "%.2f GB", bytes / 1024.0 / 1024 / 1024);
  }
}
