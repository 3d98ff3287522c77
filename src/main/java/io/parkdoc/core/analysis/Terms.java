package io.parkdoc.core.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;

/** The terms an analyzer makes of a text, in order. */
public final class Terms {
  private Terms() {}

  public static List<String> of(Analyzer analyzer, String field, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // analysing a String does no I/O
    }
    return out;
  }

  /**
   * The terms an analyzer makes of a text when each stands at a position of its own and spans one
   * (what a phrase query can be built from without the analyzer), each position skipped before a
   * term (a stop word's gap) given as an empty string before it; null when the analysis is more
   * than that (synonyms or compounds stacked at one position, a term spanning several), or a term
   * holds a space, a tab or a line end.
   */
  public static List<String> sequence(Analyzer analyzer, String field, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      PositionLengthAttribute len = ts.addAttribute(PositionLengthAttribute.class);
      ts.reset();
      boolean plain = true;
      while (ts.incrementToken()) {
        String t = term.toString();
        if (inc.getPositionIncrement() < 1
            || len.getPositionLength() != 1
            || t.isEmpty()
            || t.indexOf(' ') >= 0
            || t.indexOf('\t') >= 0
            || t.indexOf('\n') >= 0) {
          plain = false;
        }
        for (int gap = 1; gap < inc.getPositionIncrement(); gap++) {
          out.add("");
        }
        out.add(t);
      }
      ts.end();
      return plain ? out : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e); // analysing a String does no I/O
    }
  }
}
