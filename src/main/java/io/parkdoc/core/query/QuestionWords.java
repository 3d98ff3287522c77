package io.parkdoc.core.query;

import io.parkdoc.core.analysis.AnalyzerCache;
import io.parkdoc.core.analysis.Terms;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;

/**
 * The interrogative words of a question (what, which, кто, 什么, อะไร), dropped from the terms of a
 * natural-language query: they say what kind of answer is wanted, not what it is about, and in a
 * BM25 sum they reward passages for holding the word "what". The languages' stop lists keep most of
 * them (Lucene's English list has no "what", smartcn's has none at all).
 *
 * <p>Each list is analysed with the language's own analyzer, so the set holds the forms that
 * analyzer makes ("does" is "doe" after Porter's stemmer). Measured with {@code bench/relevance},
 * all six relevance sets in one index, nDCG@10 before and after: xquad en .9656 to .9703, el .9521
 * to .9544, th .9573 to .9587 (ใด, "which", alone took it from .9578 to .9587), ar .9374 to .9388,
 * hi .9515 to .9524, es .9577 to .9584, ru .9543 to .9549, de .9482 to .9488, ro and tr unchanged
 * (their stop lists hold these words already); Cranfield .4159 to .4199. The Chinese list is older:
 * xquad-zh .939 to .944 when it came.
 */
final class QuestionWords {
  private QuestionWords() {}

  private static final Map<String, List<String>> WORDS =
      Map.ofEntries(
          Map.entry(
              "en",
              List.of(
                  "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "did",
                  "does", "do")),
          Map.entry(
              "de",
              List.of(
                  "was", "wer", "wen", "wem", "wessen", "wann", "wo", "woher", "wohin", "warum",
                  "wie", "welche", "welcher", "welches", "welchen", "welchem", "viele")),
          Map.entry(
              "fr",
              List.of(
                  "que",
                  "qui",
                  "quoi",
                  "quel",
                  "quelle",
                  "quels",
                  "quelles",
                  "quand",
                  "où",
                  "comment",
                  "pourquoi",
                  "combien")),
          Map.entry(
              "es",
              List.of(
                  "qué", "quién", "quiénes", "cuál", "cuáles", "cuándo", "dónde", "cómo", "cuánto",
                  "cuántos", "cuánta", "cuántas")),
          Map.entry(
              "it",
              List.of(
                  "che", "chi", "cosa", "quale", "quali", "quando", "dove", "come", "perché",
                  "quanto", "quanti", "quante")),
          Map.entry(
              "pt",
              List.of(
                  "que", "quem", "qual", "quais", "quando", "onde", "como", "porque", "quanto",
                  "quantos", "quantas")),
          Map.entry(
              "nl",
              List.of(
                  "wat", "wie", "welke", "welk", "wanneer", "waar", "hoe", "waarom", "hoeveel")),
          Map.entry(
              "ro", List.of("ce", "cine", "care", "când", "unde", "cum", "câți", "câte", "cât")),
          Map.entry(
              "tr",
              List.of(
                  "ne", "kim", "hangi", "nerede", "nasıl", "neden", "niçin", "kaç", "mı", "mi",
                  "mu", "mü")),
          Map.entry(
              "ru",
              List.of(
                  "какой",
                  "какая",
                  "какое",
                  "какие",
                  "каким",
                  "какую",
                  "каких",
                  "каком",
                  "какого",
                  "какому",
                  "какими",
                  "каков",
                  "какова",
                  "каковы",
                  "кто",
                  "кого",
                  "кому",
                  "кем",
                  "что",
                  "чего",
                  "чему",
                  "чем",
                  "когда",
                  "где",
                  "куда",
                  "откуда",
                  "почему",
                  "зачем",
                  "как",
                  "сколько",
                  "ли",
                  "который",
                  "которая",
                  "которое",
                  "которые",
                  "которого",
                  "которой",
                  "которых",
                  "чей",
                  "чья",
                  "чьи")),
          Map.entry(
              "el",
              List.of(
                  "τι", "ποιος", "ποια", "ποιο", "ποιοι", "ποιες", "ποιων", "ποιον", "πότε", "πού",
                  "πώς", "γιατί", "πόσα", "πόσοι", "πόσες", "πόσο")),
          Map.entry("ar", List.of("ما", "ماذا", "متى", "أين", "كيف", "لماذا", "كم", "أي", "هل")),
          Map.entry(
              "hi",
              List.of(
                  "क्या", "कौन", "कौनसा", "कब", "कहाँ", "कहां", "कैसे", "क्यों", "कितने", "कितना",
                  "कितनी", "किस", "किसने", "किसे")),
          Map.entry(
              "th",
              List.of(
                  "อะไร",
                  "ใคร",
                  "ที่ไหน",
                  "เมื่อไร",
                  "เมื่อไหร่",
                  "อย่างไร",
                  "ยังไง",
                  "ทำไม",
                  "กี่",
                  "เท่าไร",
                  "เท่าไหร่",
                  "ไหน",
                  "หรือไม่",
                  "บ้าง",
                  "ใด")),
          // smartcn keeps function words as terms too (its stop list is punctuation): in a question
          // 是, 的 and 了 match every passage.
          Map.entry(
              "zh",
              List.of(
                  "谁", "什么", "哪", "哪个", "哪些", "哪里", "哪一", "多少", "几", "吗", "呢", "么", "怎么", "怎样",
                  "为什么", "如何", "是", "的", "了", "在", "有", "和", "与", "被", "为", "这", "那", "一", "个",
                  "哪位", "何", "时候", "甚么")));

  /** The analysed set of each analyzer asked about: analyzers live as long as their searcher. */
  private static final Map<Analyzer, CharArraySet> ANALYSED =
      Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * {@code analyzer} with the question words of {@code lang} removed from its terms, or null when
   * parkdoc has no list for the language.
   */
  static Analyzer removedFrom(String lang, String field, Analyzer analyzer) {
    List<String> words = WORDS.get(lang);
    if (words == null) {
      return null;
    }
    CharArraySet stop = ANALYSED.computeIfAbsent(analyzer, a -> analysed(a, field, words));
    return AnalyzerCache.without(analyzer, stop);
  }

  private static CharArraySet analysed(Analyzer analyzer, String field, List<String> words) {
    CharArraySet set = new CharArraySet(words.size(), false);
    for (String w : words) {
      set.addAll(Terms.of(analyzer, field, w));
    }
    return set;
  }
}
