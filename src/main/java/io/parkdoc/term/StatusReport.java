package io.parkdoc.term;

import io.parkdoc.core.IndexStatus;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
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
