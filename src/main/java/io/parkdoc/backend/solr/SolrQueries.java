package io.parkdoc.backend.solr;

import io.parkdoc.backend.lucene.TranslatedWords;
import io.parkdoc.core.ParkdocException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;

/**
 * A Lucene query parkdoc built, as the JSON of the {@code {!parkdoc}} query parser in parkdoc's
 * Solr plugin, which builds the same query inside Solr: no second analysis, the same scores.
 * Stateless.
 */
final class SolrQueries {
  private SolrQueries() {}

  /**
   * A query that boosts the documents matching {@code boostQuery} by {@code factor}
   * (FunctionScoreQuery.boostByQuery).
   */
  record BoostByQuery(Query query, Query boostQuery, float factor) {}

  /** {@code {!parkdoc}} followed by the JSON of {@code query}. */
  static String solr(Object query) {
    return "{!parkdoc}" + SolrJson.write(json(query));
  }

  /** The JSON value of a {@link Query} or a {@link BoostByQuery}. */
  static Object json(Object query) {
    return switch (query) {
      case BoostByQuery b ->
          one(
              "boostByQuery",
              map(
                  "query",
                  json(b.query()),
                  "boostQuery",
                  json(b.boostQuery()),
                  "factor",
                  b.factor()));
      case TermQuery t -> one("term", List.of(t.getTerm().field(), t.getTerm().text()));
      case PrefixQuery p -> one("prefix", List.of(p.getPrefix().field(), p.getPrefix().text()));
      case WildcardQuery w -> one("wildcard", List.of(w.getTerm().field(), w.getTerm().text()));
      case BoostQuery b -> one("boost", List.of(json(b.getQuery()), b.getBoost()));
      case ConstantScoreQuery c -> one("constant", json(c.getQuery()));
      case MatchAllDocsQuery a -> one("all", true);
      case MatchNoDocsQuery n -> one("none", true);
      case BooleanQuery b -> {
        List<Object> clauses = new ArrayList<>();
        for (BooleanClause c : b.clauses()) {
          clauses.add(List.of(occur(c.occur()), json(c.query())));
        }
        Map<String, Object> m = map("clauses", clauses);
        if (b.getMinimumNumberShouldMatch() > 0) {
          m.put("mm", b.getMinimumNumberShouldMatch());
        }
        yield one("bool", m);
      }
      case PhraseQuery p -> {
        List<Object> terms = new ArrayList<>();
        for (Term t : p.getTerms()) {
          terms.add(t.text());
        }
        List<Object> positions = new ArrayList<>();
        for (int pos : p.getPositions()) {
          positions.add(pos);
        }
        yield one(
            "phrase",
            map(
                "field",
                p.getField(),
                "terms",
                terms,
                "positions",
                positions,
                "slop",
                p.getSlop()));
      }
      case MultiPhraseQuery p -> {
        List<Object> terms = new ArrayList<>();
        String field = null;
        for (Term[] at : p.getTermArrays()) {
          List<Object> list = new ArrayList<>();
          for (Term t : at) {
            list.add(t.text());
            field = t.field();
          }
          terms.add(list);
        }
        List<Object> positions = new ArrayList<>();
        for (int pos : p.getPositions()) {
          positions.add(pos);
        }
        yield one(
            "multiphrase",
            map("field", field, "terms", terms, "positions", positions, "slop", p.getSlop()));
      }
      case SynonymQuery s -> {
        List<Object> terms = new ArrayList<>();
        for (Term t : s.getTerms()) {
          terms.add(t.text());
        }
        Map<String, Object> m = map("field", s.getField(), "terms", terms);
        List<Float> boosts = synonymBoosts(s);
        if (boosts.stream().anyMatch(b -> b != 1f)) {
          m.put("boosts", boosts);
        }
        yield one("synonym", m);
      }
      case TranslatedWords.Near n -> {
        Map<String, Object> m =
            map(
                "field",
                n.spec().field(),
                "words",
                n.spec().words(),
                "width",
                n.spec().width(),
                "weight",
                n.spec().weight(),
                "perIdf",
                n.spec().perIdf());
        if (n.spec().start() != Integer.MAX_VALUE) {
          m.put("start", n.spec().start());
        }
        yield one("near", m);
      }
      case FunctionScoreQuery f -> json(boostByQuery(f));
      case DisjunctionMaxQuery d -> {
        List<Object> queries = new ArrayList<>();
        for (Query q : d.getDisjuncts()) {
          queries.add(json(q));
        }
        yield one("dismax", map("queries", queries, "tie", d.getTieBreakerMultiplier()));
      }
      default ->
          throw new ParkdocException(
              "cannot send this query to Solr ("
                  + query.getClass().getSimpleName()
                  + "): "
                  + query);
    };
  }

  /**
   * The parts of a {@link FunctionScoreQuery#boostByQuery} query (the script preference of a
   * Chinese search), read from Lucene's private classes: FunctionScoreQuery exposes only its value
   * source, whose query and factor it keeps to itself.
   */
  static BoostByQuery boostByQuery(FunctionScoreQuery f) {
    try {
      Object multiplicative = f.getSource();
      Object queryBoost = field(multiplicative, "boost");
      Object fromQuery = field(queryBoost, "query");
      Query boostQuery = (Query) field(fromQuery, "query");
      float factor = (Float) field(queryBoost, "boost");
      return new BoostByQuery(f.getWrappedQuery(), boostQuery, factor);
    } catch (ReflectiveOperationException | ClassCastException | NullPointerException e) {
      throw new ParkdocException(
          "cannot send this query to Solr (a function score other than a boost by a query): " + f,
          e);
    }
  }

  /**
   * The weight of each term of a synonym query, in {@link SynonymQuery#getTerms} order (a
   * translated word's later translations weigh less: {@code TranslatedWords}), read from Lucene's
   * private record: SynonymQuery exposes its terms only.
   */
  static List<Float> synonymBoosts(SynonymQuery s) {
    try {
      Object[] terms = (Object[]) field(s, "terms");
      List<Float> out = new ArrayList<>(terms.length);
      for (Object t : terms) {
        out.add((Float) field(t, "boost"));
      }
      return out;
    } catch (ReflectiveOperationException | ClassCastException | NullPointerException e) {
      throw new ParkdocException(
          "cannot send this query to Solr (a synonym query's weights): " + s, e);
    }
  }

  private static Object field(Object o, String name) throws ReflectiveOperationException {
    for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
      try {
        java.lang.reflect.Field fd = c.getDeclaredField(name);
        fd.setAccessible(true);
        return fd.get(o);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      }
    }
    throw new NoSuchFieldException(name + " in " + o.getClass());
  }

  private static String occur(BooleanClause.Occur o) {
    return switch (o) {
      case MUST -> "must";
      case SHOULD -> "should";
      case MUST_NOT -> "must_not";
      case FILTER -> "filter";
    };
  }

  private static Map<String, Object> one(String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(key, value);
    return m;
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
