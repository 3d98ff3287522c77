package io.parkdoc.core.analysis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * The analyzers of each index language, each made on first use and kept: nori, kuromoji and smartcn
 * read their dictionaries the first time they analyse, so a long-lived searcher keeps them.
 * Thread-safe; close it when done.
 */
public final class AnalyzerCache implements AutoCloseable {
  private final Map<String, Analyzer> analyzers = new ConcurrentHashMap<>();

  /** The analyzer of the text field of index language {@code lang}. */
  public Analyzer analyzer(String lang) {
    return analyzers.computeIfAbsent(lang, Languages::newAnalyzer);
  }

  /**
   * The analyzers made so far, by name: a language ({@code ja}), or {@code bigram:}, {@code query:}
   * or {@code query-bigram:} and a language (what a search has loaded, for tests).
   */
  public java.util.Set<String> made() {
    return java.util.Set.copyOf(analyzers.keySet());
  }

  /** The analyzer of the CJK bigram field of {@code lang}, or null when it has none. */
  public Analyzer bigramAnalyzer(String lang) {
    return Languages.isCjk(lang)
        ? analyzers.computeIfAbsent("bigram:" + lang, k -> Languages.newBigramAnalyzer(lang))
        : null;
  }

  /**
   * The analyzer of a query's words for the text field of {@code lang}: {@link #analyzer}, and for
   * Korean, Japanese and Chinese without English stop words. Their analyzers keep the Latin words
   * of their text (API names, labels), stop words too, so a query of English stop words ({@code the
   * of and}) found Korean pages; English's own analyzer drops them.
   */
  public Analyzer queryAnalyzer(String lang) {
    return Languages.isCjk(lang)
        ? analyzers.computeIfAbsent("query:" + lang, k -> withoutEnglishStopWords(analyzer(lang)))
        : analyzer(lang);
  }

  /** {@link #bigramAnalyzer} for a query's words, without English stop words; null as it. */
  public Analyzer queryBigramAnalyzer(String lang) {
    return Languages.isCjk(lang)
        ? analyzers.computeIfAbsent(
            "query-bigram:" + lang, k -> withoutEnglishStopWords(bigramAnalyzer(lang)))
        : null;
  }

  private static Analyzer withoutEnglishStopWords(Analyzer base) {
    return without(base, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
  }

  /** {@code base} with the terms in {@code words} removed (a stop filter after its own chain). */
  public static Analyzer without(Analyzer base, CharArraySet words) {
    return new AnalyzerWrapper(base.getReuseStrategy()) {
      @Override
      protected Analyzer getWrappedAnalyzer(String fieldName) {
        return base;
      }

      @Override
      protected TokenStreamComponents wrapComponents(
          String fieldName, TokenStreamComponents components) {
        return new TokenStreamComponents(
            components.getSource(), new StopFilter(components.getTokenStream(), words));
      }
    };
  }

  /** One analyzer that picks the right one by field name ({@link Fields}), for a highlighter. */
  public Analyzer byField() {
    return new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
      @Override
      protected Analyzer getWrappedAnalyzer(String fieldName) {
        String lang = Fields.languageOf(fieldName);
        if (lang == null) {
          return new StandardAnalyzer();
        }
        return fieldName.equals(Fields.bigrams(lang)) ? bigramAnalyzer(lang) : analyzer(lang);
      }
    };
  }

  @Override
  public void close() {
    for (Analyzer a : analyzers.values()) {
      a.close();
    }
  }
}
