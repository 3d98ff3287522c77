package io.parkdoc.core;

import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.CharFilter;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;

/**
 * smartcn on text whose Traditional characters are first folded to Simplified.
 *
 * <p>smartcn's segmentation model is trained on Simplified Chinese; folding first lets it segment
 * Traditional text as well and makes 長春 and 长春 the same term. The fold is one character for one
 * character, so offsets (and highlights) still point into the original text.
 */
final class ChineseAnalyzer extends AnalyzerWrapper {
  private final Analyzer smartcn = new SmartChineseAnalyzer();

  ChineseAnalyzer() {
    super(PER_FIELD_REUSE_STRATEGY);
  }

  @Override
  protected Analyzer getWrappedAnalyzer(String fieldName) {
    return smartcn;
  }

  @Override
  protected Reader wrapReader(String fieldName, Reader reader) {
    return new SimplifiedFold(reader);
  }

  @Override
  protected Reader wrapReaderForNormalization(String fieldName, Reader reader) {
    return new SimplifiedFold(reader);
  }

  @Override
  public void close() {
    smartcn.close();
    super.close();
  }

  /** A length-preserving char filter: each Traditional character becomes its Simplified form. */
  static final class SimplifiedFold extends CharFilter {
    SimplifiedFold(Reader in) {
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
}
