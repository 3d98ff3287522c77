package io.parkdoc.term;

import io.parkdoc.core.IndexSummary;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code parkdoc index} prints of a run: the summary as text or JSON, and the files it
 * skipped. Immutable.
 *
 * @param paths how paths are shown
 * @param location where the index is, as shown
 * @param verbose list every skipped and repaired file
 */
public record IndexReport(Paths paths, String location, boolean verbose) {
  /** Each file skipped because of an error, and with --verbose every skipped or repaired file. */
  public void skipped(IndexSummary summary, PrintWriter err) {
    for (IndexSummary.Skipped s : summary.skipped()) {
      if (verbose || s.error()) {
        err.println("parkdoc: skipped " + paths.display(s.path()) + ": " + s.reason());
      }
    }
    if (verbose) {
      for (String t : summary.truncated()) {
        err.println("parkdoc: " + paths.display(t) + ": text cut at the per-file character limit");
      }
      for (IndexSummary.Repaired r : summary.repaired()) {
        err.println(
            "parkdoc: "
                + paths.display(r.path())
                + ": "
                + r.sequences()
                + " invalid byte sequence"
                + (r.sequences() == 1 ? "" : "s")
                + " replaced with U+FFFD");
      }
    }
  }

  public static String counts(IndexSummary s) {
    return String.format(
        Locale.ROOT,
        "%d added, %d updated, %d unchanged, %d removed",
        s.added(),
        s.updated(),
        s.unchanged(),
        s.removed());
  }

  public static String languages(IndexSummary s) {
    if (s.languages().isEmpty()) {
      return "";
    }
    StringBuilder langs = new StringBuilder(" (");
    s.languages()
        .forEach(
            (k, v) -> langs.append(langs.length() > 2 ? ", " : "").append(k).append(' ').append(v));
    return langs.append(')').toString();
  }

  /** The summary of a run as text. */
  public void print(PrintWriter out, IndexSummary s) {
    int indexed = s.added() + s.updated();
    out.printf(
        Locale.ROOT,
        "indexed %d file%s in %.1f s (%.2f MB/s): %s%n",
        indexed,
        indexed == 1 ? "" : "s",
        s.nanos() / 1e9,
        s.megabytesPerSecond(),
        counts(s));
    if (!s.languages().isEmpty()) {
      StringBuilder langs = new StringBuilder("  ");
      s.languages()
          .forEach(
              (k, v) ->
                  langs.append(langs.length() > 2 ? ", " : "").append(k).append(' ').append(v));
      out.println(langs);
    }
    if (!s.skipped().isEmpty()) {
      Map<String, Integer> reasons = new TreeMap<>();
      for (IndexSummary.Skipped k : s.skipped()) {
        reasons.merge(k.reason(), 1, Integer::sum);
      }
      StringBuilder line = new StringBuilder("skipped " + s.skipped().size() + ": ");
      boolean first = true;
      for (var e : reasons.entrySet()) {
        line.append(first ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
        first = false;
      }
      if (!verbose) {
        line.append(" (--verbose lists them)");
      }
      out.println(line);
    }
    if (!s.repaired().isEmpty()) {
      int sequences = s.repaired().stream().mapToInt(IndexSummary.Repaired::sequences).sum();
      out.printf(
          Locale.ROOT,
          "%d file%s had invalid byte sequences (%d in all), replaced with U+FFFD%s%n",
          s.repaired().size(),
          s.repaired().size() == 1 ? "" : "s",
          sequences,
          verbose ? "" : " (--verbose lists them)");
    }
    if (!s.truncated().isEmpty()) {
      out.printf(
          Locale.ROOT,
          "%d document%s cut at the per-file character limit%s%n",
          s.truncated().size(),
          s.truncated().size() == 1 ? "" : "s",
          verbose ? "" : " (--verbose lists them)");
    }
    out.println("index: " + paths.display(location));
  }

  /** The summary of a run (or of a watch batch) as one JSON line. */
  public String json(IndexSummary s) {
    return Json.write(toJson(s));
  }

  private Map<String, Object> toJson(IndexSummary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("added", s.added());
    m.put("updated", s.updated());
    m.put("unchanged", s.unchanged());
    m.put("removed", s.removed());
    m.put("languages", s.languages());
    m.put(
        "skipped",
        s.skipped().stream()
            .map(
                k -> {
                  Map<String, Object> o = new LinkedHashMap<>();
                  o.put("path", paths.relative(k.path()));
                  o.put("reason", k.reason());
                  o.put("error", k.error());
                  return o;
                })
            .toList());
    m.put(
        "repaired",
        s.repaired().stream()
            .map(
                r -> {
                  Map<String, Object> o = new LinkedHashMap<>();
                  o.put("path", paths.relative(r.path()));
                  o.put("sequences", r.sequences());
                  return o;
                })
            .toList());
    if (!s.truncated().isEmpty()) {
      m.put("truncated", s.truncated().stream().map(paths::relative).toList());
    }
    m.put("bytes", s.bytes());
    m.put("seconds", Math.round(s.nanos() / 1e6) / 1e3);
    m.put("interrupted", s.interrupted());
    m.put("index", location);
    return m;
  }
}
