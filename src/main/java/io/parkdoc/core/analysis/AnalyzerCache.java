package io.parkdoc.core.analysis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
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

  /** The analyzer of the CJK bigram field of {@code lang}, or null when it has none. */
  public Analyzer bigramAnalyzer(String lang) {
    return Languages.isCjk(lang)
        ? analyzers.computeIfAbsent("bigram:" + lang, k -> Languages.newBigramAnalyzer(lang))
        : null;
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
