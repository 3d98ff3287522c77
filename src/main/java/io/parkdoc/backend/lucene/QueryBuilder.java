package io.parkdoc.backend.lucene;

import io.parkdoc.core.analysis.AnalyzerCache;
import io.parkdoc.core.analysis.Fields;
import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.analysis.Terms;
import io.parkdoc.core.query.QueryCompiler;
import io.parkdoc.core.query.QueryPlan;
import io.parkdoc.core.query.translate.Lexicon;
import io.parkdoc.core.query.translate.PlanTranslation;
import io.parkdoc.core.query.translate.QueryTranslation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
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

  /** How many documents hold a term (to keep a long query's most selective terms), or null. */
  private final ToIntFunction<Term> docFreq;

  /**
   * @param reader the index searched, or null for a server's index
   * @param analyzers the analyzers to compile each language's clause with
   */
  public QueryBuilder(IndexReader reader, AnalyzerCache analyzers) {
    this(reader, analyzers, null);
  }

  private QueryBuilder(IndexReader reader, AnalyzerCache analyzers, ToIntFunction<Term> docFreq) {
    this.reader = reader;
    this.analyzers = analyzers;
    this.docFreq = docFreq != null ? docFreq : reader != null ? this::readerDocFreq : null;
  }

  /**
   * This builder with {@code docFreq} telling how many documents hold a term: a server's index has
   * no reader here, and a long query keeps its most selective terms only when the server's document
   * frequencies are known (without them it keeps its first terms, and ranks otherwise than the
   * local index).
   */
  public QueryBuilder withDocFreq(ToIntFunction<Term> docFreq) {
    return new QueryBuilder(reader, analyzers, docFreq);
  }

  /**
   * A search's first query, as both backends build it: what was typed in the languages {@code plan}
   * routes to (its compiled clauses kept in {@code strict}), beside its translations; where its
   * stop words chose languages with nothing to search, every language of its script ({@code wider},
   * else null). {@code translation} is what was searched of the translation (null when nothing
   * was), {@code languages} the languages searched, in index order.
   */
  public record First(
      Query query,
      List<String> typed,
      List<String> wider,
      Map<String, Query> strict,
      Map<String, Query> translated,
      QueryTranslation translation,
      List<String> languages) {}

  /** The first query of {@code plan} over an index of {@code indexLanguages} ({@link First}). */
  public First first(QueryPlan plan, List<String> indexLanguages, QueryTranslation translation) {
    List<String> typed = plan.languagesAmong(indexLanguages);
    Map<String, Query> strict = new HashMap<>();
    Map<String, Query> translated = translatedQueries(plan, translation, false);
    // What is shown is what was searched: a language left out (a word with no translation there)
    // is not named.
    QueryTranslation shown =
        translated.isEmpty() ? null : translation.restrictedTo(translated.keySet());
    Query query =
        build(plan, typed, false, strict, translated, PlanTranslation.sources(shown), false);
    List<String> wider = query == null ? plan.widerLanguagesAmong(indexLanguages) : null;
    if (wider != null) {
      // Nothing to search in the languages its stop words chose: every language of its script.
      Query wide = build(plan, wider, false, new HashMap<>());
      if (wide != null) {
        query = wide;
        typed = wider;
      }
    }
    return new First(
        query,
        typed,
        wider,
        strict,
        translated,
        shown,
        withTranslated(indexLanguages, typed, translated));
  }

  /** {@code langs} and the languages translations were searched in, in index order. */
  public static List<String> withTranslated(
      List<String> indexLanguages, List<String> langs, Map<String, Query> translated) {
    return indexLanguages.stream()
        .filter(l -> langs.contains(l) || translated.containsKey(l))
        .toList();
  }

  /**
   * The Lucene query of {@code plan} over {@code languages}, each language's clause compiled once,
   * kept in {@code compiled} (null where the query has nothing that language can match).
   *
   * @param relaxed the second try of a query no document matched whole
   */
  public Query build(
      QueryPlan plan, List<String> languages, boolean relaxed, Map<String, Query> compiled) {
    return build(plan, languages, relaxed, compiled, Map.of(), Set.of(), false);
  }

  /**
   * As {@link #build(QueryPlan, List, boolean, Map)}, with {@code translated}: per language, the
   * query's translations into it ({@link #translated}), ORed beside what was typed; {@code
   * sourceLanguages} are the languages the query's words were read in (their typed clauses keep
   * their weight).
   */
  public Query build(
      QueryPlan plan,
      List<String> languages,
      boolean relaxed,
      Map<String, Query> compiled,
      Map<String, Query> translated,
      Set<String> sourceLanguages) {
    return build(plan, languages, relaxed, compiled, translated, sourceLanguages, false);
  }

  /**
   * The query whose matches passages highlight: {@link #build} without the ranking bonuses ({@link
   * QueryCompiler#compileMatches}), with the translations beside what was typed.
   */
  public Query highlightQuery(
      QueryPlan plan,
      List<String> languages,
      boolean relaxed,
      Map<String, Query> translated,
      Set<String> sourceLanguages) {
    return build(
        plan, languages, relaxed, new java.util.HashMap<>(), translated, sourceLanguages, true);
  }

  private Query build(
      QueryPlan plan,
      List<String> languages,
      boolean relaxed,
      Map<String, Query> compiled,
      Map<String, Query> translated,
      Set<String> sourceLanguages,
      boolean matchesOnly) {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    int clauses = 0;
    Boolean english = null;
    for (Query t : translated.values()) {
      any.add(t, Occur.SHOULD);
      clauses++;
    }
    for (String lang : languages) {
      if (plan.latinTerms() != null
          && Languages.isCjk(lang)
          && !holdsAny(lang, plan.latinTerms())) {
        continue; // no document here can match: spare loading the language's dictionaries
      }
      Query q = compile(plan, lang, relaxed, languages.size(), matchesOnly);
      compiled.put(lang, q);
      float foreign = 1f;
      if (q != null && translated.containsKey(lang) && !sourceLanguages.contains(lang)) {
        // In a language the query was translated into, what was typed is mostly a foreign word
        // found by chance (an English word left in a Korean page): it weighs less than the
        // translation there (bench/translation: R@10 mean .598 at 1, .634 at 0.2).
        foreign = TYPED_BESIDE_TRANSLATION;
      } else if (q != null && !matchesOnly && plan.latinTerms() != null && Languages.isCjk(lang)) {
        // A query of Latin words found in Korean, Japanese or Chinese text: the words of an API,
        // a brand or an untranslated label, rare there and so scored high by that language's
        // statistics; a text in the words' own script ranks first (EnglishFirstEvalTest).
        foreign = LATIN_IN_CJK;
      } else if (q != null
          && !matchesOnly
          && plan.latinTerms() != null
          && !plan.natural()
          && !Languages.ENGLISH.equals(lang)
          && !Languages.isCjk(lang)) {
        if (english == null) {
          english = englishWords(plan);
        }
        if (english) {
          // Words of English text found in a French or German page: the page's own statistics
          // call them rare; the English pages that use them come first (EnglishFirstEvalTest).
          foreign = OTHER_LATIN;
        }
      }
      if (q != null && !matchesOnly && foreign == 1f) {
        // Only where the words are the language's own: a Japanese page titled "Bluetooth ..." is
        // no title match for the English word (EnglishFirstTest).
        q = withStart(plan, lang, q);
      }
      if (q != null && Languages.CHINESE.equals(lang)) {
        q = preferScript(q, plan.script());
      }
      if (q != null && foreign != 1f) {
        q = new BoostQuery(q, foreign);
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
    return matchesOnly ? top.build() : preferMainParts(top.build());
  }

  /**
   * {@code q}, the query of {@code plan} in {@code lang}, with a bonus for a document that holds
   * its words at its very beginning, where a title stands ({@link TranslatedWords#start}), as its
   * translations get: the typed words' terms in the language's text field, each a word. Unchanged
   * for more than {@link TranslatedWords#NEAR_MAX_WORDS} terms (a pasted paragraph is no title).
   */
  private Query withStart(QueryPlan plan, String lang, Query q) {
    String field = Fields.text(lang);
    List<List<List<String>>> words = new ArrayList<>();
    for (String t :
        new java.util.LinkedHashSet<>(
            Terms.of(
                analyzers.analyzer(lang),
                field,
                io.parkdoc.core.query.QuerySyntax.positiveText(plan.root(), true)))) {
      words.add(List.of(List.of(t)));
      if (words.size() > TranslatedWords.NEAR_MAX_WORDS) {
        return q;
      }
    }
    Query start = TranslatedWords.start(field, words);
    return start == null
        ? q
        : new BooleanQuery.Builder().add(q, Occur.MUST).add(start, Occur.SHOULD).build();
  }

  /**
   * What a part of a file in another language than the file's main one counts beside a main part
   * (EnglishFirstEvalTest): the English paragraphs left in a translated page are short, so BM25
   * ranks them above the English page itself.
   */
  static final float OTHER_PART_FACTOR = 0.7f;

  private static final Query OTHER_PARTS =
      new BooleanQuery.Builder()
          .add(new MatchAllDocsQuery(), Occur.FILTER)
          .add(new TermQuery(new Term(Fields.MAIN, "1")), Occur.MUST_NOT)
          .build();

  /**
   * {@code query} with the parts of files in a language other than the file's main one at {@link
   * #OTHER_PART_FACTOR} of their score; unchanged on an index whose files are one part each.
   */
  private Query preferMainParts(Query query) {
    try {
      if (OTHER_PART_FACTOR == 1f
          || (reader != null && reader.docFreq(new Term(Fields.MAIN, "1")) >= reader.maxDoc())) {
        return query;
      }
    } catch (IOException e) {
      return query;
    }
    return FunctionScoreQuery.boostByQuery(query, OTHER_PARTS, OTHER_PART_FACTOR);
  }

  /**
   * The query of {@code plan} for one language, or null when it has nothing that language can
   * match.
   */
  Query compile(QueryPlan plan, String lang, boolean relaxed, int languages) {
    return compile(plan, lang, relaxed, languages, false);
  }

  private Query compile(
      QueryPlan plan, String lang, boolean relaxed, int languages, boolean matchesOnly) {
    QueryCompiler compiler =
        new QueryCompiler(
            lang,
            analyzers.queryAnalyzer(lang),
            analyzers.queryBigramAnalyzer(lang),
            plan.parsed(),
            relaxed,
            maxTerms(languages),
            docFreq);
    return matchesOnly ? compiler.compileMatches(plan.root()) : compiler.compileTop(plan.root());
  }

  /**
   * The documents of {@code languages} whose text holds {@code plan}'s words in its order, as a
   * phrase of each language's analysed text ({@link QueryCompiler#exactPhrase}), ORed; null when no
   * language makes a phrase of it. Where a pasted sentence may stand word for word ({@link
   * KnownItem}), and of English and undetermined text whatever the query's languages ({@code
   * indexLanguages}: those of the index).
   */
  public Query exact(QueryPlan plan, List<String> languages, List<String> indexLanguages) {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    int clauses = 0;
    List<String> langs = new ArrayList<>(languages);
    for (String also : List.of(Languages.ENGLISH, Languages.UNDETERMINED)) {
      // where the lines a page leaves untranslated, and code, go whatever the query's language
      if (!langs.contains(also) && indexLanguages.contains(also)) {
        langs.add(also);
      }
    }
    for (String lang : langs) {
      if (plan.latinTerms() != null
          && Languages.isCjk(lang)
          && !holdsAny(lang, plan.latinTerms())) {
        continue;
      }
      Query q =
          QueryCompiler.exactPhrase(
              lang, analyzers.analyzer(lang), analyzers.bigramAnalyzer(lang), plan.root());
      if (q != null) {
        any.add(q, Occur.SHOULD);
        clauses++;
      }
    }
    if (clauses == 0) {
      return null;
    }
    List<String> recorded = plan.recordedLanguages();
    if (recorded.isEmpty()) {
      return any.build();
    }
    BooleanQuery.Builder f = new BooleanQuery.Builder();
    for (String l : recorded) {
      f.add(new TermQuery(new Term(Fields.LANG, l)), Occur.SHOULD);
    }
    return new BooleanQuery.Builder()
        .add(any.build(), Occur.MUST)
        .add(f.build(), Occur.FILTER)
        .build();
  }

  /**
   * The most terms a query keeps in each of {@code languages} languages: {@link
   * QueryCompiler#MAX_QUERY_TERMS}, or fewer when the languages together would pass Lucene's limit
   * on clauses (a term makes up to four: itself, its bigrams, a proximity pair, a stem prefix).
   */
  static int maxTerms(int languages) {
    int budget = IndexSearcher.getMaxClauseCount() * 9 / 10 / Math.max(1, languages) / 4;
    return Math.max(4, Math.min(QueryCompiler.MAX_QUERY_TERMS, budget));
  }

  private int readerDocFreq(Term term) {
    try {
      return reader.docFreq(term);
    } catch (IOException e) {
      return 1;
    }
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
   * What a short query of Latin words that all occur in the index's English text weighs in the
   * other Latin-script languages.
   */
  static final float OTHER_LATIN = 0.7f;

  /** What a query of Latin words weighs in the Korean, Japanese and Chinese indices. */
  static final float LATIN_IN_CJK = 0.5f;

  /** What the typed query weighs in a language it was translated into (see {@link #build}). */
  static final float TYPED_BESIDE_TRANSLATION = 0.2f;

  /**
   * The query's translations into {@code lang} as one clause, or null when there are none: per word
   * of the query, its translations as one structured clause ({@link TranslatedWords#word}: those of
   * one term as synonyms, others as phrases of their analyzed terms on the language's text field,
   * so a translated word never matches one of its pieces alone: 水素 is not 水 + 素), and the words'
   * translations near each other as one more ({@link TranslatedWords#near}). Every word must match
   * unless the query is natural text or relaxed, as for what was typed; a word with no translation
   * into {@code lang} then leaves the language out.
   */
  static final boolean NO_NEAR_FOR_VARIANTS = !Boolean.getBoolean("parkdoc.nearForVariants");

  /**
   * Whether the other Chinese standard's spelling of a query gets the start clause, which `near`
   * does not get: a page titled as the other standard writes the query is the same page, and the
   * typed spelling's own title match (at full weight) still ranks first. Tuning half zh-cn -> zh-tw
   * / zh-tw -> zh-cn .768 / .715 without, .808 / .781 with; in one index own-language MRR@10 all
   * .8338 (off .8333).
   */
  static final boolean START_FOR_VARIANTS =
      !"false".equals(System.getProperty("parkdoc.startForVariants"));

  Query translated(QueryPlan plan, QueryTranslation translation, String lang, boolean relaxed) {
    boolean all = !plan.natural() && !relaxed;
    // A word written in lang itself with translations into lang: a Chinese word the other standard
    // writes differently (信息 / 資訊). The query is then searched as that standard writes it: such
    // words by their other spellings, the other words of lang as typed.
    boolean variants =
        translation.terms().stream()
            .anyMatch(t -> t.sourceLang().equals(lang) && t.targets().containsKey(lang));
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    String field = Fields.text(lang);
    List<List<List<String>>> near = new ArrayList<>();
    int words = 0;
    for (QueryTranslation.Term term : translation.terms()) {
      List<String> alternatives = term.targets().get(lang);
      if ((alternatives == null || alternatives.isEmpty()) && term.sourceLang().equals(lang)) {
        // A word of lang itself in a query of words of several languages (科学技术 read as
        // Japanese in 科学技术 创新): searched as typed, and required like the others; left out,
        // a Japanese page with only 创新's translation matched.
        alternatives = List.of(term.source());
      }
      if (alternatives == null || alternatives.isEmpty()) {
        if (all && !term.sourceLang().equals(lang)) {
          return null;
        }
        continue;
      }
      List<List<String>> sequences = new ArrayList<>();
      List<Query> queries = new ArrayList<>();
      for (String alt : alternatives) {
        List<String> seq = translationTerms(lang, alt);
        sequences.add(seq);
        queries.add(
            seq != null
                ? null
                : new org.apache.lucene.util.QueryBuilder(analyzers.analyzer(lang))
                    .createPhraseQuery(field, alt));
      }
      if (term.sourceLang().equals(lang) && !term.targets().containsKey(lang)) {
        // Its characters' pairs as well, as what was typed is searched: kuromoji cuts a Chinese
        // spelling (科学技术) otherwise than the Japanese one it folds to (科学技術).
        Query pairs = bigramPhrase(lang, term.source());
        if (pairs != null) {
          sequences.add(null);
          queries.add(pairs);
        }
      }
      Query q = TranslatedWords.word(field, sequences, queries);
      if (q != null) {
        b.add(q, all ? Occur.MUST : Occur.SHOULD);
        near.add(sequences);
        words++;
      }
    }
    // Not for the other Chinese standard's spelling of the query (variants): the near clause there
    // matches the pages of the query's own standard as well and put them out of order (zh-cn and
    // zh-tw own-language MRR@10 in one index .749 / .702 without it, .746 / .699 with it).
    Query close = variants && NO_NEAR_FOR_VARIANTS ? null : TranslatedWords.near(field, near);
    if (close != null) {
      b.add(close, Occur.SHOULD);
    }
    // The same rule for the start: what was typed has it in lang already.
    Query start = variants && !START_FOR_VARIANTS ? null : TranslatedWords.start(field, near);
    if (start != null) {
      b.add(start, Occur.SHOULD);
    }
    return words == 0 ? null : ownLanguageFirst(b.build());
  }

  /**
   * {@code word} as the phrase of its terms in {@code lang}'s bigram field (of a Korean, Japanese
   * or Chinese index), or null where the language has none or the word makes no plain sequence
   * there.
   */
  private Query bigramPhrase(String lang, String word) {
    var bigrams = analyzers.bigramAnalyzer(lang);
    if (bigrams == null) {
      return null;
    }
    List<String> seq = Terms.sequence(bigrams, Fields.bigrams(lang), word);
    return seq == null ? null : phraseOf(Fields.bigrams(lang), seq);
  }

  /**
   * One translation {@code alt} into {@code lang} as the analysed terms of the language's text
   * field, in the form of {@link Terms#sequence}: those the lexicon stores for it ({@link
   * Lexicon#terms}) where it has them, so that the analyzer (kuromoji's, smartcn's, nori's
   * dictionaries) is not loaded for it; else by analysing it. Both give the same terms ({@code
   * TranslationTermsTest}). Null when the analysis is no plain sequence (then a phrase query of
   * Lucene's QueryBuilder stands for it).
   */
  List<String> translationTerms(String lang, String alt) {
    List<String> stored = Lexicon.bundled().terms(lang, alt);
    if (stored != null) {
      return stored;
    }
    return Terms.sequence(analyzers.analyzer(lang), Fields.text(lang), alt);
  }

  /**
   * The query Lucene's {@code QueryBuilder.createPhraseQuery} makes of terms in the form of {@link
   * Terms#sequence} (an empty string: a position skipped): null for none, a term query for one,
   * else an exact phrase at their positions.
   */
  static Query phraseOf(String field, List<String> terms) {
    List<String> words = new ArrayList<>(terms.size());
    for (String t : terms) {
      if (!t.isEmpty()) {
        words.add(t);
      }
    }
    if (words.isEmpty()) {
      return null;
    }
    if (words.size() == 1) {
      return new TermQuery(new Term(field, words.get(0)));
    }
    PhraseQuery.Builder p = new PhraseQuery.Builder();
    int position = -1;
    for (String t : terms) {
      position++;
      if (!t.isEmpty()) {
        p.add(new Term(field, t), position);
      }
    }
    return p.build();
  }

  /**
   * What a translated match's BM25 score is multiplied by beside the matches of what was typed (the
   * ranking rule of docs/translation.md, "Own language first"): a document in another language
   * needs twice the score of one holding the typed word to rank above it. Measured with {@code
   * bench/translation mixed} (the LibreOffice help's evaluation half, five languages in one index,
   * the title as the query), factor 1 / 0.7 / 0.5 / 0.3 / 0.1: MRR@10 of the page in the query's
   * own language .711 / .728 / .734 / .736 / .737 (translation off .716), R@10 of the same page in
   * the other languages .284 / .234 / .209 / .195 / .189 (off .089); on the seeds, laser and レーザー
   * rank their own language's seed first from 0.7 down (4th and 3rd at 1). Read once from the
   * system property {@code parkdoc.translatedFactor} so that the bench can compare factors.
   */
  static final float TRANSLATED_FACTOR =
      Float.parseFloat(System.getProperty("parkdoc.translatedFactor", "0.5"));

  /**
   * {@code translated} ranked at {@link #TRANSLATED_FACTOR} of its score: a document holding the
   * typed word comes before a translated match of equal merit.
   */
  private static Query ownLanguageFirst(Query translated) {
    return TRANSLATED_FACTOR == 1f ? translated : new BoostQuery(translated, TRANSLATED_FACTOR);
  }

  /**
   * Per language {@code translation} went into, in {@link QueryTranslation#languages} order, its
   * clause ({@link #translated}); languages where it has none are left out. Empty for null.
   */
  public Map<String, Query> translatedQueries(
      QueryPlan plan, QueryTranslation translation, boolean relaxed) {
    Map<String, Query> out = new LinkedHashMap<>();
    if (translation == null) {
      return out;
    }
    for (String lang : translation.languages()) {
      Query q = translated(plan, translation, lang, relaxed);
      if (q != null) {
        out.put(lang, q);
      }
    }
    return out;
  }

  /**
   * True when a text or bigram field of {@code lang} holds one of {@code terms} (or when unsure).
   */
  /**
   * Whether every word of {@code plan}'s query occurs in the index's English text (what a short
   * query of Latin words found in other Latin-script languages is taken to be then).
   */
  private boolean englishWords(QueryPlan plan) {
    if (docFreq == null) {
      return false;
    }
    List<String> words = plan.positiveWords();
    if (words.isEmpty()) {
      return false;
    }
    String field = Fields.text(Languages.ENGLISH);
    for (String w : words) {
      List<String> terms = Terms.of(analyzers.analyzer(Languages.ENGLISH), field, w);
      for (String t : terms) {
        if (docFreq.applyAsInt(new Term(field, t)) <= 0) {
          return false;
        }
      }
    }
    return true;
  }

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
      Query q =
          compiled.containsKey(lang)
              ? compiled.get(lang)
              : compile(plan, lang, false, languages.size());
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
