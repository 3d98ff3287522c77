package io.parkdoc.backend.solr;

import io.parkdoc.backend.lucene.KnownItem;
import io.parkdoc.backend.lucene.PageIndex;
import io.parkdoc.backend.lucene.QueryBuilder;
import io.parkdoc.core.FullText;
import io.parkdoc.core.Hit;
import io.parkdoc.core.IndexLocation;
import io.parkdoc.core.IndexStatus;
import io.parkdoc.core.IndexedDocument;
import io.parkdoc.core.MatchExplanation;
import io.parkdoc.core.ParkdocException;
import io.parkdoc.core.SearchBackend;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.SearchResults;
import io.parkdoc.core.Snippet;
import io.parkdoc.core.analysis.AnalyzerCache;
import io.parkdoc.core.analysis.Fields;
import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.detect.LanguageParts;
import io.parkdoc.core.query.QueryPlan;
import io.parkdoc.core.query.translate.PlanTranslation;
import io.parkdoc.core.query.translate.QueryTranslation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.Query;

/**
 * Searching parkdoc's collection on a SolrCloud cluster, as the local index is searched: the query
 * is compiled by parkdoc from its own analyzers ({@link QueryBuilder}) and run unchanged inside
 * Solr by parkdoc's plugin ({@code {!parkdoc}}), ranked by BM25 with the whole collection's
 * statistics ({@code ExactStatsCache}); the passages are cut by parkdoc from the hits' stored text
 * ({@link PageIndex}), so hits, order and passages are those of a local index of the same files. A
 * node that is down is skipped ({@link SolrHttp}). Thread-safe.
 */
public final class SolrBackend implements SearchBackend {
  /** How long the languages read at opening are trusted before {@link #isCurrent} says reopen. */
  private static final long FRESH_MILLIS = 10_000;

  private final SolrHttp http;
  private final String collection;
  private final IndexLocation location;
  private final AnalyzerCache analyzers = new AnalyzerCache();
  private final QueryBuilder base = new QueryBuilder(null, analyzers);
  private final List<String> languages;
  private final long documents;
  private final long openedAt = System.currentTimeMillis();

  private SolrBackend(SolrHttp http, IndexLocation location) {
    this.http = http;
    this.collection = http.location().collection();
    this.location = location;
    http.discoverNodes();
    if (!new SolrAdmin(http).collections().contains(collection)) {
      throw new ParkdocException(
          "no collection '"
              + collection
              + "' on the Solr cluster at "
              + http.location().node()
              + "; create it with: parkdoc --index "
              + http.location()
              + " solr init");
    }
    Map<String, Object> r =
        select("q", "*:*", "fq", "lang:*", "rows", "0", "facet", "true", "facet.field", "ilang");
    documents =
        SolrJson.number(
            SolrJson.map(select("q", "*:*", "fq", "main:1", "rows", "0"), "response"),
            "numFound",
            0);
    List<Object> counts =
        SolrJson.list(SolrJson.map(SolrJson.map(r, "facet_counts"), "facet_fields"), "ilang");
    List<String> present = new ArrayList<>();
    for (int i = 0; i + 1 < counts.size(); i += 2) {
      if (((Number) counts.get(i + 1)).longValue() > 0) {
        present.add(String.valueOf(counts.get(i)));
      }
    }
    List<String> ordered = new ArrayList<>();
    for (String lang : Languages.indexLanguages()) {
      if (present.contains(lang)) {
        ordered.add(lang);
      }
    }
    languages = List.copyOf(ordered);
  }

  /**
   * Opens the collection at {@code location} for searching.
   *
   * @throws ParkdocException when the cluster cannot be reached or has no such collection
   */
  public static SolrBackend open(SolrLocation where, IndexLocation location) {
    return new SolrBackend(new SolrHttp(where), location);
  }

  private Map<String, Object> select(String... params) {
    return http.get("/" + collection + "/select", params);
  }

  /** POSTs the parameters as a form: a query's JSON can be longer than a URL may be. */
  private Map<String, Object> selectPost(Map<String, String> params) {
    StringBuilder body = new StringBuilder();
    params.forEach(
        (k, v) ->
            body.append(body.isEmpty() ? "" : "&")
                .append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8))
                .append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
    return http.post(
        "/" + collection + "/select",
        "application/x-www-form-urlencoded",
        body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public List<String> languages() {
    return languages;
  }

  @Override
  public long documents() {
    return documents;
  }

  /**
   * The query builder for one search: the collection's document frequencies of the query's terms
   * decide which terms a long query keeps, as the local index's do ({@link SolrDocFreqs}).
   */
  private QueryBuilder builder(QueryPlan plan) {
    return base.withDocFreq(new SolrDocFreqs(http, collection, analyzers, plan, languages));
  }

  /** What a search asks of Solr: the hits' keys, scores and stored text. */
  private static final String FIELDS =
      "path,lang,ilang,mainlang,main,langs,parts,title,size,mtime,hash,encoding,score,text_*";

  /**
   * What {@code plan}'s query becomes in the collection's other languages, or null (as locally).
   */
  private QueryTranslation translate(QueryPlan plan) {
    return SolrTranslations.translate(http, collection, analyzers, plan, languages);
  }

  /** {@code langs} and the languages translations were searched in, in the collection's order. */
  private List<String> withTranslated(List<String> langs, Map<String, Query> translated) {
    return QueryBuilder.withTranslated(languages, langs, translated);
  }

  /**
   * Searches as {@code LuceneSearcher.search} does, step for step: the query with its translations
   * beside it, the second tries (every language of the script, then relaxed), the passages
   * highlighted with what was typed and its translations.
   */
  @Override
  public SearchResults search(SearchRequest request) {
    QueryPlan plan = QueryPlan.of(request);
    QueryBuilder builder = builder(plan);
    QueryBuilder.First first = builder.first(plan, languages, translate(plan));
    Query query = first.query();
    List<String> typed = first.typed();
    List<String> widerLangs = first.wider();
    Map<String, Query> strict = first.strict();
    Map<String, Query> translated = first.translated();
    QueryTranslation translation = first.translation();
    Set<String> sources = PlanTranslation.sources(translation);
    List<String> langs = first.languages();
    if (query == null) {
      return new SearchResults(
          0, true, List.of(), langs, false, builder.stopWords(plan, typed, strict), translation);
    }
    // Pasted text: the files the known-item order looks at, whatever page of them is asked for
    // (KnownItem, as locally), then the page.
    String pasted = KnownItem.pasted(plan);
    int wanted = request.offset() + request.limit();
    int offset = pasted == null ? request.offset() : 0;
    int rows = pasted == null ? request.limit() : Math.max(wanted, KnownItem.WINDOW);
    boolean text = request.passages() > 0 || pasted != null;
    Map<String, Object> r = run(query, offset, rows, text);
    long total = SolrJson.number(SolrJson.map(r, "response"), "numFound", 0);
    boolean relaxed = false;
    List<String> wider =
        total == 0 && widerLangs == null ? plan.widerLanguagesAmong(languages) : null;
    if (wider != null) {
      // The languages its stop words chose have nothing: every language of its script, as the
      // local index does (a Romanian question sent to Italian by "era" and "care").
      Query again = builder.build(plan, wider, false, new HashMap<>());
      if (again != null) {
        Map<String, Object> more = run(again, offset, rows, text);
        long found = SolrJson.number(SolrJson.map(more, "response"), "numFound", 0);
        if (found > 0) {
          query = again;
          r = more;
          total = found;
          typed = wider;
          langs = withTranslated(typed, translated);
        }
      }
    }
    if (total == 0 && !plan.natural()) {
      // No document holds every word: rank those holding most of them (as the local index does).
      Query second =
          builder.build(
              plan,
              typed,
              true,
              new HashMap<>(),
              builder.translatedQueries(plan, translation, true),
              sources);
      if (second != null && !second.equals(query)) {
        query = second;
        r = run(query, offset, rows, text);
        total = SolrJson.number(SolrJson.map(r, "response"), "numFound", 0);
        relaxed = total > 0;
      }
    }
    List<Object> docs = SolrJson.list(SolrJson.map(r, "response"), "docs");
    if (pasted != null) {
      docs =
          knownItem(
              docs,
              pasted,
              KnownItem.phraseCandidates(plan) ? builder.exact(plan, typed, languages) : null);
      docs = docs.subList(Math.min(request.offset(), docs.size()), Math.min(wanted, docs.size()));
    }
    List<IndexedDocument> page = new ArrayList<>();
    for (Object d : docs) {
      page.add(file(List.of(d))); // the file's best part: the one its passages come from
    }
    Map<String, List<Snippet>> snippets = Map.of();
    if (request.passages() > 0 && !page.isEmpty()) {
      // highlighted with the query's words only, without its ranking bonuses, as locally
      Query matches =
          builder.highlightQuery(
              plan,
              typed,
              relaxed,
              relaxed ? builder.translatedQueries(plan, translation, true) : translated,
              sources);
      try (PageIndex index = PageIndex.of(page, analyzers)) {
        snippets =
            index.snippets(
                matches == null ? query : matches, langs, plan.natural(), request.passages());
      }
    }
    List<Hit> hits = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      Object d = docs.get(i);
      String path = SolrJson.string(d, "path");
      String langsField = SolrJson.string(d, "langs");
      hits.add(
          new Hit(
              request.offset() + i + 1,
              path,
              mainLanguage(d),
              ((Number) ((Map<?, ?>) d).get("score")).floatValue(),
              SolrJson.string(d, "title"),
              snippets.getOrDefault(path, List.of()),
              langsField != null
                  ? List.of(langsField.split(","))
                  : List.of(SolrJson.string(d, "lang"))));
    }
    Map<String, List<String>> stopWords =
        total == 0 ? builder.stopWords(plan, typed, strict) : Map.of();
    return new SearchResults(total, true, hits, langs, relaxed, stopWords, translation);
  }

  /**
   * {@code best} (one part per file, best first, with their text) in the known-item order of {@link
   * KnownItem#rerank}: the files holding {@code pasted} word for word first, those where it stands
   * as a whole sentence or line before those where it is part of a longer one, each in BM25 order,
   * a moved file's score raised above those it passed; looked at are the first {@link
   * KnownItem#WINDOW} files (their whole text: one request each) and the first {@link
   * KnownItem#PHRASE_WINDOW} parts {@code exact} finds (one request).
   */
  private List<Object> knownItem(List<Object> best, String pasted, Query exact) {
    if (best.isEmpty()) {
      return best;
    }
    int window = Math.min(KnownItem.WINDOW, best.size());
    float top = score(best.get(0));
    Map<String, Object> candidates = new LinkedHashMap<>();
    for (int i = 0; i < window; i++) {
      candidates.put(SolrJson.string(best.get(i), "path"), best.get(i));
    }
    Set<String> ranked = new java.util.HashSet<>(candidates.keySet());
    if (exact != null) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("q", SolrQueries.solr(exact));
      params.put("solr.stats.fields", statsFields());
      params.put("fl", FIELDS);
      params.put("rows", String.valueOf(KnownItem.PHRASE_WINDOW));
      params.put("wt", "json");
      for (Object d : SolrJson.list(SolrJson.map(selectPost(params), "response"), "docs")) {
        // known only by the phrase: after the files of its tier that the words ranked
        candidates.putIfAbsent(SolrJson.string(d, "path"), withScore(d, 0));
      }
    }
    List<List<Object>> tiers = List.of(new ArrayList<>(), new ArrayList<>());
    Set<String> moved = new java.util.HashSet<>();
    for (var e : candidates.entrySet()) {
      String text;
      if (ranked.contains(e.getKey())) {
        List<String> texts = new ArrayList<>();
        for (IndexedDocument.Part part : file(parts(e.getKey())).parts()) {
          if (!part.text().isEmpty()) {
            texts.add(part.text());
          }
        }
        text = texts.size() == 1 ? texts.get(0) : LanguageParts.overlay(texts);
      } else {
        text = file(List.of(e.getValue())).parts().get(0).text();
      }
      int tier = KnownItem.tier(pasted, text);
      if (tier > 0) {
        Object d = e.getValue();
        tiers.get(2 - tier).add(withScore(d, score(d) + tier * (top + 1)));
        moved.add(e.getKey());
      }
    }
    if (moved.isEmpty()) {
      return best;
    }
    List<Object> out = new ArrayList<>();
    tiers.forEach(out::addAll);
    for (Object d : best) {
      if (!moved.contains(SolrJson.string(d, "path"))) {
        out.add(d);
      }
    }
    return out;
  }

  private static float score(Object d) {
    return ((Number) ((Map<?, ?>) d).get("score")).floatValue();
  }

  private static Object withScore(Object d, float score) {
    Map<Object, Object> copy = new LinkedHashMap<>((Map<?, ?>) d);
    copy.put("score", score);
    return copy;
  }

  /**
   * The fields whose collection statistics every shard must report ({@code ExactStatsCache}'s
   * {@code solr.stats.fields}): a shard reports them only for the fields a query's weights ask
   * about there, and a phrase whose word a shard lacks asks nothing, so BM25 would otherwise count
   * the documents of only the shards that hold the word (measured: N 1307 instead of 2563).
   */
  private String statsFields() {
    List<String> fields = new ArrayList<>();
    for (String lang : languages) {
      fields.add(Fields.text(lang));
      if (Languages.isCjk(lang)) {
        fields.add(Fields.bigrams(lang));
      }
    }
    return String.join("!", fields);
  }

  /** Runs {@code query}; the hits' text comes along only {@code withText} (for passages). */
  private Map<String, Object> run(Query query, int offset, int limit, boolean withText) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("q", SolrQueries.solr(query));
    params.put("solr.stats.fields", statsFields());
    // One hit per file, scored as its best part (the parts of a file are on one shard).
    params.put("fq", "{!collapse field=path}");
    params.put("fl", withText ? FIELDS : FIELDS.replace(",text_*", ""));
    params.put("start", String.valueOf(offset));
    params.put("rows", String.valueOf(Math.max(1, limit)));
    params.put("wt", "json");
    return selectPost(params);
  }

  private static String mainLanguage(Object d) {
    String main = SolrJson.string(d, "mainlang");
    return main != null ? main : SolrJson.string(d, "lang");
  }

  /** A file from (some of) its parts as Solr returned them, in the shape the local index stores. */
  private static IndexedDocument file(List<Object> parts) {
    Object first = parts.get(0);
    List<IndexedDocument.Part> out = new ArrayList<>();
    for (Object d : parts) {
      String indexLang = SolrJson.string(d, "ilang");
      String text = SolrJson.string(d, Fields.text(indexLang));
      out.add(
          new IndexedDocument.Part(
              SolrJson.string(d, "lang"), indexLang, text == null ? "" : text));
    }
    return new IndexedDocument(
        SolrJson.string(first, "path"),
        mainLanguage(first),
        nonNull(SolrJson.string(first, "title")),
        SolrJson.number(first, "size", 0),
        SolrJson.number(first, "mtime", -1),
        nonNull(SolrJson.string(first, "hash")),
        nonNull(SolrJson.string(first, "encoding")),
        out);
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  /** Every part of the file at {@code path}, its main part first, or an error saying it is gone. */
  private List<Object> parts(String path) {
    Map<String, Object> r =
        select("q", "{!term f=path}" + path, "fl", FIELDS.replace(",score", ""), "rows", "1000");
    List<Object> parts = new ArrayList<>(SolrJson.list(SolrJson.map(r, "response"), "docs"));
    if (parts.isEmpty()) {
      throw new ParkdocException(
          "no document for " + path + " in the collection (it changed since the search?)");
    }
    parts.sort(java.util.Comparator.comparing(d -> SolrJson.string(d, "main") == null));
    return parts;
  }

  @Override
  public FullText fullText(SearchRequest request, boolean relaxed, String path) {
    IndexedDocument d = file(parts(path));
    QueryPlan plan = QueryPlan.of(request);
    QueryBuilder builder = builder(plan);
    QueryTranslation translation = translate(plan);
    Map<String, Query> translated = builder.translatedQueries(plan, translation, relaxed);
    List<String> typed = plan.languagesAmong(languages);
    List<String> langs = withTranslated(typed, translated);
    Query query =
        builder.highlightQuery(
            plan, typed, relaxed, translated, PlanTranslation.sources(translation));
    List<String> texts = new ArrayList<>();
    List<Snippet.Span> spans = new ArrayList<>();
    try (PageIndex index = PageIndex.of(List.of(d), analyzers)) {
      for (IndexedDocument.Part part : d.parts()) {
        texts.add(part.text());
        if (query != null && langs.contains(part.indexLang())) {
          spans.addAll(index.spans(query, plan.natural(), path, part.indexLang()));
        }
      }
    }
    spans.sort(java.util.Comparator.comparingInt(Snippet.Span::start));
    return new FullText(
        d.path(), d.lang(), d.title(), LanguageParts.overlay(texts), List.copyOf(spans));
  }

  @Override
  public MatchExplanation explain(SearchRequest request, boolean relaxed, String path) {
    List<Object> parts = parts(path);
    IndexedDocument d = file(parts);
    QueryPlan plan = QueryPlan.of(request);
    QueryBuilder builder = builder(plan);
    QueryTranslation translation = translate(plan);
    Query query =
        builder.build(
            plan,
            plan.languagesAmong(languages),
            relaxed,
            new HashMap<>(),
            builder.translatedQueries(plan, translation, relaxed),
            PlanTranslation.sources(translation));
    if (query == null) {
      return new MatchExplanation(
          d.path(),
          d.lang(),
          false,
          List.of(),
          new MatchExplanation.ScorePart(
              0, "the query has no words this document's language can match", List.of()));
    }
    // The score's parts from Solr (the collection's statistics), for the part that matches best:
    // the one the hit came from; the matched terms from its text.
    Map<String, String> params = new LinkedHashMap<>();
    params.put("q", SolrQueries.solr(query));
    params.put("solr.stats.fields", statsFields());
    params.put("fq", "{!term f=path}" + path);
    params.put("fl", "id,ilang,score");
    params.put("debug", "results");
    params.put("debug.explain.structured", "true");
    params.put("rows", "1");
    Map<String, Object> r = selectPost(params);
    List<Object> best = SolrJson.list(SolrJson.map(r, "response"), "docs");
    String indexLang =
        best.isEmpty() ? d.parts().get(0).indexLang() : SolrJson.string(best.get(0), "ilang");
    Object mine =
        best.isEmpty()
            ? null
            : SolrJson.map(SolrJson.map(r, "debug"), "explain")
                .get(SolrJson.string(best.get(0), "id"));
    MatchExplanation.ScorePart score =
        mine == null ? new MatchExplanation.ScorePart(0, "no match", List.of()) : scorePart(mine);
    List<MatchExplanation.FieldMatch> found;
    try (PageIndex index = PageIndex.of(List.of(d), analyzers)) {
      found = index.matches(query, path, indexLang);
    }
    return new MatchExplanation(d.path(), d.lang(), mine != null, found, score);
  }

  private static MatchExplanation.ScorePart scorePart(Object e) {
    List<MatchExplanation.ScorePart> details = new ArrayList<>();
    for (Object sub : SolrJson.list(e, "details")) {
      details.add(scorePart(sub));
    }
    Object value = ((Map<?, ?>) e).get("value");
    return new MatchExplanation.ScorePart(
        value instanceof Number n ? n.floatValue() : 0, SolrJson.string(e, "description"), details);
  }

  @Override
  public IndexStatus status() {
    Map<String, Object> files =
        select(
            "q",
            "*:*",
            "fq",
            "main:1",
            "rows",
            "0",
            "facet",
            "true",
            "facet.field",
            "mainlang",
            "stats",
            "true",
            "stats.field",
            "size");
    Map<String, Object> parts =
        select("q", "*:*", "fq", "lang:*", "rows", "0", "facet", "true", "facet.field", "lang");
    long docs = SolrJson.number(SolrJson.map(files, "response"), "numFound", 0);
    Object sum =
        ((Map<?, ?>)
                SolrJson.map(SolrJson.map(files, "stats"), "stats_fields")
                    .getOrDefault("size", Map.of()))
            .get("sum");
    long sourceBytes = sum instanceof Number n ? n.longValue() : 0;
    SolrAdmin admin = new SolrAdmin(http);
    List<String> cluster = new ArrayList<>();
    for (SolrAdmin.Shard shard : admin.shards()) {
      StringBuilder line = new StringBuilder(shard.name() + " " + shard.state() + ":");
      for (SolrAdmin.Replica replica : shard.replicas()) {
        line.append(' ')
            .append(replica.node())
            .append(' ')
            .append(replica.live() ? replica.state() : "down (node gone)")
            .append(replica.leader() ? " (leader)" : "");
      }
      cluster.add(line.toString());
    }
    return new IndexStatus(
        location,
        docs,
        facet(files, "mainlang"),
        admin.indexBytes(),
        sourceBytes,
        facet(parts, "lang"),
        cluster);
  }

  /** A facet's counts, largest first and then by name, as the local index orders them. */
  private static Map<String, Long> facet(Map<String, Object> r, String field) {
    List<Object> counts =
        SolrJson.list(SolrJson.map(SolrJson.map(r, "facet_counts"), "facet_fields"), field);
    List<Map.Entry<String, Long>> entries = new ArrayList<>();
    for (int i = 0; i + 1 < counts.size(); i += 2) {
      long n = ((Number) counts.get(i + 1)).longValue();
      if (n > 0) {
        entries.add(Map.entry(String.valueOf(counts.get(i)), n));
      }
    }
    entries.sort(
        (a, b) ->
            a.getValue().equals(b.getValue())
                ? a.getKey().compareTo(b.getKey())
                : Long.compare(b.getValue(), a.getValue()));
    Map<String, Long> out = new LinkedHashMap<>();
    entries.forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /**
   * Whether the languages read at opening can still be trusted. Solr shows every commit to the next
   * query by itself; only the list of languages present is read once, so after a few seconds a
   * front end is told to reopen (two small requests).
   */
  @Override
  public boolean isCurrent() {
    return System.currentTimeMillis() - openedAt < FRESH_MILLIS;
  }

  @Override
  public void warm() {
    for (String lang : languages) {
      analyzers.analyzer(lang);
    }
  }

  @Override
  public void close() {
    analyzers.close();
  }
}
