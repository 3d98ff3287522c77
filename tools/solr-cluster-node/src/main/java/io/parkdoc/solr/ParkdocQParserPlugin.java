package io.parkdoc.solr;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.queries.intervals.FilteredIntervalsSource;
import org.apache.lucene.queries.intervals.IntervalIterator;
import org.apache.lucene.queries.intervals.IntervalQuery;
import org.apache.lucene.queries.intervals.Intervals;
import org.apache.lucene.queries.intervals.IntervalsSource;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.WildcardQuery;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.SolrParams;
import org.apache.solr.request.SolrQueryRequest;
import org.apache.solr.search.QParser;
import org.apache.solr.search.QParserPlugin;
import org.noggit.ObjectBuilder;

/**
 * parkdoc's Solr plugin: {@code {!parkdoc}JSON} runs a Lucene query that parkdoc built itself from
 * its own analyzers (terms, phrases with their positions, boosts), unchanged. Solr's own query
 * parsers would analyse the text again; this keeps the query, and so BM25's scores with
 * {@code ExactStatsCache}, the same as parkdoc's local index. The JSON mirrors the Lucene classes:
 *
 * <pre>
 *   {"term":[FIELD,TEXT]}  {"prefix":[FIELD,TEXT]}  {"wildcard":[FIELD,PATTERN]}
 *   {"bool":{"clauses":[[OCCUR,Q],...],"mm":N}}     OCCUR: must, should, must_not, filter
 *   {"boost":[Q,FLOAT]}  {"constant":Q}  {"all":true}  {"none":true}
 *   {"phrase":{"field":F,"terms":[...],"positions":[...],"slop":N}}
 *   {"multiphrase":{"field":F,"terms":[[...],...],"positions":[...],"slop":N}}
 *   {"synonym":{"field":F,"terms":[...],"boosts":[...]}}  (boosts optional, each in (0,1])
 *   {"near":{"field":F,"words":[[[TERM or "" (a gap),...],...],...],"width":N,"weight":W,"perIdf":P}}
 *        (a translated query's words close together: an interval query, each word one of its
 *         translations' term sequences, all within N positions in any order; weighing W, and at
 *         most P times its words' idf: {@link Near}; unweighted without W; with "start":S, only
 *         where the words end before position S, at a document's start: {@link Start})
 *   {"boostByQuery":{"query":Q,"boostQuery":Q,"factor":FLOAT}}
 *   {"dismax":{"queries":[Q,...],"tie":FLOAT}}        (a translated word's alternatives)
 * </pre>
 */
public final class ParkdocQParserPlugin extends QParserPlugin {
  public static final String NAME = "parkdoc";

  @Override
  public QParser createParser(String qstr, SolrParams localParams, SolrParams params, SolrQueryRequest req) {
    return new QParser(qstr, localParams, params, req) {
      @Override
      public Query parse() {
        try {
          return build(ObjectBuilder.fromJSON(qstr));
        } catch (Exception e) {
          throw new SolrException(SolrException.ErrorCode.BAD_REQUEST, "parkdoc query: " + e.getMessage(), e);
        }
      }
    };
  }

  /** The Lucene query a JSON value describes. */
  @SuppressWarnings("unchecked")
  static Query build(Object json) {
    if (!(json instanceof Map<?, ?> m) || m.size() != 1) {
      throw new IllegalArgumentException("a query is an object with one key: " + json);
    }
    Map.Entry<String, Object> e = ((Map<String, Object>) m).entrySet().iterator().next();
    Object v = e.getValue();
    switch (e.getKey()) {
      case "term": {
        List<Object> a = (List<Object>) v;
        return new TermQuery(new Term((String) a.get(0), (String) a.get(1)));
      }
      case "prefix": {
        List<Object> a = (List<Object>) v;
        return new PrefixQuery(new Term((String) a.get(0), (String) a.get(1)));
      }
      case "wildcard": {
        List<Object> a = (List<Object>) v;
        return new WildcardQuery(new Term((String) a.get(0), (String) a.get(1)));
      }
      case "bool": {
        Map<String, Object> b = (Map<String, Object>) v;
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (Object c : (List<Object>) b.get("clauses")) {
          List<Object> clause = (List<Object>) c;
          q.add(build(clause.get(1)), occur((String) clause.get(0)));
        }
        if (b.get("mm") instanceof Number n) {
          q.setMinimumNumberShouldMatch(n.intValue());
        }
        return q.build();
      }
      case "boost": {
        List<Object> a = (List<Object>) v;
        return new BoostQuery(build(a.get(0)), ((Number) a.get(1)).floatValue());
      }
      case "constant":
        return new ConstantScoreQuery(build(v));
      case "all":
        return new MatchAllDocsQuery();
      case "none":
        return new MatchNoDocsQuery();
      case "phrase": {
        Map<String, Object> p = (Map<String, Object>) v;
        String field = (String) p.get("field");
        List<Object> terms = (List<Object>) p.get("terms");
        List<Object> positions = (List<Object>) p.get("positions");
        PhraseQuery.Builder q = new PhraseQuery.Builder();
        for (int i = 0; i < terms.size(); i++) {
          q.add(new Term(field, (String) terms.get(i)), ((Number) positions.get(i)).intValue());
        }
        q.setSlop(((Number) p.get("slop")).intValue());
        return q.build();
      }
      case "multiphrase": {
        Map<String, Object> p = (Map<String, Object>) v;
        String field = (String) p.get("field");
        List<Object> terms = (List<Object>) p.get("terms");
        List<Object> positions = (List<Object>) p.get("positions");
        MultiPhraseQuery.Builder q = new MultiPhraseQuery.Builder();
        for (int i = 0; i < terms.size(); i++) {
          List<Term> at = new ArrayList<>();
          for (Object t : (List<Object>) terms.get(i)) {
            at.add(new Term(field, (String) t));
          }
          q.add(at.toArray(new Term[0]), ((Number) positions.get(i)).intValue());
        }
        q.setSlop(((Number) p.get("slop")).intValue());
        return q.build();
      }
      case "synonym": {
        Map<String, Object> p = (Map<String, Object>) v;
        String field = (String) p.get("field");
        SynonymQuery.Builder q = new SynonymQuery.Builder(field);
        List<Object> terms = (List<Object>) p.get("terms");
        List<Object> boosts = (List<Object>) p.get("boosts");
        for (int i = 0; i < terms.size(); i++) {
          q.addTerm(new Term(field, (String) terms.get(i)),
              boosts == null ? 1f : ((Number) boosts.get(i)).floatValue());
        }
        return q.build();
      }
      case "near": {
        Map<String, Object> p = (Map<String, Object>) v;
        List<IntervalsSource> words = new ArrayList<>();
        for (Object word : (List<Object>) p.get("words")) {
          List<IntervalsSource> alts = new ArrayList<>();
          for (Object seq : (List<Object>) word) {
            alts.add(sequence((List<Object>) seq));
          }
          words.add(alts.size() == 1 ? alts.get(0) : Intervals.or(alts.toArray(new IntervalsSource[0])));
        }
        IntervalsSource within = Intervals.maxwidth(((Number) p.get("width")).intValue(),
            words.size() == 1 ? words.get(0) : Intervals.unordered(words.toArray(new IntervalsSource[0])));
        if (p.get("start") != null) {
          within = new Start(within, ((Number) p.get("start")).intValue());
        }
        IntervalQuery q = new IntervalQuery((String) p.get("field"), within);
        if (p.get("weight") == null) {
          return q;
        }
        return new Near(q, (List<Object>) p.get("words"), ((Number) p.get("weight")).floatValue(),
            p.get("perIdf") == null ? 0f : ((Number) p.get("perIdf")).floatValue());
      }
      case "boostByQuery": {
        Map<String, Object> p = (Map<String, Object>) v;
        return FunctionScoreQuery.boostByQuery(build(p.get("query")), build(p.get("boostQuery")),
            ((Number) p.get("factor")).floatValue());
      }
      case "dismax": {
        Map<String, Object> p = (Map<String, Object>) v;
        List<Query> queries = new ArrayList<>();
        for (Object q : (List<Object>) p.get("queries")) {
          queries.add(build(q));
        }
        return new DisjunctionMaxQuery(queries, ((Number) p.get("tie")).floatValue());
      }
      default:
        throw new IllegalArgumentException("unknown query type " + e.getKey());
    }
  }

  /**
   * The near clause at its weight: {@code weight}, and at most {@code perIdf} times the sum of its
   * words' BM25 idf (each word: its most common translation's, a phrase's being its terms' sum), from
   * the searcher's statistics (the collection's with ExactStatsCache). parkdoc's TranslatedWords.Near
   * computes the same for the local index; no document here can match where a word's translations
   * are in none.
   */
  static final class Near extends Query {
    private final IntervalQuery query;
    private final List<Object> words;
    private final float weight;
    private final float perIdf;

    Near(IntervalQuery query, List<Object> words, float weight, float perIdf) {
      this.query = query;
      this.words = words;
      this.weight = weight;
      this.perIdf = perIdf;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Query rewrite(IndexSearcher searcher) throws IOException {
      float w = weight;
      if (perIdf > 0) {
        CollectionStatistics collection = searcher.collectionStatistics(query.getField());
        if (collection == null) {
          return new MatchNoDocsQuery();
        }
        double sum = 0;
        for (Object word : words) {
          double least = Double.POSITIVE_INFINITY;
          for (Object seq : (List<Object>) word) {
            double idf = 0;
            for (Object t : (List<Object>) seq) {
              if (((String) t).isEmpty()) {
                continue;
              }
              Term term = new Term(query.getField(), (String) t);
              TermStates states = TermStates.build(searcher, term, true);
              if (states.docFreq() == 0) {
                idf = Double.POSITIVE_INFINITY;
                break;
              }
              TermStatistics stats = searcher.termStatistics(term, states.docFreq(), states.totalTermFreq());
              idf += Math.log(1 + (collection.docCount() - stats.docFreq() + 0.5) / (stats.docFreq() + 0.5));
            }
            least = Math.min(least, idf);
          }
          if (least == Double.POSITIVE_INFINITY) {
            return new MatchNoDocsQuery();
          }
          sum += least;
        }
        w = (float) Math.min(w, perIdf * sum);
      }
      return new BoostQuery(query, w);
    }

    @Override
    public void visit(QueryVisitor visitor) {
      query.visit(visitor);
    }

    @Override
    public String toString(String field) {
      return "near(" + query.toString(field) + ", " + weight + ", " + perIdf + ")";
    }

    @Override
    public boolean equals(Object o) {
      return sameClassAs(o) && query.equals(((Near) o).query) && weight == ((Near) o).weight
          && perIdf == ((Near) o).perIdf;
    }

    @Override
    public int hashCode() {
      return Objects.hash(classHash(), query, weight, perIdf);
    }
  }

  /** Intervals of {@code in} that end before position {@code before}: at a document's start (a title). */
  static final class Start extends FilteredIntervalsSource {
    private final int before;

    Start(IntervalsSource in, int before) {
      super("START/" + before, in);
      this.before = before;
    }

    @Override
    protected boolean accept(IntervalIterator it) {
      return it.end() < before;
    }

    @Override
    public boolean equals(Object o) {
      return super.equals(o) && before == ((Start) o).before;
    }

    @Override
    public int hashCode() {
      return 31 * super.hashCode() + before;
    }
  }

  /** A translation's term sequence as an interval source: its term, or its terms in order with its gaps. */
  private static IntervalsSource sequence(List<Object> seq) {
    List<IntervalsSource> parts = new ArrayList<>();
    int gaps = 0;
    for (Object t : seq) {
      if (((String) t).isEmpty()) {
        gaps++;
      } else {
        parts.add(Intervals.term((String) t));
      }
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    IntervalsSource[] array = parts.toArray(new IntervalsSource[0]);
    return gaps == 0 ? Intervals.phrase(array) : Intervals.maxgaps(gaps, Intervals.ordered(array));
  }

  private static BooleanClause.Occur occur(String name) {
    switch (name) {
      case "must": return BooleanClause.Occur.MUST;
      case "should": return BooleanClause.Occur.SHOULD;
      case "must_not": return BooleanClause.Occur.MUST_NOT;
      case "filter": return BooleanClause.Occur.FILTER;
      default: throw new IllegalArgumentException("unknown occur " + name);
    }
  }
}
