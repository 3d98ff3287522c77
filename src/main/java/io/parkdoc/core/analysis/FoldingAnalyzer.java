package io.parkdoc.core.analysis;

import com.ibm.icu.text.FilteredNormalizer2;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.UnicodeSet;
import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.CharFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.icu.ICUNormalizer2CharFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * A language analyzer with spelling variants folded: width folding for every language (NFKC of the
 * width and compatibility forms: ＬＥＤ is LED, ｶﾀｶﾅ is カタカナ), and Han variants (Traditional,
 * Simplified, Japanese shinjitai) folded to one form by {@link HanVariants}.
 *
 * <p>Where the fold happens depends on the analyzer: smartcn is a model of Simplified text, so
 * Chinese is folded before it segments; kuromoji and nori know the forms their own language writes,
 * so Japanese and Korean are segmented as written and their terms folded after. Offsets always
 * point into the original text (ICU's char filter corrects them; the Han fold is one character for
 * one). Thread-safe as Lucene analyzers are.
 */
final class FoldingAnalyzer extends AnalyzerWrapper {
  /**
   * NFKC restricted to the width and compatibility forms (full-width Latin and digits, half-width
   * kana, squared and circled forms, CJK compatibility ideographs, Latin ligatures): full NFKC also
   * decomposes Thai and Lao vowel signs (SARA AM), which breaks their word breaking.
   */
  static final Normalizer2 WIDTH =
      new FilteredNormalizer2(
          Normalizer2.getNFKCInstance(),
          new UnicodeSet(
                  "[\\u3000\\u2460-\\u24FF\\u3200-\\u33FF\\uF900-\\uFAFF\\uFB00-\\uFB06\\uFF00-\\uFFEF]")
              .freeze());

  /** Where Han variants are folded. */
  enum HanFold {
    NONE,
    BEFORE_TOKENIZER,
    TERMS
  }

  private final Analyzer base;
  private final HanFold hanFold;

  FoldingAnalyzer(Analyzer base, HanFold hanFold) {
    super(PER_FIELD_REUSE_STRATEGY);
    this.base = base;
    this.hanFold = hanFold;
  }

  @Override
  protected Analyzer getWrappedAnalyzer(String fieldName) {
    return base;
  }

  @Override
  protected Reader wrapReader(String fieldName, Reader reader) {
    Reader r = new ICUNormalizer2CharFilter(reader, WIDTH);
    return hanFold == HanFold.BEFORE_TOKENIZER ? new HanFoldCharFilter(r) : r;
  }

  @Override
  protected Reader wrapReaderForNormalization(String fieldName, Reader reader) {
    return wrapReader(fieldName, reader);
  }

  @Override
  protected TokenStreamComponents wrapComponents(
      String fieldName, TokenStreamComponents components) {
    if (hanFold != HanFold.TERMS) {
      return components;
    }
    return new TokenStreamComponents(
        components.getSource(), new HanFoldTermFilter(components.getTokenStream()));
  }

  @Override
  protected TokenStream wrapTokenStreamForNormalization(String fieldName, TokenStream in) {
    return hanFold == HanFold.TERMS ? new HanFoldTermFilter(in) : in;
  }

  @Override
  public void close() {
    base.close();
    super.close();
  }

  /**
   * Folds Han variants in the text before tokenization; one character for one, offsets unchanged.
   */
  static final class HanFoldCharFilter extends CharFilter {
    HanFoldCharFilter(Reader in) {
      super(in);
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      int n = input.read(buf, off, len);
      for (int i = off; i < off + n; i++) {
        buf[i] = HanVariants.toSimplified(buf[i]);
      }
      return n;
    }

    @Override
    protected int correct(int currentOff) {
      return currentOff;
    }
  }

  /** Folds Han variants in each term. */
  static final class HanFoldTermFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    HanFoldTermFilter(TokenStream in) {
      super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) {
        return false;
      }
      char[] b = term.buffer();
      for (int i = 0; i < term.length(); i++) {
        b[i] = HanVariants.toSimplified(b[i]);
      }
      return true;
    }
  }
}
