package io.parkdoc.backend.lucene;

import io.parkdoc.core.analysis.AnalyzerCache;
import io.parkdoc.core.analysis.Fields;
import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.analysis.Terms;
import io.parkdoc.core.query.QueryCompiler;
import io.parkdoc.core.query.QueryPlan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Turns a {@link QueryPlan} into the one Lucene query that searches every language index of a
 * reader at once: each language's clause compiled with that language's analyzers, ORed, with the
 * request's recorded-language filter and the Chinese script preference. Also builds the queries a
 * server backend runs ({@code backend/solr}), with no reader: then every language may hold a
 * query's words, and the script preference always applies (a boost by a query that no document
 * matches changes no score). Thread-safe.
 */
public final class QueryBuilder {
  /**
   * What a Chinese document's score is multiplied by when it is written in the other Chinese script
   * than the query ({@link #preferScript}). Measured with {@code bench/relevance} on the relevance
   * sets all in one index, where Simplified questions (cmrc2018, xquad-zh) compete with Traditional
   * passages (drcd) and the other way round, factor 1 (none) / 0.8 / 0.67 / 0.001 (the other script
   * after nearly everything in the query's own): xquad-zh .9453 / .9543 / .9562 / .9574, drcd .9618
   * / .9641 / .9643 / .9644, cmrc2018 .9887 / .9897 / .9900 / .9900; the other sets unchanged. 0.8
   * takes most of the gain and keeps a clearly better match in the other script first (it needs a
   * quarter more score, not half). The cost, in {@code CrossVariantEvalTest}: xquad-zh's paragraphs
   * asked for in Traditional, .984 to .978 recall@10.
   */
  static final float OTHER_SCRIPT_FACTOR = 0.8f;

  private final IndexReader reader;
  private final AnalyzerCache analyzers;

  /**
   * @param reader the index searched, or null for a server's index
   * @param analyzers the analyzers to compile each language's clause with
   */
  public QueryBuilder(IndexReader reader, AnalyzerCache analyzers) {
    this.reader = reader;
    this.analyzers = analyzers;
  }

  /**
   * The Lucene query of {@code plan} over {@code languages}, each language's clause compiled once,
   * kept in {@code compiled} (null where the query has nothing that language can match).
   *
   * @param relaxed the second try of a query no document matched whole
   */
  public Query build(
      QueryPlan plan, List<String> languages, boolean relaxed, Map<String, Query> compiled) {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    int clauses = 0;
    for (String lang : languages) {
      if (plan.latinTerms() != null
          && Languages.isCjk(lang)
          && !holdsAny(lang, plan.latinTerms())) {
        continue; // no document here can match: spare loading the language's dictionaries
      }
      Query q = compile(plan, lang, relaxed);
      compiled.put(lang, q);
      if (q != null && Languages.CHINESE.equals(lang)) {
        q = preferScript(q, plan.script());
      }
      if (q != null) {
        any.add(q, Occur.SHOULD);
        clauses++;
      }
    }
    if (clauses == 0) {
      return null;
    }
    BooleanQuery.Builder top = new BooleanQuery.Builder().add(any.build(), Occur.MUST);
    List<String> recorded = plan.recordedLanguages();
    if (!recorded.isEmpty()) {
      BooleanQuery.Builder f = new BooleanQuery.Builder();
      for (String l : recorded) {
        f.add(new TermQuery(new Term(Fields.LANG, l)), Occur.SHOULD);
      }
      top.add(f.build(), Occur.FILTER);
    }
    return top.build();
  }

  /**
   * The query of {@code plan} for one language, or null when it has nothing that language can
   * match.
   */
  Query compile(QueryPlan plan, String lang, boolean relaxed) {
    return new QueryCompiler(
            lang, analyzers.analyzer(lang), analyzers.bigramAnalyzer(lang), plan.parsed(), relaxed)
        .compileTop(plan.root());
  }

  /**
   * {@code query} for the Chinese index, with the documents written in the other Chinese script
   * than the query's words ranked at {@value #OTHER_SCRIPT_FACTOR} of their score: folding lets 长春
   * find 長春, and among passages that match about as well, one written the way the user writes comes
   * first. A clearly better match in the other script still ranks above. Unchanged when the query
   * tells no script (激光) or no such document is indexed.
   */
  private Query preferScript(Query query, String script) {
    if (script == null) {
      return query;
    }
    Term other =
        new Term(
            Fields.LANG,
            script.equals(Languages.SIMPLIFIED_CHINESE)
                ? Languages.TRADITIONAL_CHINESE
                : Languages.SIMPLIFIED_CHINESE);
    try {
      if (reader != null && reader.docFreq(other) == 0) {
        return query;
      }
    } catch (IOException e) {
      return query;
    }
    return FunctionScoreQuery.boostByQuery(query, new TermQuery(other), OTHER_SCRIPT_FACTOR);
  }

  /**
   * True when a text or bigram field of {@code lang} holds one of {@code terms} (or when unsure).
   */
  boolean holdsAny(String lang, Set<String> terms) {
    if (reader == null) {
      return true;
    }
    try {
      for (LeafReaderContext leaf : reader.leaves()) {
        for (String field : List.of(Fields.text(lang), Fields.bigrams(lang))) {
          org.apache.lucene.index.Terms t = leaf.reader().terms(field);
          if (t == null) {
            continue;
          }
          TermsEnum e = t.iterator();
          for (String term : terms) {
            if (e.seekExact(new BytesRef(term))) {
              return true;
            }
          }
        }
      }
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * Why a search that found nothing could not search some languages at all: the query's words that
   * each such language drops as stop words, with those languages, in query order. German {@code
   * würde}, English {@code will}, Spanish {@code era} are too common there to be indexed, so a
   * search for Würde (dignity) has nothing to look for in German text. A language where some word
   * is left to search ({@code the xyzzy}), one the query's {@code lang:} filter leaves out, words
   * the query excludes, and the CJK languages (their bigram fields index every character) give
   * nothing here.
   *
   * @param compiled each searched language's query as the search compiled it (null: nothing to
   *     search there), so that nothing is compiled twice
   */
  public Map<String, List<String>> stopWords(
      QueryPlan plan, List<String> languages, Map<String, Query> compiled) {
    Map<String, List<String>> dropped = new LinkedHashMap<>();
    Set<String> filtered = plan.languageFilter();
    for (String lang : languages) {
      if (Languages.isCjk(lang) || (filtered != null && !filtered.contains(lang))) {
        continue;
      }
      Query q = compiled.containsKey(lang) ? compiled.get(lang) : compile(plan, lang, false);
      if (q != null) {
        continue;
      }
      for (String w : plan.positiveWords()) {
        String word = w.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "");
        if (word.codePoints().anyMatch(Character::isLetter)
            && Terms.of(analyzers.analyzer(lang), Fields.text(lang), word).isEmpty()) {
          List<String> in = dropped.computeIfAbsent(word, k -> new ArrayList<>());
          if (!in.contains(lang)) {
            in.add(lang);
          }
        }
      }
    }
    return dropped;
  }
}
