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
 * are ORed and ranked by BM25. Made for one query on one thread (a new compiler per use).
 *
 * <p>Why this file is longer than 500 lines: every rule here (words, phrases, prefixes, bigrams,
 * the precision rule for short CJK words, the natural-text bonuses, long-query reduction) is a case
 * of one walk over the same tree with the same analyzers. The bonuses (proximity, stem prefix,
 * exact sentence) could move to a class of their own; not done yet.
 */
public final class QueryCompiler {
  /** More terms than this in one run of text make it a sentence rather than a word. */
  static final int MAX_WORD_TERMS = 4;

  /**
   * A run of Han or kana text this short is a word, however many terms the analyzer cuts it into:
   * kuromoji cuts the Chinese compound 袋鼠實驗室 (kangaroo laboratory) into five single characters,
   * which must still appear together, as smartcn's 袋鼠 + 實驗室 must.
   */
  static final int SHORT_CJK_RUN = 6;

  /**
   * The most distinct terms (and, beside them, CJK bigrams) a query keeps in one language: a longer
   * query, a pasted paragraph, is reduced to its most selective terms (fewest documents), ORed and
   * ranked by BM25. Without the cut, 2,000 characters of a statute make more clauses than Lucene
   * takes (TooManyClauses). Measured with {@code bench/relevance} on the relevance sets in one
   * index: at 32, the 9 Cranfield questions of more than 32 words and 4 of the 20,100 Chinese and
   * Japanese questions (more than 32 distinct terms) are cut, and no set's figure drops. On
   * Cranfield, keeping 8 costs .027 nDCG@10 (.4261 to .3986) and 16 gains .0004 (recall@100 .737 to
   * .756); but 16 would cut 1,584 of drcd's 7,017 questions, unmeasured, so 32 it is.
   */
  public static final int MAX_QUERY_TERMS = 32;

  /** How much a bigram match counts against a match of the language analyzer's words. */
  static final float BIGRAM_WEIGHT = 0.5f;

  private final String indexLang;
  private final String field;
  private final Analyzer analyzer;
  private final boolean natural;
  private final Occur defaultOccur;
  private final boolean relaxed;
  private final QueryBuilder builder;
  private final int maxTerms;
  private final java.util.function.ToIntFunction<Term> docFreq;

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
    this(indexLang, analyzer, bigramAnalyzer, parsed, relaxed, MAX_QUERY_TERMS, null);
  }

  /**
   * @param maxTerms the most terms a query keeps here ({@link #MAX_QUERY_TERMS} or fewer, when many
   *     languages share Lucene's clause limit)
   * @param docFreq how many documents hold a term, to keep the most selective terms of a long
   *     query; null keeps the first ones
   */
  public QueryCompiler(
      String indexLang,
      Analyzer analyzer,
      Analyzer bigramAnalyzer,
      QuerySyntax.Parsed parsed,
      boolean relaxed,
      int maxTerms,
      java.util.function.ToIntFunction<Term> docFreq) {
    this.indexLang = indexLang;
    this.relaxed = relaxed;
    this.maxTerms = Math.max(1, maxTerms);
    this.docFreq = docFreq;
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
    if (isLong(root)) {
      return reduced(root);
    }
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
   * The phrase of {@code root}'s whole text, its quoted phrases included, in {@code indexLang} with
   * its {@code analyzer} (or, for a CJK language, its {@code bigramAnalyzer}): the exact-sentence
   * clause of {@link #compileTop} alone, or null for fewer than two terms. Where a pasted sentence
   * may stand word for word; needs no compiler, so it is cheap in every language of an index.
   */
  public static Query exactPhrase(
      String indexLang, Analyzer analyzer, Analyzer bigramAnalyzer, QuerySyntax.Node root) {
    return exactSentence(
        QuerySyntax.positiveText(root, true),
        2,
        bigramAnalyzer != null ? bigramAnalyzer : analyzer,
        bigramAnalyzer != null ? Fields.bigrams(indexLang) : Fields.text(indexLang));
  }

  /**
   * The query whose matches a passage highlights: {@link #compileTop} without its ranking bonuses.
   * A proximity pair (日本語 near 文字) matches as one span from its first word to its last, and would
   * paint every word between them (日本語の国定標準文字); a stem prefix matches words that only begin alike.
   * Only the query's own words, their folded variants and the bigrams of its text are highlighted.
   */
  public Query compileMatches(QuerySyntax.Node root) {
    highlighting = true;
    try {
      return isLong(root) ? reduced(root) : compile(root);
    } finally {
      highlighting = false;
    }
  }

  /**
   * True while {@link #compileMatches} runs: a sentence's bigrams are left out, so that the
   * highlighter, which paints bigram matches, paints its words and not every pair of characters it
   * shares with the text (語の of 日本語の国定).
   */
  private boolean highlighting;

  /** True when {@code root} asks for more than {@link #maxTerms} words or distinct terms. */
  private boolean isLong(QuerySyntax.Node root) {
    if (leaves(root) > maxTerms) {
      return true;
    }
    String text = QuerySyntax.positiveText(root, true);
    return text.length() > maxTerms
        && new java.util.HashSet<>(Terms.of(contentAnalyzer, field, text)).size() > maxTerms;
  }

  private static int leaves(QuerySyntax.Node node) {
    return node instanceof QuerySyntax.Bool b
        ? b.clauses().stream().mapToInt(c -> leaves(c.node())).sum()
        : 1;
  }

  /**
   * A long query (a pasted paragraph, a word repeated hundreds of times) reduced to what can be
   * searched: its {@link #maxTerms} most selective distinct terms (held by the fewest documents;
   * terms no document holds are left out), and as many of its CJK bigrams, ORed and ranked by BM25,
   * with its filters and exclusions. Null when none of its terms is in this language's index.
   */
  private Query reduced(QuerySyntax.Node root) {
    String text = QuerySyntax.positiveText(root, true);
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    int should = 0;
    for (String t : selective(field, Terms.of(contentAnalyzer, field, text))) {
      q.add(new TermQuery(new Term(field, t)), Occur.SHOULD);
      should++;
    }
    if (bigramAnalyzer != null) {
      BooleanQuery.Builder bi = new BooleanQuery.Builder();
      int n = 0;
      for (String t : selective(bigramField, Terms.of(bigramAnalyzer, bigramField, text))) {
        bi.add(new TermQuery(new Term(bigramField, t)), Occur.SHOULD);
        n++;
      }
      if (n > 0) {
        q.add(new BoostQuery(bi.build(), BIGRAM_WEIGHT), Occur.SHOULD);
        should++;
      }
    }
    if (should == 0) {
      return null;
    }
    q.setMinimumNumberShouldMatch(1);
    if (!highlighting) {
      // a long sentence pasted from a document still finds it first (one phrase clause)
      Query exact = exactSentence(text, 3);
      if (exact != null) {
        q.add(new BoostQuery(exact, EXACT_WEIGHT), Occur.SHOULD);
      }
    }
    if (root instanceof QuerySyntax.Bool b) {
      for (QuerySyntax.Clause c : b.clauses()) {
        if (c.node() instanceof QuerySyntax.Filter f && c.occur() != Occur.SHOULD) {
          q.add(filter(f), c.occur() == Occur.MUST_NOT ? Occur.MUST_NOT : Occur.FILTER);
        } else if (c.occur() == Occur.MUST_NOT) {
          Query sub = compile(c.node());
          if (sub != null) {
            q.add(sub, Occur.MUST_NOT);
          }
        }
      }
    }
    return q.build();
  }

  /** The {@link #maxTerms} distinct {@code terms} of {@code f} held by the fewest documents. */
  private List<String> selective(String f, List<String> terms) {
    List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(terms));
    if (docFreq == null) {
      return distinct.subList(0, Math.min(maxTerms, distinct.size()));
    }
    java.util.Map<String, Integer> df = new java.util.HashMap<>();
    for (String t : distinct) {
      df.put(t, docFreq.applyAsInt(new Term(f, t)));
    }
    return distinct.stream()
        .filter(t -> df.get(t) > 0)
        .sorted(java.util.Comparator.comparingInt(df::get)) // stable: ties keep query order
        .limit(maxTerms)
        .toList();
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
    return exactSentence(
        text, minTerms, cjk ? bigramAnalyzer : analyzer, cjk ? bigramField : field);
  }

  private static Query exactSentence(String text, int minTerms, Analyzer a, String f) {
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
    if (bigrams == null || (highlighting && sentence && words != null)) {
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
    if (relaxed && !shape.sentence()) {
      Query some = someWords(text);
      if (some != null) {
        return withBigrams(some, text, false);
      }
    }
    if (!natural && !shape.sentence()) {
      return withBigrams(
          (questionBuilder != null ? questionBuilder : builder).createPhraseQuery(field, text),
          text,
          false);
    }
    return withBigrams(contentWords(text, Occur.SHOULD), text, true);
  }

  /**
   * The relaxed form of a run of several terms (メイン州知事任期 as メイン + 州 + 知事 + 任期): its terms of two
   * characters or more ORed, the run whole ranked first. Null when fewer than two such terms: 水素 (水
   * + 素) or kuromoji's five characters of 袋鼠實驗室 stay whole, so that a single character never
   * matches alone.
   */
  private Query someWords(String text) {
    List<String> terms =
        Terms.of(questionBuilder != null ? contentAnalyzer : analyzer, field, text);
    List<String> words =
        new ArrayList<>(
            new java.util.LinkedHashSet<>(
                terms.stream().filter(t -> t.codePointCount(0, t.length()) >= 2).toList()));
    if (words.isEmpty() || terms.size() < 2) {
      return null;
    }
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    for (String w : words) {
      q.add(new TermQuery(new Term(field, w)), Occur.SHOULD);
    }
    Query whole =
        (questionBuilder != null ? questionBuilder : builder).createPhraseQuery(field, text);
    if (whole != null) {
      q.add(whole, Occur.SHOULD);
    }
    q.setMinimumNumberShouldMatch(1);
    return q.build();
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
  private record Shape(int terms, boolean gaps, boolean unspaced, boolean shortCjk) {
    boolean sentence() {
      return gaps || (terms > MAX_WORD_TERMS && !shortCjk) || (unspaced && terms > 1);
    }
  }

  /**
   * True for a run of at most {@link #SHORT_CJK_RUN} characters, all Han or kana: a word, in every
   * language the query is sent to.
   */
  private static boolean shortCjkRun(String text) {
    String t = text.strip();
    if (t.isEmpty() || t.codePointCount(0, t.length()) > SHORT_CJK_RUN) {
      return false;
    }
    return t.codePoints()
        .allMatch(
            cp ->
                switch (Character.UnicodeScript.of(cp)) {
                  case HAN, HIRAGANA, KATAKANA -> true;
                  default -> false;
                });
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
      return new Shape(n, gaps, unspacedScript(text), shortCjkRun(text));
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
      // Only exclusions (NOT laser): every document of this language without them, as Solr and
      // Elasticsearch read a purely negative query. Not every document of the index: the other
      // languages' documents have no field of this language, so they lack its word too, and each
      // language's clause would bring back the documents the others excluded.
      q.add(
          new ConstantScoreQuery(new TermQuery(new Term(Fields.INDEX_LANG, indexLang))),
          Occur.MUST);
    }
    return q.build();
  }

  /** The unscored query of a {@code lang:} or {@code path:} filter. */
  public static Query filter(QuerySyntax.Filter f) {
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
