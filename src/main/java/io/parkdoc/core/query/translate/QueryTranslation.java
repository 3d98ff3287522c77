package io.parkdoc.core.query.translate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a query became in the other languages: per word of the query, its kept translations per
 * target language, best first.
 *
 * @param query the query text as typed
 * @param terms the words translation looked up, in query order
 */
public record QueryTranslation(String query, List<Term> terms) {
  public QueryTranslation {
    terms = List.copyOf(terms);
  }

  /** No translation at all (nothing to show, nothing more to search). */
  public static QueryTranslation none(String query) {
    return new QueryTranslation(query, List.of());
  }

  /**
   * One word of the query and its translations.
   *
   * @param source the word as looked up (English in its dictionary form)
   * @param sourceLang the language it was read in
   * @param targets per target language, the translations kept, best first
   */
  public record Term(String source, String sourceLang, Map<String, List<String>> targets) {
    public Term {
      targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    }
  }

  /** This translation with only the target languages in {@code langs} (those actually searched). */
  public QueryTranslation restrictedTo(java.util.Set<String> langs) {
    List<Term> kept = new ArrayList<>();
    for (Term t : terms) {
      Map<String, List<String>> m = new LinkedHashMap<>(t.targets());
      m.keySet().retainAll(langs);
      kept.add(new Term(t.source(), t.sourceLang(), m));
    }
    return new QueryTranslation(query, kept);
  }

  /** Whether no word got any translation. */
  public boolean isEmpty() {
    return terms.stream().allMatch(t -> t.targets().isEmpty());
  }

  /** The target languages that got a translation, in the order of {@link Translator#LANGUAGES}. */
  public List<String> languages() {
    List<String> out = new ArrayList<>();
    for (String lang : Translator.LANGUAGES) {
      if (terms.stream().anyMatch(t -> t.targets().containsKey(lang))) {
        out.add(lang);
      }
    }
    return out;
  }

  /** Every translation into {@code lang}, per word, best first (words without one are left out). */
  public List<List<String>> into(String lang) {
    List<List<String>> out = new ArrayList<>();
    for (Term t : terms) {
      List<String> c = t.targets().get(lang);
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * The one line shown above the hits: {@code laser -> 레이저 (ko) · レーザー (ja) · 激光 (zh)}, each
   * language with the best translation of each word; empty when nothing was translated.
   */
  public String summary() {
    if (isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (String lang : languages()) {
      List<String> words = new ArrayList<>();
      boolean same = true;
      for (Term t : terms) {
        List<String> c = t.targets().get(lang);
        if (c != null) {
          // Two words of the query with one translation (樞紐 and 分析表, both "pivot") show it once.
          String shown = KoreanCandidates.shown(c, lang); // a word, not nori's piece of one
          if (words.isEmpty() || !words.getLast().equals(shown)) {
            words.add(shown);
          }
          same &= c.get(0).equals(t.source());
        }
      }
      // 長春 is 長春 in Japanese too: "長春 (ja)" would say the query became itself
      if (!same) {
        parts.add(String.join(" ", words) + " (" + lang + ")");
      }
    }
    return parts.isEmpty() ? "" : query + " -> " + String.join(" · ", parts);
  }
}
