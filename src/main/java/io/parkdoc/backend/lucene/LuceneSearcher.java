package io.parkdoc.backend.lucene;

import io.parkdoc.core.FullText;
import io.parkdoc.core.Hit;
import io.parkdoc.core.IndexLocation;
import io.parkdoc.core.IndexStatus;
import io.parkdoc.core.IoErrors;
import io.parkdoc.core.Mark;
import io.parkdoc.core.MatchExplanation;
import io.parkdoc.core.ParkdocException;
import io.parkdoc.core.SearchBackend;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.SearchResults;
import io.parkdoc.core.Snippet;
import io.parkdoc.core.analysis.AnalyzerCache;
import io.parkdoc.core.analysis.Fields;
import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.analysis.Warmup;
import io.parkdoc.core.detect.LanguageParts;
import io.parkdoc.core.query.Analysis;
import io.parkdoc.core.query.QueryCompiler;
import io.parkdoc.core.query.QueryPlan;
import io.parkdoc.core.query.QuerySyntax;
import io.parkdoc.core.query.translate.Lexicon;
import io.parkdoc.core.query.translate.PlanTranslation;
import io.parkdoc.core.query.translate.QueryTranslation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

/**
 * Searches every language index of a local parkdoc index at once and highlights the best passages.
 *
 * <p>The language indices are read through one {@link MultiReader}: each language has its own text
 * field, so BM25 keeps its statistics per language while one searcher ranks all hits together. A
 * query is read once ({@link QueryPlan}) and compiled once per language with that language's
 * analyzer ({@link QueryBuilder}); analyzers are loaded only for the languages a query needs.
 * Thread-safe; open once and reuse (the shell does).
 *
 * <p>Why this file is longer than 500 lines: the search and its second tries (relaxed, wider
 * languages, translations) share one reader, builder and passage maker, and each step reads the one
 * before it. Which translations a query gets is decided in {@code PlanTranslation} and their
 * clauses are built by {@link QueryBuilder#translatedQueries}, shared with the Solr backend, whose
 * search repeats these steps; moving the steps themselves and the per-file collapse into classes of
 * their own is the next clean-up here.
 */
public final class LuceneSearcher implements SearchBackend {
  /**
   * A word in each of the scripts with their own analyzers; an OR query is searched in every
   * language.
   */
  private static final String WARM_TEXT = "parkdoc 검색 検索 搜索";

  private static final String WARM_QUERY = "parkdoc OR 검색 OR 検索 OR 搜索";

  private final IndexLayout layout;
  private final List<String> languages;
  private final List<DirectoryReader> readers = new ArrayList<>();
  private final IndexReader reader;
  private final boolean onePartPerFile;
  private final IndexSearcher searcher;
  private final AnalyzerCache analyzers = new AnalyzerCache();
  private final QueryBuilder builder;
  private final Passages passages;

  private LuceneSearcher(IndexLayout layout) throws IOException {
    this.layout = layout;
    layout.requireSearchable();
    this.languages = layout.languagesOnDisk();
    try {
      for (String lang : languages) {
        readers.add(DirectoryReader.open(FSDirectory.open(layout.languageDir(lang))));
      }
    } catch (IOException e) {
      for (DirectoryReader r : readers) {
        r.close();
      }
      throw e;
    }
    this.reader = new MultiReader(readers.toArray(new IndexReader[0]), true);
    this.searcher = new IndexSearcher(reader);
    this.onePartPerFile = onePartPerFile(reader);
    this.builder = new QueryBuilder(reader, analyzers);
    this.passages = new Passages(searcher, analyzers);
  }

  /**
   * Opens the index at {@code layout} for searching.
   *
   * @throws ParkdocException when there is no index there, or it cannot be read
   */
  public static LuceneSearcher open(IndexLayout layout) {
    try {
      return new LuceneSearcher(layout);
    } catch (IOException e) {
      throw new ParkdocException(
          "cannot read the index at " + layout.root() + ": " + IoErrors.reason(e), e);
    }
  }

  @Override
  public List<String> languages() {
    return languages;
  }

  @Override
  public long documents() {
    try {
      // a file is one document per language: count the main parts (an older index has none)
      long mains = searcher.count(new TermQuery(new Term(Fields.MAIN, "1")));
      return mains > 0 ? mains : reader.numDocs();
    } catch (IOException e) {
      return reader.numDocs();
    }
  }

  /** The analyzer of index language {@code lang}, loaded on first use. */
  public Analyzer analyzer(String lang) {
    return analyzers.analyzer(lang);
  }

  /** The analyzers this searcher has made so far ({@link AnalyzerCache#made}), for tests. */
  java.util.Set<String> analyzersMade() {
    return analyzers.made();
  }

  /**
   * Does once what the first query would otherwise do while the user waits: loads every language's
   * analyzers (nori, kuromoji and smartcn read their dictionaries on first use, not when created)
   * and runs one search with passages through all of them. Takes about a second; meant for a
   * background thread of a long-lived front end such as the shell.
   */
  @Override
  public void warm() {
    for (String lang : languages) {
      for (Analyzer a : Arrays.asList(analyzers.analyzer(lang), analyzers.bigramAnalyzer(lang))) {
        if (a != null) {
          Analysis.tokens(a, Fields.text(lang), WARM_TEXT);
        }
      }
    }
    search(new SearchRequest(WARM_QUERY, Set.of(), 1, 0, 1, true));
  }

  /**
   * Starts loading, each on a thread of its own, the Korean, Japanese and Chinese analyzers that
   * {@code query} will need here, and returns at once: a search that follows finds them ready.
   */
  @Override
  public void prepare(String query) {
    QueryPlan plan;
    try {
      plan = QueryPlan.of(new SearchRequest(query, Set.of(), 1, 0, 0, true));
    } catch (RuntimeException e) {
      return;
    }
    for (String lang : languages) {
      if (Languages.isCjk(lang)
          && (plan.routed() == null || plan.routed().contains(lang))
          && (plan.latinTerms() == null || builder.holdsAny(lang, plan.latinTerms()))) {
        // The query itself: it loads what its analysis will load, and nothing more (長 would
        // build the Traditional-to-Simplified table, which a Latin word never needs).
        Warmup.start(
            "parkdoc-prepare-" + lang,
            () -> {
              Warmup.consume(analyzers.analyzer(lang), Fields.text(lang), query);
              Warmup.consume(analyzers.bigramAnalyzer(lang), Fields.bigrams(lang), query);
            });
      }
    }
  }

  /**
   * The Lucene query of {@code request} over the languages it searches, or null when none of them
   * has anything to match (for tests and the relevance tools).
   */
  public Query query(SearchRequest request, boolean relaxed) {
    QueryPlan plan = QueryPlan.of(request);
    QueryTranslation translation = translate(plan);
    return builder.build(
        plan,
        plan.languagesAmong(languages),
        relaxed,
        new HashMap<>(),
        translatedQueries(plan, translation, relaxed),
        sources(translation));
  }

  /** The languages the translated query's words were read in (none without translation). */
  private static Set<String> sources(QueryTranslation translation) {
    return PlanTranslation.sources(translation);
  }

  /**
   * What {@code plan}'s query becomes in the other languages of this index ({@link
   * PlanTranslation}), keeping only translations some document holds; null when the request asks
   * for none or the query is more than words.
   */
  QueryTranslation translate(QueryPlan plan) {
    return PlanTranslation.of(plan, languages, this::docFreq);
  }

  /**
   * Documents of {@code lang}'s index holding every term {@code text} analyzes to there (the terms
   * the lexicon stores for it where it has them, so that the analyzer is not loaded for them).
   */
  private long docFreq(String lang, String text) {
    String field = Fields.text(lang);
    List<String> terms = Lexicon.bundled().terms(lang, text);
    if (terms == null) {
      terms = io.parkdoc.core.analysis.Terms.of(analyzers.analyzer(lang), field, text);
    }
    if (terms.isEmpty()) {
      return 0;
    }
    long min = Long.MAX_VALUE;
    try {
      for (String t : terms) {
        if (t.isEmpty()) {
          continue; // a position a stored phrase skips (Lexicon.terms)
        }
        min = Math.min(min, reader.docFreq(new Term(field, t)));
      }
    } catch (IOException e) {
      return 0;
    }
    return min;
  }

  private Map<String, Query> translatedQueries(
      QueryPlan plan, QueryTranslation translation, boolean relaxed) {
    return builder.translatedQueries(plan, translation, relaxed);
  }

  /** {@code langs} and the languages translations were searched in, in index order. */
  private List<String> withTranslated(List<String> langs, Map<String, Query> translated) {
    return QueryBuilder.withTranslated(languages, langs, translated);
  }

  @Override
  public SearchResults search(SearchRequest request) {
    try {
      return searchOnce(request);
    } catch (IndexSearcher.TooManyClauses e) {
      throw new ParkdocException(
          "the query is too complex to search (more than "
              + IndexSearcher.getMaxClauseCount()
              + " parts after analysis): use fewer exclusions or groups",
          e);
    }
  }

  private SearchResults searchOnce(SearchRequest request) {
    QueryPlan plan = QueryPlan.of(request);
    QueryBuilder.First first = builder.first(plan, languages, translate(plan));
    Query query = first.query();
    List<String> typed = first.typed();
    List<String> widerLangs = first.wider();
    Map<String, Query> strict = first.strict();
    Map<String, Query> translated = first.translated();
    QueryTranslation translation = first.translation();
    List<String> langs = first.languages();
    if (query == null) {
      SearchResults verbatim = verbatim(request, plan, langs, translation);
      return verbatim != null
          ? verbatim
          : new SearchResults(
              0,
              true,
              List.of(),
              langs,
              false,
              builder.stopWords(plan, typed, strict),
              translation);
    }
    try {
      int n = Math.max(1, request.offset() + request.limit());
      String pasted = KnownItem.pasted(plan);
      int wanted = n;
      if (pasted != null) {
        // the files the known-item order looks at, whatever page of them is asked for
        n = Math.max(n, KnownItem.WINDOW);
      }
      TopDocs top = searcher.search(query, n);
      boolean relaxed = false;
      List<String> wider =
          top.totalHits.value() == 0 && widerLangs == null
              ? plan.widerLanguagesAmong(languages)
              : null;
      if (wider != null) {
        // The languages its stop words chose have nothing: every language of its script.
        Query again = builder.build(plan, wider, false, new HashMap<>());
        if (again != null) {
          TopDocs more = searcher.search(again, n);
          if (more.totalHits.value() > 0) {
            query = again;
            top = more;
            typed = wider;
            langs = withTranslated(typed, translated);
          }
        }
      }
      if (top.totalHits.value() == 0 && !plan.natural()) {
        // No document holds every word: rank those holding most of them, each word still whole
        // (so 水素 still never matches a text with only 素).
        Query second =
            builder.build(
                plan,
                typed,
                true,
                new HashMap<>(),
                translatedQueries(plan, translation, true),
                sources(translation));
        if (second != null && !second.equals(query)) {
          query = second;
          top = searcher.search(query, n);
          relaxed = top.totalHits.value() > 0;
        }
      }
      if (top.totalHits.value() == 0) {
        SearchResults verbatim = verbatim(request, plan, langs, translation);
        if (verbatim != null) {
          return verbatim;
        }
      }
      Collapsed files = collapse(query, top, n);
      List<ScoreDoc> ranked =
          pasted == null
              ? files.best
              : KnownItem.rerank(
                  searcher,
                  files.best,
                  pasted,
                  KnownItem.phraseCandidates(plan) ? builder.exact(plan, typed, languages) : null);
      ranked = ranked.subList(0, Math.min(wanted, ranked.size()));
      ScoreDoc[] page =
          ranked
              .subList(Math.min(request.offset(), ranked.size()), ranked.size())
              .toArray(new ScoreDoc[0]);
      int[] docIds = new int[page.length];
      for (int i = 0; i < page.length; i++) {
        docIds[i] = page[i].doc;
      }
      Query matches =
          builder.highlightQuery(
              plan,
              typed,
              relaxed,
              relaxed ? translatedQueries(plan, translation, true) : translated,
              sources(translation));
      Map<Integer, List<Snippet>> snippets =
          passages.snippets(
              matches == null ? query : matches, langs, plan.natural(), docIds, request.passages());
      List<Hit> hits = new ArrayList<>(page.length);
      Columns.HitColumns[] shown = Columns.hits(reader, docIds);
      for (int i = 0; i < page.length; i++) {
        Columns.HitColumns c = shown[i];
        hits.add(
            new Hit(
                request.offset() + i + 1,
                c.path(),
                c.mainLanguage(),
                page[i].score,
                c.title(),
                placed(snippets.getOrDefault(page[i].doc, List.of()), c.marks()),
                c.languages()));
      }
      Map<String, List<String>> stopWords =
          top.totalHits.value() == 0 ? builder.stopWords(plan, typed, strict) : Map.of();
      return new SearchResults(
          files.total,
          files.exact && top.totalHits.relation() == TotalHits.Relation.EQUAL_TO,
          hits,
          langs,
          relaxed,
          stopWords,
          translation);
    } catch (IOException e) {
      throw new ParkdocException("cannot read the index: " + IoErrors.reason(e), e);
    }
  }

  /**
   * The files holding a quoted string verbatim ({@link VerbatimScan}), when the query is that
   * string alone; null when it is not, or no file holds it.
   */
  private SearchResults verbatim(
      SearchRequest request, QueryPlan plan, List<String> langs, QueryTranslation translation) {
    try {
      return verbatimOrNull(request, plan, langs, translation);
    } catch (IOException e) {
      throw new ParkdocException("cannot read the index: " + IoErrors.reason(e), e);
    }
  }

  private SearchResults verbatimOrNull(
      SearchRequest request, QueryPlan plan, List<String> langs, QueryTranslation translation)
      throws IOException {
    // one quoted string, and lang: or path: filters beside it
    QuerySyntax.Phrase phrase = plan.root() instanceof QuerySyntax.Phrase p ? p : null;
    BooleanQuery.Builder filters = new BooleanQuery.Builder();
    boolean filtered = false;
    if (plan.root() instanceof QuerySyntax.Bool b) {
      for (QuerySyntax.Clause c : b.clauses()) {
        if (c.node() instanceof QuerySyntax.Phrase p
            && phrase == null
            && c.occur() != BooleanClause.Occur.MUST_NOT) {
          phrase = p;
        } else if (c.node() instanceof QuerySyntax.Filter f
            && c.occur() != BooleanClause.Occur.SHOULD) {
          filters.add(
              QueryCompiler.filter(f),
              c.occur() == BooleanClause.Occur.MUST_NOT
                  ? BooleanClause.Occur.MUST_NOT
                  : BooleanClause.Occur.FILTER);
          filtered = true;
        } else {
          return null;
        }
      }
    }
    if (phrase == null) {
      return null;
    }
    Bits allowed = null;
    if (filtered) {
      filters.add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);
      allowed = VerbatimScan.matching(searcher, filters.build());
    }
    int n = Math.max(1, request.offset() + request.limit());
    VerbatimScan.Results found =
        VerbatimScan.find(searcher, phrase.text(), request.languages(), allowed, n);
    if (found.total() == 0) {
      return null;
    }
    List<Hit> hits = new ArrayList<>();
    List<VerbatimScan.Found> page =
        found
            .files()
            .subList(Math.min(request.offset(), found.files().size()), found.files().size());
    Columns.HitColumns[] shown =
        Columns.hits(reader, page.stream().mapToInt(VerbatimScan.Found::doc).toArray());
    for (int i = 0; i < page.size(); i++) {
      VerbatimScan.Found f = page.get(i);
      hits.add(
          new Hit(
              request.offset() + i + 1,
              f.path(),
              shown[i].mainLanguage(),
              f.score(),
              shown[i].title(),
              request.passages() > 0 ? placed(List.of(f.snippet()), shown[i].marks()) : List.of(),
              shown[i].languages()));
    }
    return new SearchResults(found.total(), true, hits, langs, false, Map.of(), translation);
  }

  /** The best part of each file, best first, and how many files matched. */
  private record Collapsed(List<ScoreDoc> best, long total, boolean exact) {}

  /**
   * One hit per file: a file with text in several languages is one Lucene document per language,
   * and several of them can match. A file scores as its best-matching part (each part is ranked by
   * its own language's BM25; adding the parts up would rank a file higher for having the same word
   * in two languages). Fetches more of {@code query}'s hits than {@code n} until {@code n} files
   * are found or there are no more.
   */
  private Collapsed collapse(Query query, TopDocs first, int n) throws IOException {
    TopDocs top = first;
    int fetch = n;
    while (true) {
      List<ScoreDoc> best = new ArrayList<>();
      Set<String> seen = new java.util.HashSet<>();
      int duplicates = 0;
      String[] paths = Columns.paths(reader, top.scoreDocs);
      for (int i = 0; i < paths.length; i++) {
        ScoreDoc sd = top.scoreDocs[i];
        if (seen.add(paths[i])) {
          if (best.size() < n) {
            best.add(sd);
          }
        } else {
          duplicates++;
        }
      }
      long matched = top.totalHits.value();
      boolean all = top.scoreDocs.length >= matched;
      if (best.size() >= n || all || fetch >= MAX_FETCH) {
        return new Collapsed(
            best,
            all ? seen.size() : matched - duplicates,
            // the hits not fetched may hold parts of one file: exact only where files are one part
            all || (duplicates == 0 && onePartPerFile));
      }
      fetch = Math.min(MAX_FETCH, fetch * 2 + duplicates);
      top = searcher.search(query, fetch);
    }
  }

  /**
   * Whether every file of the index is one document (no file with text in several languages): then
   * a count of matching documents is a count of files. Deleted documents still count in a term's
   * document frequency, so an index with deletions is not taken to be so.
   */
  private static boolean onePartPerFile(IndexReader reader) {
    try {
      return reader.numDeletedDocs() == 0
          && reader.docFreq(new Term(Fields.MAIN, "1")) == reader.numDocs();
    } catch (IOException e) {
      return false;
    }
  }

  /** The most hits fetched to find a page of distinct files. */
  private static final int MAX_FETCH = 100_000;

  /** A document's main language: the file's (an index written before parts has only its own). */
  private static String mainLanguage(Document d) {
    String main = d.get(Fields.MAIN_LANG);
    return main != null ? main : d.get(Fields.LANG);
  }

  /** The Lucene documents of every part of the file at {@code path}. */
  private List<Integer> partsOf(String path) {
    try {
      TopDocs top = searcher.search(new TermQuery(new Term(Fields.PATH, path)), 1000);
      if (top.scoreDocs.length == 0) {
        throw new ParkdocException(
            "no document for " + path + " in this index (it changed since the search?)");
      }
      List<Integer> ids = new ArrayList<>();
      for (ScoreDoc sd : top.scoreDocs) {
        ids.add(sd.doc);
      }
      return ids;
    } catch (IOException e) {
      throw new ParkdocException("cannot read the index: " + IoErrors.reason(e), e);
    }
  }

  /** The index language a part is in (the language of its text field). */
  private static String partLanguage(Document d) {
    return Languages.indexLanguage(d.get(Fields.LANG));
  }

  @Override
  public FullText fullText(SearchRequest request, boolean relaxed, String path) {
    QueryPlan plan = QueryPlan.of(request);
    QueryTranslation translation = translate(plan);
    Map<String, Query> translated = translatedQueries(plan, translation, relaxed);
    List<String> typed = plan.languagesAmong(languages);
    List<String> langs = withTranslated(typed, translated);
    Query query = builder.highlightQuery(plan, typed, relaxed, translated, sources(translation));
    List<String> texts = new ArrayList<>();
    List<Snippet.Span> spans = new ArrayList<>();
    Document first = null;
    for (int docId : partsOf(path)) {
      Document d = stored(docId);
      first = first == null || d.get(Fields.MAIN) != null ? d : first;
      String field = Fields.text(partLanguage(d));
      texts.add(d.get(field) == null ? "" : d.get(field));
      if (query != null && langs.contains(Fields.languageOf(field))) {
        try {
          spans.addAll(passages.spans(query, plan.natural(), field, docId));
        } catch (IOException e) {
          throw new ParkdocException("cannot read the index: " + IoErrors.reason(e), e);
        }
      }
    }
    spans.sort(java.util.Comparator.comparingInt(Snippet.Span::start));
    return new FullText(
        first.get(Fields.PATH),
        mainLanguage(first),
        first.get(Fields.TITLE),
        LanguageParts.overlay(texts),
        List.copyOf(spans),
        Mark.decode(first.get(Schema.MARKS)));
  }

  /**
   * {@code snippets}, each naming the page, slide or sheet it lies in when the document has them.
   */
  private static List<Snippet> placed(List<Snippet> snippets, String marks) {
    if (marks == null || snippets.isEmpty()) {
      return snippets;
    }
    List<Mark> m = Mark.decode(marks);
    List<Snippet> out = new ArrayList<>(snippets.size());
    for (Snippet s : snippets) {
      Mark at = s.offset() < 0 ? null : Mark.at(m, s.offset());
      out.add(at == null ? s : s.at(at.describe()));
    }
    return out;
  }

  @Override
  public MatchExplanation explain(SearchRequest request, boolean relaxed, String path) {
    QueryPlan plan = QueryPlan.of(request);
    QueryTranslation translation = translate(plan);
    Query query =
        builder.build(
            plan,
            plan.languagesAmong(languages),
            relaxed,
            new HashMap<>(),
            translatedQueries(plan, translation, relaxed),
            sources(translation));
    List<Integer> parts = partsOf(path);
    int docId = parts.get(0);
    try {
      if (query != null && parts.size() > 1) {
        // the part that matches best: the one the hit came from
        float best = -1;
        for (int id : parts) {
          Explanation e = searcher.explain(query, id);
          if (e.isMatch() && e.getValue().floatValue() > best) {
            best = e.getValue().floatValue();
            docId = id;
          }
        }
      }
      Document d = stored(docId);
      String text = d.get(Fields.text(partLanguage(d)));
      if (query == null) {
        return new MatchExplanation(
            d.get(Fields.PATH),
            mainLanguage(d),
            false,
            List.of(),
            new MatchExplanation.ScorePart(
                0, "the query has no words this document's language can match", List.of()));
      }
      return Explainer.explain(searcher, query, docId, d.get(Fields.PATH), mainLanguage(d), text);
    } catch (IOException e) {
      throw new ParkdocException("cannot read the index: " + IoErrors.reason(e), e);
    }
  }

  /** The stored fields of Lucene document {@code docId} (for benchmarks and tools). */
  public Document document(int docId) {
    return stored(docId);
  }

  private Document stored(int docId) {
    try {
      return searcher.storedFields().document(docId);
    } catch (IOException e) {
      throw new ParkdocException("cannot read the index: " + IoErrors.reason(e), e);
    }
  }

  /**
   * False when the index on disk changed since this searcher opened it: documents added, updated or
   * removed, or a language added. Cheap enough to ask before every query.
   */
  @Override
  public boolean isCurrent() {
    try {
      for (DirectoryReader r : readers) {
        if (!r.isCurrent()) {
          return false;
        }
      }
    } catch (IOException e) {
      return false;
    }
    return layout.languagesOnDisk().equals(languages);
  }

  /** Counts of documents per recorded language, and sizes. */
  @Override
  public IndexStatus status() {
    try {
      Columns.Counts counts = Columns.counts(reader);
      return new IndexStatus(
          IndexLocation.of(layout.root()),
          counts.files(),
          largestFirst(counts.mainLanguages()),
          layout.diskBytes(),
          counts.bytes(),
          largestFirst(counts.parts()));
    } catch (IOException e) {
      throw new ParkdocException("cannot read the index: " + IoErrors.reason(e), e);
    }
  }

  private static Map<String, Long> largestFirst(Map<String, Long> counts) {
    Map<String, Long> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(
            (a, b) ->
                a.getValue().equals(b.getValue())
                    ? a.getKey().compareTo(b.getKey())
                    : Long.compare(b.getValue(), a.getValue()))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      // read-only: nothing is lost
    }
    analyzers.close();
  }
}
