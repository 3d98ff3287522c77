package io.parkdoc.core.query;

import io.parkdoc.core.ParkdocException;
import io.parkdoc.core.analysis.Fields;
import io.parkdoc.core.analysis.Languages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * The tokens each language's analyzers make of a text: how parkdoc sees it, as Elasticsearch's
 * {@code _analyze} and Luke's analysis tab show it. Korean, Japanese and Chinese have two fields,
 * the morphological analyzer's words and the CJK bigrams beside them; both are shown.
 *
 * <p>Uses the analyzers the index uses ({@link Languages#newAnalyzer}), so whatever they do to text
 * (stemming, folding, dropping particles) shows here without change. Stateless.
 */
public final class Analysis {
  /**
   * One token.
   *
   * @param term the term as indexed
   * @param start UTF-16 offset of its first character in the text
   * @param end UTF-16 offset after its last character
   * @param position its position (0 for the first); a dropped stop word or particle leaves a gap
   * @param positionLength how many positions it spans (more than 1 for a compound beside its parts)
   * @param type the analyzer's token type ({@code word}, {@code <ALPHANUM>}, {@code <DOUBLE>}, ...)
   * @param attributes what else the analyzer says about it (part of speech, reading, keyword), in
   *     the analyzer's own words; empty for most analyzers
   */
  public record Token(
      String term,
      int start,
      int end,
      int position,
      int positionLength,
      String type,
      Map<String, String> attributes) {}

  /**
   * The tokens of one field.
   *
   * @param lang the index language
   * @param field the index field the analyzer feeds
   * @param analyzer a readable name of the analyzer
   * @param tokens the tokens, in the order the analyzer made them
   */
  public record FieldTokens(String lang, String field, String analyzer, List<Token> tokens) {}

  /** Attribute keys shown as {@link Token}'s own components, or that say nothing for a token. */
  private static final Set<String> OWN_KEYS =
      Set.of(
          "term",
          "bytes",
          "startOffset",
          "endOffset",
          "positionIncrement",
          "positionLength",
          "type",
          "termFrequency",
          "flags",
          "payload",
          "keyword");

  private Analysis() {}

  /**
   * Analyses {@code text} with every analyzer of each language in {@code languages} (codes as
   * {@code --lang} takes them; zh-Hans and zh-Hant mean the zh index); when that is empty, with
   * those of the languages a search for {@code text} would use among {@code indexed}, the index's
   * languages (every language a search could use, when {@code indexed} is null: no index).
   *
   * @throws ParkdocException for an unknown language code
   */
  public static List<FieldTokens> analyze(
      String text, Collection<String> languages, Collection<String> indexed) {
    List<FieldTokens> out = new ArrayList<>();
    for (String lang : languagesFor(text, languages, indexed)) {
      try (Analyzer words = Languages.newAnalyzer(lang)) {
        out.add(
            new FieldTokens(
                lang,
                Fields.text(lang),
                Languages.analyzerName(lang),
                tokens(words, Fields.text(lang), text)));
      }
      if (Languages.isCjk(lang)) {
        try (Analyzer bigrams = Languages.newBigramAnalyzer(lang)) {
          out.add(
              new FieldTokens(
                  lang,
                  Fields.bigrams(lang),
                  "CJK bigrams",
                  tokens(bigrams, Fields.bigrams(lang), text)));
        }
      }
    }
    return out;
  }

  /** The index languages to analyse {@code text} with; see {@link #analyze}. */
  static List<String> languagesFor(
      String text, Collection<String> requested, Collection<String> indexed) {
    Set<String> langs = new LinkedHashSet<>();
    for (String l : requested) {
      if (!Languages.isKnown(l.strip())) {
        throw new ParkdocException(
            "unknown language '" + l.strip() + "' (try ko, ja, zh, zh-Hant, en, de, ...)");
      }
      langs.add(Languages.indexLanguage(l.strip()));
    }
    if (!langs.isEmpty()) {
      return List.copyOf(langs);
    }
    boolean natural;
    try {
      natural = QuerySyntax.parse(text, true).natural();
    } catch (ParkdocException e) {
      natural = false;
    }
    Set<String> routed = QueryRouting.languagesFor(text, natural);
    Collection<String> candidates = indexed != null ? indexed : Languages.indexLanguages();
    for (String lang : candidates) {
      if (routed == null || routed.contains(lang)) {
        langs.add(lang);
      }
    }
    return List.copyOf(langs);
  }

  public static List<Token> tokens(Analyzer analyzer, String field, String text) {
    List<Token> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      PositionLengthAttribute length = ts.addAttribute(PositionLengthAttribute.class);
      TypeAttribute type = ts.addAttribute(TypeAttribute.class);
      KeywordAttribute keyword =
          ts.hasAttribute(KeywordAttribute.class) ? ts.getAttribute(KeywordAttribute.class) : null;
      ts.reset();
      int position = -1;
      while (ts.incrementToken()) {
        position += inc.getPositionIncrement();
        Map<String, String> attributes = new LinkedHashMap<>();
        // Analyzer-specific attributes (nori's and kuromoji's part of speech, readings) by
        // reflection, so any analyzer's extras show without parkdoc knowing them.
        ts.reflectWith(
            (attribute, key, value) -> {
              if (!OWN_KEYS.contains(key) && value != null && !String.valueOf(value).isEmpty()) {
                attributes.putIfAbsent(key, String.valueOf(value));
              }
            });
        if (keyword != null && keyword.isKeyword()) {
          attributes.put("keyword", "true");
        }
        out.add(
            new Token(
                term.toString(),
                offset.startOffset(),
                offset.endOffset(),
                position,
                length.getPositionLength(),
                type.type(),
                attributes.isEmpty() ? Map.of() : Collections.unmodifiableMap(attributes)));
      }
      ts.end();
    } catch (IOException e) {
      throw new ParkdocException("cannot analyse the text: " + e.getMessage(), e);
    }
    return out;
  }
}
