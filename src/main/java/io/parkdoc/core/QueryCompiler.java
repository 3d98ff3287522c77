package io.parkdoc.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * Turns a parsed query into the Lucene query for one language index, analysing its text with that
 * language's analyzer exactly as the documents were analysed.
 *
 * <p>The rule that reconciles precision and recall for CJK text: a run of text that the analyzer
 * splits into two to four terms (smartcn's 水 + 素 for 水素, kuromoji's レーザー + 加工) is a word
 * the user meant whole, so its terms must appear adjacent, as a phrase; a longer run, or any run
 * in a natural-language query (a question, a sentence without spaces), is read as a sentence
 * whose terms are ORed and ranked by BM25, as Lucene's own benchmarks do. Immutable and
 * thread-safe as long as the analyzer is.
 */
final class QueryCompiler {
  /** More terms than this in one run of text make it a sentence rather than a word. */
  static final int MAX_WORD_TERMS = 4;

  private final String indexLang;
  private final String field;
  private final Analyzer analyzer;
  private final boolean natural;
  private final QueryBuilder builder;

  QueryCompiler(String indexLang, Analyzer analyzer, boolean natural) {
    this.indexLang = indexLang;
    this.field = Fields.text(indexLang);
    this.analyzer = analyzer;
    this.natural = natural;
    this.builder = new QueryBuilder(analyzer);
  }

  /** The query for this language, or null when nothing in it survives analysis here. */
  Query compile(QuerySyntax.Node node) {
    return switch (node) {
      case QuerySyntax.Words w -> words(w.text());
      case QuerySyntax.Phrase p -> builder.createPhraseQuery(field, p.text());
      case QuerySyntax.Prefix p -> prefix(p.text());
      case QuerySyntax.Filter f -> new ConstantScoreQuery(filter(f));
      case QuerySyntax.Bool b -> bool(b);
    };
  }

  private Query words(String text) {
    int terms = countTerms(text);
    if (terms == 0) {
      return null;
    }
    if (terms == 1) {
      return builder.createBooleanQuery(field, text, Occur.MUST);
    }
    if (!natural && terms <= MAX_WORD_TERMS) {
      return builder.createPhraseQuery(field, text);
    }
    return builder.createBooleanQuery(field, text, Occur.SHOULD);
  }

  private Query prefix(String text) {
    BytesRef normalized = analyzer.normalize(field, text);
    return normalized.length == 0 ? null : new PrefixQuery(new Term(field, normalized));
  }

  private int countTerms(String text) {
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      ts.reset();
      int n = 0;
      while (ts.incrementToken()) {
        n++;
      }
      ts.end();
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Query bool(QuerySyntax.Bool b) {
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    int positive = 0;
    int clauses = 0;
    for (QuerySyntax.Clause c : b.clauses()) {
      Occur occur = c.occur() != null ? c.occur() : natural ? Occur.SHOULD : Occur.MUST;
      if (c.node() instanceof QuerySyntax.Filter f && occur == Occur.MUST) {
        q.add(filter(f), Occur.FILTER);
        clauses++;
        continue;
      }
      Query sub = compile(c.node());
      if (sub == null) {
        continue;
      }
      q.add(sub, occur);
      clauses++;
      if (occur != Occur.MUST_NOT) {
        positive++;
      }
    }
    if (clauses == 0) {
      return null;
    }
    if (positive == 0) {
      q.add(new MatchAllDocsQuery(), Occur.MUST);
    }
    return q.build();
  }

  /** The unscored query of a {@code lang:} or {@code path:} filter. */
  Query filter(QuerySyntax.Filter f) {
    if (f.field().equals("lang")) {
      BooleanQuery.Builder any = new BooleanQuery.Builder();
      for (String code : f.value().split(",")) {
        String c = Languages.canonical(code.strip());
        any.add(c.startsWith("zh-")
            ? new TermQuery(new Term(Fields.LANG, c))
            : new TermQuery(new Term(Fields.INDEX_LANG, c)), Occur.SHOULD);
      }
      return any.build();
    }
    String v = f.value();
    String pattern = v.indexOf('*') >= 0 || v.indexOf('?') >= 0 ? (v.startsWith("/") ? v : "*" + v) : "*" + v + "*";
    return new WildcardQuery(new Term(Fields.PATH, pattern));
  }

  @Override
  public String toString() {
    return "QueryCompiler[" + indexLang.toLowerCase(Locale.ROOT) + (natural ? ", natural" : "") + "]";
  }
}
