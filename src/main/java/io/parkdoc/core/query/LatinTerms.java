package io.parkdoc.core.query;

import io.parkdoc.core.analysis.Terms;
import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Every term nori, kuromoji, smartcn or the CJK bigram analyzer can make of text written in ASCII
 * (or its full-width forms), computed without their dictionaries.
 *
 * <p>A short Latin-script query also searches Korean, Japanese and Chinese, whose documents carry
 * Latin words. Loading those analyzers costs far more than the search, yet most Latin words are in
 * none of those indices. Given the query's terms here (a superset: the text lowercased with and
 * without width folding, cut by Lucene's standard tokenizer and at every change between letters,
 * digits and the rest, each also Porter-stemmed as smartcn does), a searcher that finds none of
 * them in a language's fields knows that language cannot match, and skips its analyzer. {@code
 * LatinTermsTest} checks the superset against the real analyzers on tens of thousands of words.
 * Stateless and thread-safe.
 */
public final class LatinTerms {
  private static final Analyzer STANDARD =
      new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
          Tokenizer source = new StandardTokenizer();
          return new TokenStreamComponents(source, new LowerCaseFilter(source));
        }
      };

  private static final Analyzer PORTER =
      new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
          Tokenizer source = new KeywordTokenizer();
          return new TokenStreamComponents(source, new PorterStemFilter(source));
        }
      };

  private LatinTerms() {}

  /**
   * True when every character of {@code text} is printable ASCII, a full-width form of it, or a
   * space.
   */
  public static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= 0x20 && c < 0x7f) || (c >= 0xff01 && c <= 0xff5e) || Character.isWhitespace(c))) {
        return false;
      }
    }
    return true;
  }

  /** Every term the CJK analyzers can make of {@code text}, which {@link #isAscii} accepts. */
  public static Set<String> candidates(String text) {
    Set<String> terms = new LinkedHashSet<>();
    for (String t :
        List.of(
            text.toLowerCase(Locale.ROOT),
            Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT))) {
      terms.addAll(analyze(STANDARD, t));
      StringBuilder run = new StringBuilder();
      int kind = 0;
      for (int i = 0; i <= t.length(); i++) {
        char c = i < t.length() ? t.charAt(i) : ' ';
        int k = Character.isLetter(c) ? 1 : Character.isDigit(c) ? 2 : 0;
        if (k != kind && run.length() > 0) {
          terms.add(run.toString());
          run.setLength(0);
        }
        kind = k;
        if (k != 0) {
          run.append(c);
        }
      }
    }
    Set<String> stems = new LinkedHashSet<>();
    for (String term : terms) {
      stems.addAll(analyze(PORTER, term));
    }
    terms.addAll(stems);
    return terms;
  }

  private static List<String> analyze(Analyzer a, String text) {
    return Terms.of(a, "f", text);
  }
}
