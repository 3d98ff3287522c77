package io.parkdoc.core.query;

import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.analysis.HanVariants;
import io.parkdoc.core.analysis.Languages;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.search.BooleanClause.Occur;

/**
 * A search request read once: its parsed query and everything later steps decide from it, so that
 * no step parses the query again. Routing (which languages a query can be in), the {@code lang:}
 * filter, the words it asks for, the Chinese script it is written in, and the terms a Latin-letter
 * query can make in the CJK indices all come from here; a backend compiles the plan into its own
 * queries, once per language. Query translation belongs here too: it adds to what a plan asks for,
 * not to how a backend runs it. Immutable.
 *
 * @param request the request as given
 * @param parsed the parsed query
 * @param routed the index languages the query's text can be in, or null for any
 * @param languageFilter the index languages a {@code lang:} filter of the whole query allows, or
 *     null when it has none
 * @param latinTerms every term a CJK analyzer can make of a query in ASCII letters that needs one
 *     of its words to match ({@link LatinTerms}), or null for any other query
 * @param script the Chinese script the query's own words are written in ({@link
 *     HanVariants#scriptOf}), or null when they tell none
 */
public record QueryPlan(
    SearchRequest request,
    QuerySyntax.Parsed parsed,
    Set<String> routed,
    Set<String> languageFilter,
    Set<String> latinTerms,
    String script) {

  /**
   * Reads {@code request}.
   *
   * @throws io.parkdoc.core.ParkdocException when the query is malformed and the request is not
   *     lenient
   */
  public static QueryPlan of(SearchRequest request) {
    QuerySyntax.Parsed parsed = QuerySyntax.parse(request.query(), request.lenient());
    String positive = QuerySyntax.positiveText(parsed.root(), true);
    Set<String> latin = null;
    if (LatinTerms.isAscii(request.query())
        && QuerySyntax.onlyWords(parsed.root())
        && !positive.isBlank()) {
      latin = LatinTerms.candidates(positive.strip());
    }
    return new QueryPlan(
        request,
        parsed,
        QueryRouting.languagesFor(request.query(), parsed.natural()),
        languageFilter(parsed.root()),
        latin,
        HanVariants.scriptOf(positive));
  }

  /** The query's tree. */
  public QuerySyntax.Node root() {
    return parsed.root();
  }

  /** True when the query reads as natural text (its words are ORed and ranked). */
  public boolean natural() {
    return parsed.natural();
  }

  /**
   * The index languages among {@code indexed} that this plan searches: those the request's
   * languages allow and the routing leaves, in {@code indexed}'s order.
   */
  public List<String> languagesAmong(List<String> indexed) {
    Set<String> wanted = new HashSet<>();
    for (String l : request.languages()) {
      wanted.add(Languages.indexLanguage(l));
    }
    Set<String> routing =
        routed == null || !natural()
            ? routed
            : QueryRouting.languagesFor(request.query(), true, indexed);
    return indexed.stream()
        .filter(
            lang ->
                (wanted.isEmpty() || wanted.contains(lang))
                    && (routing == null || routing.contains(lang)))
        .toList();
  }

  /**
   * The index languages among {@code indexed} a natural query searches when those its stop words
   * chose match nothing: every language of its script. A Romanian question whose "era" and "care"
   * are Italian stop words goes to Italian, where a few stray paragraphs are indexed; finding
   * nothing there, it is searched in every Latin-script language. Null when there is no such second
   * try.
   */
  public List<String> widerLanguagesAmong(List<String> indexed) {
    if (!natural() || routed == null) {
      return null;
    }
    Set<String> wider = QueryRouting.languagesFor(request.query(), true, indexed, false);
    List<String> now = languagesAmong(indexed);
    List<String> out =
        indexed.stream()
            .filter(l -> wider == null || wider.contains(l))
            .filter(
                l ->
                    request.languages().isEmpty()
                        || request.languages().stream()
                            .anyMatch(r -> Languages.indexLanguage(r).equals(l)))
            .toList();
    return out.equals(now) ? null : out;
  }

  /**
   * The recorded languages (zh-Hans, zh-Hant) the request is limited to beyond its index languages,
   * or an empty list.
   */
  public List<String> recordedLanguages() {
    List<String> recorded = request.languages().stream().filter(l -> l.startsWith("zh-")).toList();
    return recorded.size() == request.languages().size() ? recorded : List.of();
  }

  /**
   * The words the query asks for (not those it excludes, nor its filters' values), split at spaces.
   */
  public List<String> positiveWords() {
    String text = QuerySyntax.positiveText(parsed.root(), true).strip();
    return text.isEmpty() ? List.of() : List.of(text.split("\\s+"));
  }

  /**
   * The index languages a {@code lang:} filter of the whole query restricts it to, or null when
   * none does.
   */
  private static Set<String> languageFilter(QuerySyntax.Node root) {
    List<QuerySyntax.Node> restricting =
        root instanceof QuerySyntax.Bool b
            ? b.clauses().stream()
                .filter(c -> c.occur() != Occur.MUST_NOT && c.occur() != Occur.SHOULD)
                .map(QuerySyntax.Clause::node)
                .toList()
            : List.of(root);
    Set<String> langs = null;
    for (QuerySyntax.Node n : restricting) {
      if (n instanceof QuerySyntax.Filter f && f.field().equals("lang")) {
        langs = langs == null ? new HashSet<>() : langs;
        for (String v : f.value().split(",")) {
          langs.add(Languages.indexLanguage(v.strip()));
        }
      }
    }
    return langs;
  }
}
