package io.parkdoc.core;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.text.BreakIterator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.store.FSDirectory;

/**
 * Searches every language index of a parkdoc index at once and highlights the best passages.
 *
 * <p>The language indices are read through one {@link MultiReader}: each language has its own
 * text field, so BM25 keeps its statistics per language while one searcher ranks all hits
 * together. A query is analysed once per language with that language's analyzer; analyzers are
 * loaded only for the languages a query needs. Thread-safe; open once and reuse (the shell does).
 */
public final class Searcher implements Closeable {
  private final IndexLayout layout;
  private final List<String> languages;
  private final List<DirectoryReader> readers = new ArrayList<>();
  private final IndexReader reader;
  private final IndexSearcher searcher;
  private final Map<String, Analyzer> analyzers = new ConcurrentHashMap<>();

  private Searcher(IndexLayout layout) throws IOException {
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
  }

  /**
   * Opens the index at {@code layout} for searching.
   *
   * @throws ParkdocException when there is no index there, or it cannot be read
   */
  public static Searcher open(IndexLayout layout) {
    try {
      return new Searcher(layout);
    } catch (IOException e) {
      throw new ParkdocException("cannot read the index at " + layout.root() + ": " + e.getMessage(), e);
    }
  }

  /** The index languages present in the index. */
  public List<String> languages() {
    return languages;
  }

  /** The number of documents in the index. */
  public int documents() {
    return reader.numDocs();
  }

  /** The analyzer of index language {@code lang}, loaded on first use. */
  public Analyzer analyzer(String lang) {
    return analyzers.computeIfAbsent(lang, Languages::newAnalyzer);
  }

  /**
   * Does once what the first query would otherwise do while the user waits: loads every
   * language's analyzers (nori, kuromoji and smartcn read their dictionaries on first use, not when
   * created) and runs one search with passages through all of them. Takes about a second; meant
   * for a background thread of a long-lived front end such as the shell.
   */
  public void warm() {
    for (String lang : languages) {
      for (Analyzer a : java.util.Arrays.asList(analyzer(lang), bigramAnalyzer(lang))) {
        if (a != null) {
          Analysis.tokens(a, Fields.text(lang), WARM_TEXT);
        }
      }
    }
    search(new SearchRequest(WARM_QUERY, Set.of(), 1, 0, 1, true));
  }

  /** A word in each of the scripts with their own analyzers; an OR query is searched in every language. */
  private static final String WARM_TEXT = "parkdoc 검색 検索 搜索";
  private static final String WARM_QUERY = "parkdoc OR 검색 OR 検索 OR 搜索";

  /**
   * Starts loading, each on a thread of its own, the Korean, Japanese and Chinese analyzers that
   * {@code query} will need here, and returns at once: a search that follows finds them ready.
   */
  public void prepare(String query) {
    QuerySyntax.Parsed parsed;
    try {
      parsed = QuerySyntax.parse(query, true);
    } catch (RuntimeException e) {
      return;
    }
    Set<String> routed = QueryRouting.languagesFor(query, parsed.natural());
    Set<String> latin = latinCandidates(query, parsed);
    for (String lang : languages) {
      if (Languages.isCjk(lang) && (routed == null || routed.contains(lang)) && (latin == null || holdsAny(lang, latin))) {
        // The query itself: it loads what its analysis will load, and nothing more (長 would
        // build the Traditional-to-Simplified table, which a Latin word never needs).
        Warmup.start("parkdoc-prepare-" + lang, () -> {
          Warmup.consume(analyzer(lang), Fields.text(lang), query);
          Warmup.consume(bigramAnalyzer(lang), Fields.bigrams(lang), query);
        });
      }
    }
  }

  /** The analyzer of the CJK bigram field of {@code lang}, or null when it has none. */
  Analyzer bigramAnalyzer(String lang) {
    return Languages.isCjk(lang) ? analyzers.computeIfAbsent("bigram:" + lang, k -> Languages.newBigramAnalyzer(lang)) : null;
  }

  /** The Lucene query {@code request} runs, the languages it searches, and whether it reads as natural text. */
  record Plan(Query query, List<String> languages, boolean natural) {}

  Plan plan(SearchRequest request) {
    return plan(request, false);
  }

  Plan plan(SearchRequest request, boolean relaxed) {
    QuerySyntax.Parsed parsed = QuerySyntax.parse(request.query(), request.lenient());
    List<String> langs = new ArrayList<>();
    Set<String> wanted = new LinkedHashSet<>();
    for (String l : request.languages()) {
      wanted.add(Languages.indexLanguage(l));
    }
    Set<String> routed = QueryRouting.languagesFor(request.query(), parsed.natural());
    for (String lang : languages) {
      if ((wanted.isEmpty() || wanted.contains(lang)) && (routed == null || routed.contains(lang))) {
        langs.add(lang);
      }
    }
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    int clauses = 0;
    Set<String> latin = latinCandidates(request.query(), parsed);
    for (String lang : langs) {
      if (latin != null && Languages.isCjk(lang) && !holdsAny(lang, latin)) {
        continue; // no document here can match: spare loading the language's dictionaries
      }
      Query q = new QueryCompiler(lang, analyzer(lang), bigramAnalyzer(lang), parsed, relaxed).compileTop(parsed.root());
      if (q != null && Languages.CHINESE.equals(lang)) {
        q = preferScript(q, parsed.root());
      }
      if (q != null) {
        any.add(q, Occur.SHOULD);
        clauses++;
      }
    }
    if (clauses == 0) {
      return new Plan(null, langs, parsed.natural());
    }
    BooleanQuery.Builder top = new BooleanQuery.Builder().add(any.build(), Occur.MUST);
    // Recorded-language filter (zh-Hans / zh-Hant) beyond the index language.
    List<String> recorded = request.languages().stream().filter(l -> l.startsWith("zh-")).toList();
    if (!recorded.isEmpty() && recorded.size() == request.languages().size()) {
      BooleanQuery.Builder f = new BooleanQuery.Builder();
      for (String l : recorded) {
        f.add(new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(Fields.LANG, l)), Occur.SHOULD);
      }
      top.add(f.build(), Occur.FILTER);
    }
    return new Plan(top.build(), langs, parsed.natural());
  }

  /**
   * What a Chinese document's score is multiplied by when it is written in the other Chinese
   * script than the query ({@link #preferScript}). Measured with {@code bench/relevance} on the
   * relevance sets all in one index, where Simplified questions (cmrc2018, xquad-zh) compete with
   * Traditional passages (drcd) and the other way round, factor 1 (none) / 0.8 / 0.67 / 0.001
   * (the other script after nearly everything in the query's own): xquad-zh .9453 / .9543 /
   * .9562 / .9574, drcd .9618 / .9641 / .9643 / .9644, cmrc2018 .9887 / .9897 / .9900 / .9900;
   * the other sets unchanged. 0.8 takes most of the gain and keeps a clearly better match in the
   * other script first (it needs a quarter more score, not half). The cost, in {@code
   * CrossVariantEvalTest}: xquad-zh's paragraphs asked for in Traditional, .984 to .978 recall@10.
   */
  static final float OTHER_SCRIPT_FACTOR = 0.8f;

  /**
   * {@code query} for the Chinese index, with the documents written in the other Chinese script
   * than the query's words ({@link HanVariants#scriptOf}; not the words it excludes nor its
   * filters' values) ranked at {@value #OTHER_SCRIPT_FACTOR} of
   * their score: folding lets 长春 find 長春, and among passages that match about as well, one
   * written the way the user writes comes first. A clearly better match in the other script still
   * ranks above. Unchanged when the query tells no script (激光) or no such document is indexed.
   */
  private Query preferScript(Query query, QuerySyntax.Node root) {
    String script = HanVariants.scriptOf(QuerySyntax.positiveText(root, true));
    if (script == null) {
      return query;
    }
    Term other = new Term(Fields.LANG, script.equals(Languages.SIMPLIFIED_CHINESE)
        ? Languages.TRADITIONAL_CHINESE : Languages.SIMPLIFIED_CHINESE);
    try {
      if (reader.docFreq(other) == 0) {
        return query;
      }
    } catch (IOException e) {
      return query;
    }
    return FunctionScoreQuery.boostByQuery(query, new TermQuery(other), OTHER_SCRIPT_FACTOR);
  }

  /**
   * Every term a CJK analyzer can make of a query in ASCII letters that needs one of its words to
   * match ({@link LatinTerms}), or null for any other query.
   */
  private static Set<String> latinCandidates(String query, QuerySyntax.Parsed parsed) {
    if (!LatinTerms.isAscii(query)) {
      return null;
    }
    List<String> words = LatinTerms.positiveText(parsed.root());
    return words == null || words.isEmpty() ? null : LatinTerms.candidates(String.join(" ", words));
  }

  /** True when a text or bigram field of {@code lang} holds one of {@code terms} (or when unsure). */
  private boolean holdsAny(String lang, Set<String> terms) {
    try {
      for (org.apache.lucene.index.LeafReaderContext leaf : reader.leaves()) {
        for (String field : List.of(Fields.text(lang), Fields.bigrams(lang))) {
          org.apache.lucene.index.Terms t = leaf.reader().terms(field);
          if (t == null) {
            continue;
          }
          org.apache.lucene.index.TermsEnum e = t.iterator();
          for (String term : terms) {
            if (e.seekExact(new org.apache.lucene.util.BytesRef(term))) {
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
   * Why a search that found nothing could not search some languages at all: the query's words
   * that each such language drops as stop words, with those languages, in query order. German
   * {@code würde}, English {@code will}, Spanish {@code era} are too common there to be indexed,
   * so a search for Würde (dignity) has nothing to look for in German text. A language where
   * some word is left to search ({@code the xyzzy}), one the query's {@code lang:} filter leaves
   * out, words the query excludes, and the CJK languages (their bigram fields index every
   * character) give nothing here.
   */
  public Map<String, List<String>> stopWords(SearchRequest request) {
    Map<String, List<String>> dropped = new java.util.LinkedHashMap<>();
    QuerySyntax.Parsed parsed;
    try {
      parsed = QuerySyntax.parse(request.query(), true);
    } catch (RuntimeException e) {
      return dropped;
    }
    String[] words = QuerySyntax.positiveText(parsed.root(), true).strip().split("\\s+");
    Set<String> filtered = languageFilter(parsed.root());
    for (String lang : plan(request).languages()) {
      if (Languages.isCjk(lang) || (filtered != null && !filtered.contains(lang))
          || new QueryCompiler(lang, analyzer(lang), bigramAnalyzer(lang), parsed, false).compileTop(parsed.root()) != null) {
        continue;
      }
      for (String w : words) {
        String word = w.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "");
        if (word.codePoints().anyMatch(Character::isLetter) && Terms.of(analyzer(lang), Fields.text(lang), word).isEmpty()) {
          List<String> in = dropped.computeIfAbsent(word, k -> new ArrayList<>());
          if (!in.contains(lang)) {
            in.add(lang);
          }
        }
      }
    }
    return dropped;
  }

  /** The index languages a {@code lang:} filter of the whole query restricts it to, or null when none does. */
  private static Set<String> languageFilter(QuerySyntax.Node root) {
    List<QuerySyntax.Node> restricting = root instanceof QuerySyntax.Bool b
        ? b.clauses().stream().filter(c -> c.occur() != Occur.MUST_NOT && c.occur() != Occur.SHOULD)
            .map(QuerySyntax.Clause::node).toList()
        : List.of(root);
    Set<String> langs = null;
    for (QuerySyntax.Node n : restricting) {
      if (n instanceof QuerySyntax.Filter f && f.field().equals("lang")) {
        langs = langs == null ? new java.util.HashSet<>() : langs;
        for (String v : f.value().split(",")) {
          langs.add(Languages.indexLanguage(v.strip()));
        }
      }
    }
    return langs;
  }

  /**
   * Runs {@code request}.
   *
   * @throws ParkdocException when the query is malformed (and not lenient)
   */
  public SearchResults search(SearchRequest request) {
    Plan plan = plan(request);
    if (plan.query() == null) {
      return new SearchResults(0, true, List.of(), plan.languages(), false);
    }
    try {
      int n = Math.max(1, request.offset() + request.limit());
      TopDocs top = searcher.search(plan.query(), n);
      boolean relaxed = false;
      if (top.totalHits.value() == 0 && !plan.natural()) {
        // No document holds every word: rank those holding most of them, each word still whole
        // (so 水素 still never matches a text with only 素).
        Plan second = plan(request, true);
        if (second.query() != null && !second.query().equals(plan.query())) {
          plan = second;
          top = searcher.search(plan.query(), n);
          relaxed = top.totalHits.value() > 0;
        }
      }
      ScoreDoc[] page = java.util.Arrays.copyOfRange(top.scoreDocs,
          Math.min(request.offset(), top.scoreDocs.length), top.scoreDocs.length);
      List<Hit> hits = new ArrayList<>(page.length);
      Map<Integer, List<Snippet>> snippets = highlight(plan, page, request.passages());
      for (int i = 0; i < page.length; i++) {
        Document d = searcher.storedFields().document(page[i].doc, Set.of(Fields.PATH, Fields.LANG, Fields.TITLE));
        hits.add(new Hit(request.offset() + i + 1, d.get(Fields.PATH), d.get(Fields.LANG), page[i].score,
            d.get(Fields.TITLE), snippets.getOrDefault(page[i].doc, List.of()), page[i].doc));
      }
      return new SearchResults(top.totalHits.value(), top.totalHits.relation() == TotalHits.Relation.EQUAL_TO,
          hits, plan.languages(), relaxed);
    } catch (IOException e) {
      throw new ParkdocException("cannot read the index: " + e.getMessage(), e);
    }
  }

  private Map<Integer, List<Snippet>> highlight(Plan plan, ScoreDoc[] page, int passages) throws IOException {
    Map<Integer, List<Snippet>> out = new java.util.HashMap<>();
    if (page.length == 0 || passages <= 0) {
      return out;
    }
    Highlighter highlighter = highlighter(plan, SentenceBreaker::new, new SnippetFormatter());
    String[] fields = plan.languages().stream().map(Fields::text).toArray(String[]::new);
    int[] docIds = new int[page.length];
    for (int i = 0; i < page.length; i++) {
      docIds[i] = page[i].doc;
    }
    int[] max = new int[fields.length];
    java.util.Arrays.fill(max, passages);
    Map<String, Object[]> byField = highlighter.highlight(fields, plan.query(), docIds, max);
    for (Object[] perDoc : byField.values()) {
      for (int i = 0; i < perDoc.length; i++) {
        if (perDoc[i] instanceof List<?> list && !list.isEmpty()) {
          @SuppressWarnings("unchecked")
          List<Snippet> s = (List<Snippet>) list;
          out.put(docIds[i], s);
        }
      }
    }
    return out;
  }

  private Highlighter highlighter(Plan plan, Supplier<BreakIterator> breaks, PassageFormatter formatter) {
    return new Highlighter(UnifiedHighlighter.builder(searcher, highlightAnalyzer())
        .withMaxLength(Integer.MAX_VALUE - 1)
        .withBreakIterator(breaks)
        .withFormatter(formatter)
        // Highlight bigram (substring) matches in the text they came from; not for sentences,
        // whose every shared pair of characters would light up.
        .withMaskedFieldsFunc(field -> {
          String lang = Fields.languageOf(field);
          return !plan.natural() && lang != null && Languages.isCjk(lang) ? Set.of(Fields.bigrams(lang)) : Set.of();
        }));
  }

  /** Opens up {@code highlightFieldsAsObjects}, which returns the formatter's objects (our snippets). */
  private static final class Highlighter extends UnifiedHighlighter {
    Highlighter(UnifiedHighlighter.Builder builder) {
      super(builder);
    }

    Map<String, Object[]> highlight(String[] fields, Query query, int[] docIds, int[] maxPassages) throws IOException {
      return highlightFieldsAsObjects(fields, query, docIds, maxPassages);
    }
  }

  /** Analyzers by field, for the highlighter; it reads offsets from postings and rarely needs them. */
  private Analyzer highlightAnalyzer() {
    return new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
      @Override
      protected Analyzer getWrappedAnalyzer(String fieldName) {
        String lang = Fields.languageOf(fieldName);
        if (lang == null) {
          return new StandardAnalyzer();
        }
        return fieldName.equals(Fields.bigrams(lang)) ? bigramAnalyzer(lang) : analyzer(lang);
      }
    };
  }

  /** The stored text and metadata of document {@code docId}, for the shell's {@code :open}. */
  public Document document(int docId) {
    try {
      return searcher.storedFields().document(docId);
    } catch (IOException e) {
      throw new ParkdocException("cannot read the index: " + e.getMessage(), e);
    }
  }

  /**
   * The whole text of document {@code docId}, a hit of {@code request}, with every place the
   * request matches marked, as in its snippets (for the shell's {@code :open}).
   *
   * @param relaxed whether the hit came from the relaxed second try ({@link SearchResults#relaxed()})
   */
  public FullText fullText(SearchRequest request, boolean relaxed, int docId) {
    Document d = stored(docId);
    String field = Fields.text(Languages.indexLanguage(d.get(Fields.LANG)));
    String text = d.get(field) == null ? "" : d.get(field);
    List<Snippet.Span> spans = List.of();
    Plan plan = plan(request, relaxed);
    if (plan.query() != null && plan.languages().contains(Fields.languageOf(field))) {
      try {
        Object[] perDoc = highlighter(plan, WholeBreakIterator::new, new WholeTextFormatter())
            .highlight(new String[] {field}, plan.query(), new int[] {docId}, new int[] {1}).get(field);
        if (perDoc != null && perDoc[0] instanceof List<?> list) {
          @SuppressWarnings("unchecked")
          List<Snippet.Span> s = (List<Snippet.Span>) list;
          spans = s;
        }
      } catch (IOException e) {
        throw new ParkdocException("cannot read the index: " + e.getMessage(), e);
      }
    }
    return new FullText(d.get(Fields.PATH), d.get(Fields.LANG), d.get(Fields.TITLE), text, spans);
  }

  /** Formats the one passage of a whole document as its match spans, merged where they overlap. */
  private static final class WholeTextFormatter extends PassageFormatter {
    @Override
    public Object format(Passage[] passages, String content) {
      List<Snippet.Span> spans = new ArrayList<>();
      for (Passage p : passages) {
        for (int m = 0; m < p.getNumMatches(); m++) {
          int start = p.getMatchStarts()[m];
          int end = p.getMatchEnds()[m];
          Snippet.Span last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
          if (last != null && start <= last.end()) {
            spans.set(spans.size() - 1, new Snippet.Span(last.start(), Math.max(last.end(), end)));
          } else if (end > start) {
            spans.add(new Snippet.Span(start, end));
          }
        }
      }
      return spans;
    }
  }

  /**
   * Why document {@code docId}, a hit of {@code request}, matched: the terms it matched in which
   * field, and the parts of its score (Lucene's {@code IndexSearcher.explain}).
   *
   * @param relaxed whether the hit came from the relaxed second try ({@link SearchResults#relaxed()})
   */
  public MatchExplanation explain(SearchRequest request, boolean relaxed, int docId) {
    Plan plan = plan(request, relaxed);
    Document d = stored(docId);
    String text = d.get(Fields.text(Languages.indexLanguage(d.get(Fields.LANG))));
    if (plan.query() == null) {
      return new MatchExplanation(d.get(Fields.PATH), d.get(Fields.LANG), false, List.of(),
          new MatchExplanation.ScorePart(0, "the query has no words this document's language can match", List.of()));
    }
    try {
      Query query = searcher.rewrite(plan.query());
      Explanation score = searcher.explain(query, docId);
      Weight weight = searcher.createWeight(query, ScoreMode.COMPLETE_NO_SCORES, 1f);
      List<LeafReaderContext> leaves = reader.leaves();
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docId, leaves));
      Matches matches = weight.matches(leaf, docId - leaf.docBase);
      List<MatchExplanation.FieldMatch> found = new ArrayList<>();
      if (matches != null) {
        for (String field : matches) {
          if (Fields.languageOf(field) == null) {
            continue; // lang: and path: filters
          }
          found.addAll(fieldMatches(field, matches.getMatches(field), text));
        }
      }
      return new MatchExplanation(d.get(Fields.PATH), d.get(Fields.LANG), score.isMatch(), found, scorePart(score));
    } catch (IOException e) {
      throw new ParkdocException("cannot read the index: " + e.getMessage(), e);
    }
  }

  /** The matches in one field, grouped by the query clause that made them. */
  private static List<MatchExplanation.FieldMatch> fieldMatches(String field, MatchesIterator it, String text) throws IOException {
    Map<String, Integer> counts = new java.util.LinkedHashMap<>();
    Map<String, Set<String>> texts = new java.util.LinkedHashMap<>();
    while (it != null && it.next()) {
      String clause = it.getQuery() == null ? "?" : it.getQuery().toString(field);
      counts.merge(clause, 1, Integer::sum);
      Set<String> seen = texts.computeIfAbsent(clause, k -> new LinkedHashSet<>());
      int start = it.startOffset();
      int end = it.endOffset();
      if (text != null && start >= 0 && end <= text.length() && start < end && seen.size() < MatchExplanation.MAX_TEXTS) {
        seen.add(text.substring(start, end));
      }
    }
    List<MatchExplanation.FieldMatch> out = new ArrayList<>();
    counts.forEach((clause, n) -> out.add(new MatchExplanation.FieldMatch(field, clause, n, List.copyOf(texts.get(clause)))));
    return out;
  }

  private static MatchExplanation.ScorePart scorePart(Explanation e) {
    List<MatchExplanation.ScorePart> details = new ArrayList<>();
    for (Explanation sub : e.getDetails()) {
      details.add(scorePart(sub));
    }
    return new MatchExplanation.ScorePart(e.getValue().floatValue(), e.getDescription(), details);
  }

  private Document stored(int docId) {
    if (docId < 0 || docId >= reader.maxDoc()) {
      throw new ParkdocException("no document " + docId + " in this index (it changed since the search?)");
    }
    try {
      return searcher.storedFields().document(docId);
    } catch (IOException e) {
      throw new ParkdocException("cannot read the index: " + e.getMessage(), e);
    }
  }

  /**
   * False when the index on disk changed since this searcher opened it: documents added, updated
   * or removed, or a language added. Cheap enough to ask before every query.
   */
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
  public IndexStatus status() {
    Map<String, Long> perLang = new java.util.TreeMap<>();
    long sourceBytes = 0;
    try {
      for (org.apache.lucene.index.LeafReaderContext leaf : reader.leaves()) {
        var stored = leaf.reader().storedFields();
        var live = leaf.reader().getLiveDocs();
        for (int i = 0; i < leaf.reader().maxDoc(); i++) {
          if (live != null && !live.get(i)) {
            continue;
          }
          Document d = stored.document(i, Set.of(Fields.LANG, Fields.SIZE));
          perLang.merge(d.get(Fields.LANG), 1L, Long::sum);
          sourceBytes += d.getField(Fields.SIZE).numericValue().longValue();
        }
      }
    } catch (IOException e) {
      throw new ParkdocException("cannot read the index: " + e.getMessage(), e);
    }
    Map<String, Long> sorted = new java.util.LinkedHashMap<>();
    perLang.entrySet().stream()
        .sorted((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey()) : Long.compare(b.getValue(), a.getValue()))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return new IndexStatus(layout.root(), reader.numDocs(), sorted, layout.diskBytes(), sourceBytes);
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      // read-only: nothing is lost
    }
    for (Analyzer a : analyzers.values()) {
      a.close();
    }
  }
}
