package io.parkdoc.core.query.translate;

import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.query.QueryPlan;
import io.parkdoc.core.query.QuerySyntax;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.BooleanClause.Occur;

/**
 * Which translations a search asks for: the one rule, shared by every backend, that decides from a
 * {@link QueryPlan} whether its query is translated, into which of an index's languages, and with
 * which words. The backend supplies only its document counts. Stateless.
 */
public final class PlanTranslation {
  private PlanTranslation() {}

  /**
   * What {@code plan}'s query becomes in the other languages among {@code indexLanguages} ({@link
   * Translator}), keeping only translations {@code df} says some document holds; null when the
   * request asks for none or the query is more than words (phrases, prefixes, filters and
   * exclusions are searched as typed).
   */
  public static QueryTranslation of(
      QueryPlan plan, List<String> indexLanguages, DocFrequencies df) {
    Set<String> targets = targets(plan, indexLanguages);
    if (targets.isEmpty()) {
      return null;
    }
    QueryTranslation t = Translator.bundled().translate(text(plan), null, targets, df);
    if (plan.natural()) {
      t = withoutVariants(t);
    }
    return t.isEmpty() ? null : t;
  }

  /**
   * {@code t} without the other Chinese standard's spellings of its Chinese words (信息 / 資訊): a
   * question or a sentence finds the pages of both standards by its many words as typed, and
   * rewriting them one by one (目前 -> 当前, 說明 -> 帮助, pairs mined from help pages) only added noise:
   * the relevance sets with translation on, all in one index, drcd .9641 -> .9635 and xquad.zh
   * .9543 -> .9539 nDCG@10 with questions rewritten so, as without the variants when not.
   */
  static QueryTranslation withoutVariants(QueryTranslation t) {
    List<QueryTranslation.Term> terms = new ArrayList<>();
    for (QueryTranslation.Term term : t.terms()) {
      Map<String, List<String>> targets = new LinkedHashMap<>(term.targets());
      targets.remove(term.sourceLang());
      terms.add(new QueryTranslation.Term(term.source(), term.sourceLang(), targets));
    }
    return new QueryTranslation(t.query(), terms);
  }

  /**
   * The languages among {@code indexLanguages} that {@code plan}'s query would be translated into;
   * empty when it is not translated at all.
   */
  public static Set<String> targets(QueryPlan plan, List<String> indexLanguages) {
    SearchRequest request = plan.request();
    Set<String> targets = new HashSet<>();
    if (!request.translate() || !wordsOnly(plan.root()) || !readable(plan, indexLanguages)) {
      return targets;
    }
    Set<String> wanted = new HashSet<>();
    for (String l : request.languages()) {
      wanted.add(Languages.indexLanguage(l));
    }
    for (String lang : indexLanguages) {
      if (Translator.LANGUAGES.contains(lang) && (wanted.isEmpty() || wanted.contains(lang))) {
        targets.add(lang);
      }
    }
    return targets;
  }

  /**
   * Whether the query is searched in a language translation reads (English, Korean, Japanese,
   * Chinese). A question its stop words route to Spanish or German alone is not English, though its
   * words are Latin: read as English words, its translations found Korean, Japanese and Chinese
   * passages that pushed the answer down (xquad-es nDCG@10 .9628 -> .9399 with all sets in one
   * index). A short Latin query is searched in every language, English among them.
   */
  private static boolean readable(QueryPlan plan, List<String> indexLanguages) {
    List<String> typed = plan.languagesAmong(indexLanguages);
    return typed.isEmpty() || typed.stream().anyMatch(Translator.LANGUAGES::contains);
  }

  /**
   * The text translation reads: the query's positive words. The language a word is read in comes
   * from its script: --lang names where to search, not what the query is written in.
   */
  public static String text(QueryPlan plan) {
    return QuerySyntax.positiveText(plan.root(), true).strip();
  }

  /**
   * The languages the translated query's words were written in (none without translation): the
   * language each word was read in, and for a word of Han characters only both Japanese and
   * Chinese, since what was typed searches both (a Japanese page titled 書式設定 holds the typed word,
   * not a translation of it, though the word is read as Chinese).
   */
  public static Set<String> sources(QueryTranslation translation) {
    Set<String> out = new HashSet<>();
    if (translation != null) {
      for (QueryTranslation.Term t : translation.terms()) {
        out.add(t.sourceLang());
        if (t.source()
            .codePoints()
            .allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
          out.add("ja");
          out.add("zh");
        }
      }
    }
    return out;
  }

  private static boolean wordsOnly(QuerySyntax.Node node) {
    return switch (node) {
      case QuerySyntax.Words w -> true;
      case QuerySyntax.Bool b ->
          b.clauses().stream()
              .allMatch(
                  c ->
                      // null: words side by side, the query's default operator
                      (c.occur() == null || c.occur() == Occur.SHOULD || c.occur() == Occur.MUST)
                          && wordsOnly(c.node()));
      default -> false;
    };
  }
}
