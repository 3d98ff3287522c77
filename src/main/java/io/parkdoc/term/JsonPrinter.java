package io.parkdoc.term;

import io.parkdoc.core.Hit;
import io.parkdoc.core.Snippet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hits as JSON lines, one object per hit: the same passages and highlight offsets the text printer
 * colours, as code-point offsets into the joined snippet. Stateless.
 */
public final class JsonPrinter {
  /** What joins the passages of one hit into its one snippet. */
  private static final String JOIN = " … ";

  private JsonPrinter() {}

  /**
   * The JSON line of {@code hit}.
   *
   * @param path the hit's path as it should be shown ({@link Paths#relative})
   * @param qid the query id of a batch, or null
   */
  public static String hit(Hit hit, String path, String qid) {
    return hit(hit, path, qid, false, null);
  }

  /**
   * One hit as a JSON object; with {@code partial}, {@code "partial": true} says it holds only some
   * of the query's words (the relaxed second try of a short query, {@link
   * io.parkdoc.core.SearchResults#relaxed()}); with the query's translations ({@code
   * "translations": {"ko": ["레이저"], ...}}, every kept translation per language) when the search
   * made any.
   */
  public static String hit(
      Hit hit,
      String path,
      String qid,
      boolean partial,
      io.parkdoc.core.query.translate.QueryTranslation t) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (qid != null) {
      m.put("qid", qid);
    }
    m.put("rank", hit.rank());
    m.put("path", path);
    m.put("lang", hit.lang());
    m.put("languages", hit.languages());
    m.put("score", hit.score());
    m.put("title", hit.title());
    StringBuilder snippet = new StringBuilder();
    List<int[]> highlights = new ArrayList<>();
    for (Snippet s : hit.snippets()) {
      if (snippet.length() > 0) {
        snippet.append(JOIN);
      }
      int base = snippet.length();
      snippet.append(s.text());
      for (Snippet.Span span : s.highlights()) {
        highlights.add(
            new int[] {
              snippet.codePointCount(0, base + span.start()),
              snippet.codePointCount(0, base + span.end())
            });
      }
    }
    m.put("snippet", snippet.toString());
    m.put("highlights", highlights);
    if (partial) {
      m.put("partial", true);
    }
    // In a PDF, slides or sheets: the page, slide or sheet of each passage, in snippet order.
    List<String> where = hit.snippets().stream().map(Snippet::where).toList();
    if (where.stream().anyMatch(java.util.Objects::nonNull)) {
      m.put("where", where);
    }
    if (t != null && !t.isEmpty()) {
      Map<String, Object> byLang = new LinkedHashMap<>();
      for (String lang : t.languages()) {
        List<String> all = new ArrayList<>();
        t.into(lang).forEach(all::addAll);
        byLang.put(lang, all);
      }
      m.put("translations", byLang);
    }
    return Json.write(m);
  }
}
