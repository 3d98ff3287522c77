package io.parkdoc.backend.lucene;

import io.parkdoc.core.Snippet;
import io.parkdoc.core.analysis.AnalyzerCache;
import io.parkdoc.core.analysis.Fields;
import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.snippet.SentenceBreaker;
import io.parkdoc.core.snippet.SnippetFormatter;
import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

/**
 * The passages of hits, and the match spans of a whole document, from Lucene's UnifiedHighlighter
 * reading the text's offsets from the postings (the CJK bigram field has none: its matches are
 * found by analysing the shown document again): sentences cut by {@link SentenceBreaker}, formatted
 * by {@link SnippetFormatter} into text plus match offsets. Thread-safe.
 */
final class Passages {
  private final IndexSearcher searcher;
  private final AnalyzerCache analyzers;

  Passages(IndexSearcher searcher, AnalyzerCache analyzers) {
    this.searcher = searcher;
    this.analyzers = analyzers;
  }

  /**
   * Up to {@code passages} snippets of each of {@code docIds} in the text fields of {@code
   * languages}, by document id.
   */
  Map<Integer, List<Snippet>> snippets(
      Query query, List<String> languages, boolean natural, int[] docIds, int passages)
      throws IOException {
    Map<Integer, List<Snippet>> out = new HashMap<>();
    if (docIds.length == 0 || passages <= 0) {
      return out;
    }
    String[] fields = languages.stream().map(Fields::text).toArray(String[]::new);
    int[] max = new int[fields.length];
    Arrays.fill(max, passages);
    Map<String, Object[]> byField =
        highlighter(natural, SentenceBreaker::new, new SnippetFormatter())
            .highlight(fields, query, docIds, max);
    for (Object[] perDoc : byField.values()) {
      for (int i = 0; i < perDoc.length; i++) {
        if (perDoc[i] instanceof List<?> list && !list.isEmpty()) {
          @SuppressWarnings("unchecked")
          List<Snippet> s = (List<Snippet>) list;
          out.put(docIds[i], s);
        }
      }
    }
    return out;
  }

  /**
   * Every place {@code query} matches in {@code field} of document {@code docId}, merged where they
   * overlap.
   */
  List<Snippet.Span> spans(Query query, boolean natural, String field, int docId)
      throws IOException {
    Object[] perDoc =
        highlighter(natural, WholeBreakIterator::new, new WholeTextFormatter())
            .highlight(new String[] {field}, query, new int[] {docId}, new int[] {1})
            .get(field);
    if (perDoc != null && perDoc[0] instanceof List<?> list) {
      @SuppressWarnings("unchecked")
      List<Snippet.Span> s = (List<Snippet.Span>) list;
      return s;
    }
    return List.of();
  }

  private Highlighter highlighter(
      boolean natural, Supplier<BreakIterator> breaks, PassageFormatter formatter) {
    return new Highlighter(
        UnifiedHighlighter.builder(searcher, analyzers.byField())
            .withMaxLength(Integer.MAX_VALUE - 1)
            .withBreakIterator(breaks)
            .withFormatter(formatter)
            // Highlight bigram (substring) matches in the text they came from. The query to
            // highlight (QueryCompiler.compileMatches) has no bigrams of sentences, whose every
            // shared pair of characters would light up; in natural text, only the words are.
            .withMaskedFieldsFunc(
                field -> {
                  String lang = Fields.languageOf(field);
                  return !natural && lang != null && Languages.isCjk(lang)
                      ? Set.of(Fields.bigrams(lang))
                      : Set.of();
                }));
  }

  /**
   * Opens up {@code highlightFieldsAsObjects}, which returns the formatter's objects (our
   * snippets).
   */
  private static final class Highlighter extends UnifiedHighlighter {
    Highlighter(UnifiedHighlighter.Builder builder) {
      super(builder);
    }

    Map<String, Object[]> highlight(String[] fields, Query query, int[] docIds, int[] maxPassages)
        throws IOException {
      return highlightFieldsAsObjects(fields, query, docIds, maxPassages);
    }
  }

  /** Formats the one passage of a whole document as its match spans, merged where they overlap. */
  private static final class WholeTextFormatter extends PassageFormatter {
    @Override
    public Object format(Passage[] passages, String content) {
      List<Snippet.Span> spans = new ArrayList<>();
      for (Passage p : passages) {
        for (int m = 0; m < p.getNumMatches(); m++) {
          int start = p.getMatchStarts()[m];
          int end = p.getMatchEnds()[m];
          Snippet.Span last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
          if (last != null && start <= last.end()) {
            spans.set(spans.size() - 1, new Snippet.Span(last.start(), Math.max(last.end(), end)));
          } else if (end > start) {
            spans.add(new Snippet.Span(start, end));
          }
        }
      }
      return spans;
    }
  }
}
