package io.parkdoc.backend.solr;

import io.parkdoc.core.analysis.AnalyzerCache;
import io.parkdoc.core.analysis.Fields;
import io.parkdoc.core.analysis.Terms;
import io.parkdoc.core.query.QueryPlan;
import io.parkdoc.core.query.QuerySyntax;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;

/**
 * How many documents of the collection hold each term of one query: what the local index reads from
 * its {@code IndexReader} when a long query (a pasted paragraph) keeps only its most selective
 * terms. Without it the Solr backend kept a long query's first terms, and ranked otherwise than the
 * local index.
 *
 * <p>Asked lazily: a short query never needs it. A long one costs one request for every term its
 * text makes in every language searched (a facet query per term and field, counted over all
 * shards), and one more for any term asked about later that the text did not make. Counts are of
 * live documents, where the local index also counts deleted ones not yet merged away; a freshly
 * built index has none. Not thread-safe: one per search.
 */
final class SolrDocFreqs implements ToIntFunction<Term> {
  private final SolrHttp http;
  private final String collection;
  private final AnalyzerCache analyzers;
  private final QueryPlan plan;
  private final List<String> langs;
  private final Map<Term, Integer> known = new HashMap<>();
  private boolean fetched;

  SolrDocFreqs(
      SolrHttp http,
      String collection,
      AnalyzerCache analyzers,
      QueryPlan plan,
      List<String> langs) {
    this.http = http;
    this.collection = collection;
    this.analyzers = analyzers;
    this.plan = plan;
    this.langs = langs;
  }

  @Override
  public int applyAsInt(Term term) {
    if (!fetched) {
      fetched = true;
      fetch(queryTerms());
    }
    Integer n = known.get(term);
    if (n == null) {
      fetch(List.of(term));
      n = known.getOrDefault(term, 0);
    }
    return n;
  }

  /** Every term the query's text makes in each language's text and bigram fields. */
  private Set<Term> queryTerms() {
    String text = QuerySyntax.positiveText(plan.root(), true);
    Set<Term> terms = new LinkedHashSet<>();
    for (String lang : langs) {
      add(terms, analyzers.analyzer(lang), Fields.text(lang), text);
      Analyzer bigrams = analyzers.bigramAnalyzer(lang);
      if (bigrams != null) {
        add(terms, bigrams, Fields.bigrams(lang), text);
      }
    }
    return terms;
  }

  private static void add(Set<Term> terms, Analyzer analyzer, String field, String text) {
    for (String t : Terms.of(analyzer, field, text)) {
      terms.add(new Term(field, t));
    }
  }

  /** Counts the documents holding each of {@code terms}, in one request. */
  private void fetch(Collection<Term> terms) {
    known.putAll(count(http, collection, terms));
  }

  /**
   * How many documents of {@code collection} hold each of {@code terms} (0 for none), counted over
   * every shard in one request: a facet query per term.
   */
  static Map<Term, Integer> count(SolrHttp http, String collection, Collection<Term> terms) {
    Map<Term, Integer> out = new HashMap<>();
    if (terms.isEmpty()) {
      return out;
    }
    Map<String, Term> byQuery = new LinkedHashMap<>();
    StringBuilder body = new StringBuilder("q=*:*&rows=0&facet=true&wt=json");
    for (Term t : terms) {
      String q = SolrQueries.solr(new TermQuery(t));
      byQuery.put(q, t);
      body.append("&facet.query=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
      out.put(t, 0);
    }
    Map<String, Object> r =
        http.post(
            "/" + collection + "/select",
            "application/x-www-form-urlencoded",
            body.toString().getBytes(StandardCharsets.UTF_8));
    Map<String, Object> counts = SolrJson.map(SolrJson.map(r, "facet_counts"), "facet_queries");
    counts.forEach(
        (q, n) -> {
          Term t = byQuery.get(q);
          if (t != null && n instanceof Number c) {
            out.put(t, c.intValue());
          }
        });
    return out;
  }
}
