package io.parkdoc.backend.solr;

import io.parkdoc.core.ParkdocException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * A field's value in the JSON form of Solr's {@code PreAnalyzedField}: the stored text and the
 * tokens parkdoc's own analyzer made of it (term, offsets, position increment, type). Stateless.
 */
final class PreAnalyzed {
  private PreAnalyzed() {}

  /**
   * {@code text} analysed by {@code analyzer} as field {@code field}, as PreAnalyzedField's JSON.
   */
  static String json(Analyzer analyzer, String field, String text) {
    List<Object> tokens = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      TypeAttribute type = ts.addAttribute(TypeAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("t", term.toString());
        t.put("s", offset.startOffset());
        t.put("e", offset.endOffset());
        t.put("i", inc.getPositionIncrement());
        t.put("y", type.type());
        tokens.add(t);
      }
      ts.end();
    } catch (IOException e) {
      throw new ParkdocException("cannot analyse the text: " + e.getMessage(), e);
    }
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("v", "1");
    value.put("str", text);
    value.put("tokens", tokens);
    return SolrJson.write(value);
  }
}
