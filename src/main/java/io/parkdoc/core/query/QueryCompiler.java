package io.parkdoc.core.query;

import io.parkdoc.core.analysis.Fields;
import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.analysis.Terms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
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
 * splits into two to four adjacent terms (smartcn's 水 + 素 for 水素, kuromoji's レーザー + 加工) is a word
 * the user meant whole, so its terms must appear adjacent, as a phrase; a longer run, a run from
 * which the analyzer dropped particles or stop words between terms (a sentence written without
 * spaces), or any run in a natural-language query (a question), is read as a sentence whose terms
 * are ORed and ranked by BM25. Immutable and thread-safe as long as the analyzer is.
 */
public final class QueryCompiler {
  /** More terms than this in one run of text make it a sentence rather than a word. */
  static final int MAX_WORD_TERMS = 4;

  /** How much a bigram match counts against a match of the language analyzer's words. */
  static final float BIGRAM_WEIGHT = 0.5f;

  private final String indexLang;
  private final String field;
  private final Analyzer analyzer;
  private final boolean natural;
  private final Occur defaultOccur;
  private final QueryBuilder builder;

  /**
   * In natural text, the builder without the language's question words ({@link QuestionWords});
   * else null.
   */
  private final QueryBuilder questionBuilder;

  /** The analyzer of the words a natural query is about: without its question words. */
  private final Analyzer contentAnalyzer;

  private final String bigramField;
  private final QueryBuilder bigrams;
  private final Analyzer bigramAnalyzer;

  /**
   * @param bigramAnalyzer the analyzer of the language's CJK bigram field, or null when it has none
   */
  /**
   * @param relaxed rank documents by how many of the query's words they hold instead of requiring
   *     all (each word still whole): the second try of a short query that found nothing
   */
  public QueryCompiler(
      String indexLang,
      Analyzer analyzer,
      Analyzer bigramAnalyzer,
      QuerySyntax.Parsed parsed,
      boolean relaxed) {
    this.indexLang = indexLang;
    this.field = Fields.text(indexLang);
    this.analyzer = analyzer;
    this.builder = new QueryBuilder(analyzer);
    this.bigramField = Fields.bigrams(indexLang);
    this.bigrams = bigramAnalyzer == null ? null : new QueryBuilder(bigramAnalyzer);
    this.bigramAnalyzer = bigramAnalyzer;
    // One sentence in the query (Thai, Japanese or Chinese written without spaces) makes the
    // whole query natural text for this language: its words are ranked, not all required.
    this.natural = parsed.natural() || hasSentence(parsed.root());
    this.defaultOccur = natural || relaxed ? Occur.SHOULD : Occur.MUST;
    // Chinese words too, whatever the query's form: smartcn has no stop words at all, and 什么是败血症
    // ("what is sepsis") comes without a question mark as often as with one.
    Analyzer withoutQuestions =
        natural || Languages.CHINESE.equals(indexLang)
            ? QuestionWords.removedFrom(indexLang, field, analyzer)
            : null;
    if (withoutQuestions != null
        && Terms.of(withoutQuestions, field, positiveText(parsed.root())).isEmpty()) {
      withoutQuestions = null; // "What?" or "Who" alone: the question words are what to search for
    }
    this.questionBuilder = withoutQuestions == null ? null : new QueryBuilder(withoutQuestions);
    this.contentAnalyzer = withoutQuestions == null ? analyzer : withoutQuestions;
  }

  private boolean hasSentence(QuerySyntax.Node node) {
    return switch (node) {
      case QuerySyntax.Words w -> shape(w.text()).sentence();
      case QuerySyntax.Bool b -> b.clauses().stream().anyMatch(c -> hasSentence(c.node()));
      default -> false;
    };
  }

  /** How much a pair of the query's words found near each other adds, in natural text. */
  static final float PROXIMITY_WEIGHT = 0.15f;

  static final int PROXIMITY_SLOP = 8;

  /**
   * The query for the whole parsed tree: {@link #compile(QuerySyntax.Node)}, and for natural text,
   * a bonus for each pair of consecutive words that a document has near each other (the
   * sequential-dependence idea: "high speed aircraft" together beats the three words apart).
   */
  public Query compileTop(QuerySyntax.Node root) {
    Query q = compile(root);
    if (q == null) {
      return null;
    }
    if (!natural) {
      // several plain words: a document holding them as written comes first
      String words = positiveText(root).strip();
      Query exact =
          QuerySyntax.onlyWords(root) && words.split("\\s+").length >= 2
              ? exactSentence(words, 2)
              : null;
      return exact == null
          ? q
          : new BooleanQuery.Builder()
              .add(q, Occur.MUST)
              .add(new BoostQuery(exact, EXACT_WEIGHT), Occur.SHOULD)
              .build();
    }
    String text = positiveText(root);
    BooleanQuery.Builder top = new BooleanQuery.Builder().add(q, Occur.MUST);
    boolean bonus = false;
    List<Query> pairs = proximityPairs(text);
    if (!pairs.isEmpty()) {
      BooleanQuery.Builder near = new BooleanQuery.Builder();
      for (Query p : pairs) {
        near.add(p, Occur.SHOULD);
      }
      top.add(new BoostQuery(near.build(), PROXIMITY_WEIGHT), Occur.SHOULD);
      bonus = true;
    }
    Query exact = exactSentence(text, 3);
    if (exact != null) {
      top.add(new BoostQuery(exact, EXACT_WEIGHT), Occur.SHOULD);
      bonus = true;
    }
    if (STEM_PREFIX_LANGUAGES.test(indexLang)) {
      for (String term : new java.util.LinkedHashSet<>(Terms.of(contentAnalyzer, field, text))) {
        if (term.length() >= STEM_PREFIX_MIN_LENGTH) {
          Query prefix =
              new PrefixQuery(new Term(field, term.substring(0, term.length() - STEM_PREFIX_CUT)));
          top.add(new BoostQuery(prefix, STEM_PREFIX_WEIGHT), Occur.SHOULD);
          bonus = true;
        }
      }
    }
    return bonus ? top.build() : q;
  }

  /**
   * The stem-prefix bonus, for natural text in the languages it helps: each query word of at least
   * {@value #STEM_PREFIX_MIN_LENGTH} letters (as stemmed) adds {@value #STEM_PREFIX_WEIGHT} to a
   * document holding any word that starts like its stem less its last {@value #STEM_PREFIX_CUT}
   * letters. Stemmers miss the alternations of rich morphologies (Russian's Суперкубок and
   * Суперкубке stem to суперкубок and суперкубк; German's umlaut plurals; Turkish and Romanian
   * suffix chains), and a shared stem prefix is good evidence of the same word. Measured with
   * {@code bench/relevance} on the xquad questions (all six sets in one index, question words
   * already dropped): ru .9549 to .9598, de .9488 to .9519, tr .9338 to .9392, ro .9432 to .9493,
   * el .9544 to .9567, hi .9524 to .9556, es .9584 to .9595, ar .9388 to .9401; korquad, jsquad and
   * the Chinese sets unchanged (their terms are short). English is left out (Porter conflates its
   * few forms; on Cranfield the bonus cost .005), and so are the languages whose analyzers do not
   * stem by suffix (CJK, Thai) or at all (und).
   */
  static final java.util.function.Predicate<String> STEM_PREFIX_LANGUAGES =
      lang ->
          !Languages.isCjk(lang)
              && !lang.equals(Languages.ENGLISH)
              && !lang.equals("th")
              && !lang.equals(Languages.UNDETERMINED);

  static final int STEM_PREFIX_MIN_LENGTH = 6;
  static final int STEM_PREFIX_CUT = 2;
  static final float STEM_PREFIX_WEIGHT = 0.5f;

  /**
   * How much a document holding the query's whole text, word for word, adds to a natural query: a
   * sentence pasted from a document finds that document first (known-item search), which the word
   * and pair scores alone do not ensure when the sentence's words are common ("=LOG(7^4;7) returns
   * 4."). A question is rarely written word for word in its answer, so this leaves question
   * answering as it was.
   */
  static final float EXACT_WEIGHT = 1.0f;

  /** The most terms of an exact-sentence phrase (a longer text is a paragraph, not a sentence). */
  static final int EXACT_MAX_TERMS = 64;

  /**
   * The phrase of {@code text}'s whole analysed text, or null for a text of fewer than {@code
   * minTerms} terms: in the CJK languages on the bigram field (the morphological analyzers cut a
   * sentence differently alone than inside its paragraph), elsewhere on the text field, with the
   * gaps of dropped stop words kept.
   */
  private Query exactSentence(String text, int minTerms) {
    boolean cjk = bigrams != null;
    Analyzer a = cjk ? bigramAnalyzer : analyzer;
    String f = cjk ? bigramField : field;
    PhraseQuery.Builder p = new PhraseQuery.Builder();
    int count = 0;
    try (TokenStream ts = a.tokenStream(f, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      int pos = -1;
      while (ts.incrementToken()) {
        if (inc.getPositionIncrement() == 0 && count > 0) {
          continue; // a stacked form (a decompounding): the first at each position is enough
        }
        pos += inc.getPositionIncrement();
        if (++count > EXACT_MAX_TERMS) {
          return null;
        }
        p.add(new Term(f, term.toString()), pos);
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return count >= minTerms ? p.build() : null;
  }

  private List<Query> proximityPairs(String text) {
    List<String> terms = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    try (TokenStream ts = contentAnalyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      int pos = -1;
      while (ts.incrementToken()) {
        pos += inc.getPositionIncrement();
        terms.add(term.toString());
        positions.add(pos);
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Query> pairs = new ArrayList<>();
    for (int i = 0; i + 1 < terms.size() && pairs.size() < 32; i++) {
      if (terms.get(i).equals(terms.get(i + 1))) {
        continue;
      }
      PhraseQuery.Builder p = new PhraseQuery.Builder();
      p.add(new Term(field, terms.get(i)), 0);
      p.add(new Term(field, terms.get(i + 1)), positions.get(i + 1) - positions.get(i));
      p.setSlop(PROXIMITY_SLOP);
      pairs.add(p.build());
    }
    return pairs;
  }

  /** The query for this language, or null when nothing in it survives analysis here. */
  Query compile(QuerySyntax.Node node) {
    return switch (node) {
      case QuerySyntax.Words w -> words(w.text());
      case QuerySyntax.Phrase p ->
          withBigrams(builder.createPhraseQuery(field, p.text()), p.text(), false);
      case QuerySyntax.Prefix p -> prefix(p.text());
      case QuerySyntax.Filter f -> new ConstantScoreQuery(filter(f));
      case QuerySyntax.Bool b -> bool(b);
    };
  }

  /**
   * {@code words} or, ranked lower, the same text as CJK bigrams: in a short query as a bigram
   * phrase (the text as a substring: 科学城 in 北湖未来科学城, yet 水素 never in a text with only 素), in a
   * sentence as ORed bigrams.
   */
  private Query withBigrams(Query words, String text, boolean sentence) {
    if (bigrams == null) {
      return words;
    }
    Query bi =
        sentence
            ? bigrams.createBooleanQuery(bigramField, text, Occur.SHOULD)
            : singleCjkCharacter(text)
                ? anyBigramWith(text.strip())
                : bigrams.createPhraseQuery(bigramField, text);
    if (bi == null) {
      return words;
    }
    bi = new BoostQuery(bi, BIGRAM_WEIGHT);
    if (words == null) {
      return bi;
    }
    return new BooleanQuery.Builder().add(words, Occur.SHOULD).add(bi, Occur.SHOULD).build();
  }

  /** True when {@code text} is one Han, kana or Hangul character. */
  private static boolean singleCjkCharacter(String text) {
    String t = text.strip();
    if (t.isEmpty() || t.codePointCount(0, t.length()) != 1) {
      return false;
    }
    return switch (Character.UnicodeScript.of(t.codePointAt(0))) {
      case HAN, HIRAGANA, KATAKANA, HANGUL -> true;
      default -> false;
    };
  }

  /**
   * A single character inside any word: the bigrams that start or end with it (and the character
   * standing alone). A one-character query such as 广 means the character wherever it is, in 广大 or
   * 推广, which the language analyzer's words alone would miss.
   */
  private Query anyBigramWith(String c) {
    String folded = bigramTerm(c);
    if (folded == null) {
      return null;
    }
    return new BooleanQuery.Builder()
        .add(new TermQuery(new Term(bigramField, folded)), Occur.SHOULD)
        .add(new PrefixQuery(new Term(bigramField, folded)), Occur.SHOULD)
        .add(new WildcardQuery(new Term(bigramField, "*" + folded)), Occur.SHOULD)
        .build();
  }

  private String bigramTerm(String c) {
    try (TokenStream ts = bigramAnalyzer.tokenStream(bigramField, c)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      String out = ts.incrementToken() ? term.toString() : null;
      ts.end();
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Query words(String text) {
    Shape shape = shape(text);
    if (shape.terms == 0) {
      return withBigrams(null, text, natural);
    }
    if (shape.terms == 1) {
      return withBigrams(contentWords(text, Occur.MUST), text, natural);
    }
    if (!natural && !shape.sentence()) {
      return withBigrams(
          (questionBuilder != null ? questionBuilder : builder).createPhraseQuery(field, text),
          text,
          false);
    }
    return withBigrams(contentWords(text, Occur.SHOULD), text, true);
  }

  /** The terms of {@code text}, without its question words in natural text. */
  private Query contentWords(String text, Occur occur) {
    return (questionBuilder != null ? questionBuilder : builder)
        .createBooleanQuery(field, text, occur);
  }

  private static String positiveText(QuerySyntax.Node root) {
    return QuerySyntax.positiveText(root, false);
  }

  /**
   * How a run of text analyses: its number of terms, and whether the analyzer dropped something
   * between two of them. A dropped particle or stop word (の, が, 는, the) marks a sentence; a
   * compound word cut into pieces has none.
   */
  private record Shape(int terms, boolean gaps, boolean unspaced) {
    boolean sentence() {
      return gaps || terms > MAX_WORD_TERMS || (unspaced && terms > 1);
    }
  }

  /**
   * True for text in a script written without spaces between words that has no CJK analyzer here
   * (Thai, Lao, Khmer, Myanmar): a space there separates clauses, so a run of it is a sentence, not
   * a word.
   */
  private static boolean unspacedScript(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      switch (Character.UnicodeScript.of(cp)) {
        case THAI, LAO, KHMER, MYANMAR -> {
          return true;
        }
        default -> {}
      }
    }
    return false;
  }

  private Query prefix(String text) {
    BytesRef normalized = analyzer.normalize(field, text);
    return normalized.length == 0 ? null : new PrefixQuery(new Term(field, normalized));
  }

  private Shape shape(String text) {
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      int n = 0;
      boolean gaps = false;
      while (ts.incrementToken()) {
        if (n > 0 && inc.getPositionIncrement() > 1) {
          gaps = true;
        }
        n++;
      }
      ts.end();
      return new Shape(n, gaps, unspacedScript(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Query bool(QuerySyntax.Bool b) {
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    int should = 0;
    int must = 0;
    int filters = 0;
    int clauses = 0;
    for (QuerySyntax.Clause c : b.clauses()) {
      if (c.node() instanceof QuerySyntax.Filter f && c.occur() != Occur.SHOULD) {
        // A filter restricts whatever the default operator: lang:ja in a question still means
        // only Japanese. Only an explicit OR makes it an alternative.
        q.add(filter(f), c.occur() == Occur.MUST_NOT ? Occur.MUST_NOT : Occur.FILTER);
        filters++;
        clauses++;
        continue;
      }
      Occur occur = c.occur() != null ? c.occur() : defaultOccur;
      Query sub = compile(c.node());
      if (sub == null) {
        continue;
      }
      q.add(sub, occur);
      clauses++;
      if (occur == Occur.SHOULD) {
        should++;
      } else if (occur == Occur.MUST) {
        must++;
      }
    }
    if (clauses == 0 || (should == 0 && must == 0 && filters > 0 && clauses == filters)) {
      // Only filters survive here: the query's words mean nothing in this language.
      return null;
    }
    if (should > 0 && must == 0) {
      // Beside filters and exclusions, optional clauses would match everything: one must match.
      q.setMinimumNumberShouldMatch(1);
    }
    if (should == 0 && must == 0) {
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
        any.add(
            c.startsWith("zh-")
                ? new TermQuery(new Term(Fields.LANG, c))
                : new TermQuery(new Term(Fields.INDEX_LANG, c)),
            Occur.SHOULD);
      }
      return any.build();
    }
    String v = f.value();
    String pattern =
        v.indexOf('*') >= 0 || v.indexOf('?') >= 0
            ? (v.startsWith("/") ? v : "*" + v)
            : "*" + v + "*";
    return new WildcardQuery(new Term(Fields.PATH, pattern));
  }

  @Override
  public String toString() {
    return "QueryCompiler["
        + indexLang.toLowerCase(Locale.ROOT)
        + (natural ? ", natural" : "")
        + "]";
  }
}
