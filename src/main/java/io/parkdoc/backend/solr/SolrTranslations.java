package io.parkdoc.backend.solr;

import io.parkdoc.core.analysis.AnalyzerCache;
import io.parkdoc.core.analysis.Fields;
import io.parkdoc.core.analysis.Terms;
import io.parkdoc.core.query.QueryPlan;
import io.parkdoc.core.query.translate.DocFrequencies;
import io.parkdoc.core.query.translate.Lexicon;
import io.parkdoc.core.query.translate.PlanTranslation;
import io.parkdoc.core.query.translate.QueryTranslation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.Term;

/**
 * A query's translations into the collection's other languages, chosen as on the local index
 * ({@link PlanTranslation}): a candidate is kept when some document of its language holds every
 * term it analyzes to there.
 *
 * <p>The translator asks for one candidate's count at a time; a request each would cost tens of
 * round trips. So it is run twice: first only to note every candidate it could ask about (answering
 * 0 makes it go through all of them, a superset of what it asks when some are found), then, after
 * the terms of all of them are counted in one request ({@link SolrDocFreqs#count}), with those
 * counts. A query that is not translated costs no request. Counts are of live documents, where the
 * local index also counts deleted ones not yet merged away. Stateless.
 */
final class SolrTranslations {
  private SolrTranslations() {}

  /** The translation of {@code plan}'s query, or null when there is none (as locally). */
  static QueryTranslation translate(
      SolrHttp http,
      String collection,
      AnalyzerCache analyzers,
      QueryPlan plan,
      List<String> languages) {
    if (PlanTranslation.targets(plan, languages).isEmpty()) {
      return null;
    }
    Map<String, List<Term>> termsOf = new HashMap<>();
    Set<Term> asked = new LinkedHashSet<>();
    DocFrequencies note =
        (lang, text) -> {
          asked.addAll(termsOf.computeIfAbsent(key(lang, text), k -> terms(analyzers, lang, text)));
          return 0;
        };
    PlanTranslation.of(plan, languages, note);
    if (asked.isEmpty()) {
      return null; // no candidate in the lexicon: nothing to count
    }
    Map<Term, Integer> counts = new HashMap<>(SolrDocFreqs.count(http, collection, asked));
    DocFrequencies df =
        (lang, text) -> {
          List<Term> terms =
              termsOf.computeIfAbsent(key(lang, text), k -> terms(analyzers, lang, text));
          if (terms.isEmpty()) {
            return 0;
          }
          List<Term> missing = new ArrayList<>();
          for (Term t : terms) {
            if (!counts.containsKey(t)) {
              missing.add(t);
            }
          }
          counts.putAll(SolrDocFreqs.count(http, collection, missing));
          long min = Long.MAX_VALUE;
          for (Term t : terms) {
            min = Math.min(min, counts.get(t));
          }
          return min;
        };
    return PlanTranslation.of(plan, languages, df);
  }

  private static String key(String lang, String text) {
    return lang + '\u0000' + text;
  }

  /**
   * The terms {@code text} makes in {@code lang}'s text field, as the local index counts them: the
   * terms the lexicon stores for a translation ({@link Lexicon#terms}), so that the analyzers of
   * the languages translated into are not loaded, else by analysing it.
   */
  private static List<Term> terms(AnalyzerCache analyzers, String lang, String text) {
    String field = Fields.text(lang);
    List<String> stored = Lexicon.bundled().terms(lang, text);
    List<Term> out = new ArrayList<>();
    for (String t : stored != null ? stored : Terms.of(analyzers.analyzer(lang), field, text)) {
      if (!t.isEmpty()) { // an empty stored term is a position skipped
        out.add(new Term(field, t));
      }
    }
    return out;
  }
}
