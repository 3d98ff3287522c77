package io.parkdoc.backend.lucene;

import io.parkdoc.core.MatchExplanation;
import io.parkdoc.core.analysis.Fields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;

/**
 * Why a document matched a query: its matched terms per field and its score's parts (Lucene's
 * explain). Stateless.
 */
final class Explainer {
  private Explainer() {}

  /**
   * The explanation of document {@code docId}, whose text field holds {@code text}, for {@code
   * query}.
   */
  static MatchExplanation explain(
      IndexSearcher searcher, Query plan, int docId, String path, String lang, String text)
      throws IOException {
    Query query = searcher.rewrite(plan);
    Explanation score = searcher.explain(query, docId);
    List<MatchExplanation.FieldMatch> found = matches(searcher, query, docId, text);
    return new MatchExplanation(path, lang, score.isMatch(), found, scorePart(score));
  }

  /**
   * The terms {@code query} matched in each text field of document {@code docId}, whose text field
   * holds {@code text}, grouped by the query clause that made them.
   */
  static List<MatchExplanation.FieldMatch> matches(
      IndexSearcher searcher, Query query, int docId, String text) throws IOException {
    Query rewritten = searcher.rewrite(query);
    Weight weight = searcher.createWeight(rewritten, ScoreMode.COMPLETE_NO_SCORES, 1f);
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docId, leaves));
    Matches matches = weight.matches(leaf, docId - leaf.docBase);
    List<MatchExplanation.FieldMatch> found = new ArrayList<>();
    if (matches != null) {
      for (String field : matches) {
        if (Fields.languageOf(field) == null) {
          continue; // lang: and path: filters
        }
        found.addAll(fieldMatches(field, matches.getMatches(field), text));
      }
    }
    return found;
  }

  /** The matches in one field, grouped by the query clause that made them. */
  private static List<MatchExplanation.FieldMatch> fieldMatches(
      String field, MatchesIterator it, String text) throws IOException {
    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<String, Set<String>> texts = new LinkedHashMap<>();
    while (it != null && it.next()) {
      String clause = it.getQuery() == null ? "?" : it.getQuery().toString(field);
      counts.merge(clause, 1, Integer::sum);
      Set<String> seen = texts.computeIfAbsent(clause, k -> new LinkedHashSet<>());
      int start = it.startOffset();
      int end = it.endOffset();
      if (text != null
          && start >= 0
          && end <= text.length()
          && start < end
          && seen.size() < MatchExplanation.MAX_TEXTS) {
        seen.add(text.substring(start, end));
      }
    }
    List<MatchExplanation.FieldMatch> out = new ArrayList<>();
    counts.forEach(
        (clause, n) ->
            out.add(
                new MatchExplanation.FieldMatch(field, clause, n, List.copyOf(texts.get(clause)))));
    return out;
  }

  private static MatchExplanation.ScorePart scorePart(Explanation e) {
    List<MatchExplanation.ScorePart> details = new ArrayList<>();
    for (Explanation sub : e.getDetails()) {
      details.add(scorePart(sub));
    }
    return new MatchExplanation.ScorePart(e.getValue().floatValue(), e.getDescription(), details);
  }
}
