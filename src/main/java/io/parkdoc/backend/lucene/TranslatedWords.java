package io.parkdoc.backend.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.queries.intervals.FilteredIntervalsSource;
import org.apache.lucene.queries.intervals.IntervalIterator;
import org.apache.lucene.queries.intervals.IntervalQuery;
import org.apache.lucene.queries.intervals.Intervals;
import org.apache.lucene.queries.intervals.IntervalsSource;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermStatistics;

/**
 * How the translations of a query's words are searched in one language's text field
 * (docs/translation.md, "How a query is translated"): each word by its translations as one
 * structured clause, and the words near each other as one more. Stateless; the search and the
 * evaluation ({@code TranslationEval}) build their queries here alike.
 *
 * <p>A word's translations of one term are one {@link SynonymQuery} (the first at full weight,
 * later ones at {@link #LATER}): they count as one word, with the document frequency of the most
 * common of them, so a rare wrong translation (中断 -> 断点 "breakpoint") cannot outscore the common
 * right one (停止) by its idf, as it did when each was scored alone and the best counted (Pirkola's
 * structured query). Translations of several terms are phrases, beside it in a disjunction.
 * Measured on the tuning half of the LibreOffice help (bench/translation 0, 20 directions): mean
 * R@10 .673 with the disjunction of each translation alone, .688 as synonyms; with {@link #near} as
 * well .719.
 */
public final class TranslatedWords {
  private TranslatedWords() {}

  /**
   * What a later (less likely) translation of a word weighs beside the first, as a synonym's term
   * weight or a phrase's boost. Tuning half, mean R@10 with synonyms and the near clause: 1 / 0.7 /
   * 0.5 / 0.3: see docs/translation.md.
   */
  public static final float LATER =
      Float.parseFloat(System.getProperty("parkdoc.laterTranslation", "0.3"));

  /**
   * What the near clause weighs: at most this much is added to a document whose text holds the
   * translations of the query's words close together (the answer's title, most often). Tuning half
   * mean R@10 at 1 / 3 / 6: see docs/translation.md.
   */
  public static final float NEAR_WEIGHT =
      Float.parseFloat(System.getProperty("parkdoc.nearWeight", "3"));

  /**
   * The near clause's weight is also at most this times the sum of its words' BM25 idf ({@link
   * Near#rewrite}), what the words themselves score at most: where they tell little (a tiny index,
   * whose idf is near 0), so does their nearness. 0: no such bound. See docs/translation.md.
   */
  public static final float NEAR_PER_IDF =
      Float.parseFloat(System.getProperty("parkdoc.nearPerIdf", "1"));

  /**
   * The most words a query may have for the near clause: a title or a question's key words are near
   * each other, the words of a pasted paragraph are not all within a few positions, and an interval
   * query over dozens of words costs more than it tells.
   */
  public static final int NEAR_MAX_WORDS = 8;

  /** Positions per word the near clause allows its words to span, at most. */
  public static final int NEAR_WIDTH = Integer.getInteger("parkdoc.nearWidth", 3);

  /**
   * Positions per word within which the start clause ({@link #start}) wants its words from the
   * document's beginning: a page titled with the query holds them there.
   */
  public static final int START_PER_WORD = Integer.getInteger("parkdoc.startPerWord", 2);

  /** What the start clause weighs, at most (bounded by the words' idf as {@link #NEAR_WEIGHT}). */
  public static final float START_WEIGHT =
      Float.parseFloat(System.getProperty("parkdoc.startWeight", "3"));

  /**
   * One word's translations in {@code field}, best first, each as its analysed terms in the form of
   * {@code Terms.sequence} (an empty string: a position a stop word left), or as a query the
   * analyzer built where its analysis is no plain sequence ({@code queries}, at the same index as a
   * null sequence). Null when none makes a query.
   */
  public static Query word(String field, List<List<String>> sequences, List<Query> queries) {
    SynonymQuery.Builder synonyms = new SynonymQuery.Builder(field);
    Set<String> seen = new HashSet<>();
    List<Query> others = new ArrayList<>();
    boolean first = true;
    boolean anySynonym = false;
    for (int i = 0; i < sequences.size(); i++) {
      List<String> seq = sequences.get(i);
      Query q = seq == null ? queries.get(i) : null;
      List<String> words = seq == null ? List.of() : terms(seq);
      if (q == null && words.isEmpty()) {
        continue;
      }
      float weight = first ? 1f : LATER;
      first = false;
      if (q == null && words.size() == 1) {
        if (seen.add(words.get(0))) {
          synonyms.addTerm(new Term(field, words.get(0)), weight);
          anySynonym = true;
        }
        continue;
      }
      if (q == null) {
        q = QueryBuilder.phraseOf(field, seq);
      }
      others.add(weight == 1f ? q : new BoostQuery(q, weight));
    }
    if (anySynonym) {
      others.add(0, synonyms.build());
    }
    if (others.isEmpty()) {
      return null;
    }
    return others.size() == 1 ? others.get(0) : new DisjunctionMaxQuery(others, 0.1f);
  }

  /** The terms of a sequence, without the empty strings of skipped positions. */
  private static List<String> terms(List<String> sequence) {
    List<String> out = new ArrayList<>(sequence.size());
    for (String t : sequence) {
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * The clause that adds up to {@link #NEAR_WEIGHT} to a document holding a translation of every
   * word of {@code words} (each word: its translations' term sequences) within {@link #NEAR_WIDTH}
   * positions a word, in any order; null for fewer than two words or more than {@link
   * #NEAR_MAX_WORDS}. A page whose title is the query's translation holds its words side by side, a
   * page that merely uses them apart does not: on the tuning half, mean R@10 .688 -> .719
   * (docs/translation.md).
   */
  public static Query near(String field, List<List<List<String>>> words) {
    List<List<List<String>>> kept = searchable(words);
    if (kept.size() < 2 || kept.size() > NEAR_MAX_WORDS || NEAR_WEIGHT <= 0) {
      return null;
    }
    return new Near(
        field, kept, kept.size() * NEAR_WIDTH, NEAR_WEIGHT, NEAR_PER_IDF, Integer.MAX_VALUE);
  }

  /**
   * The clause that adds up to {@link #START_WEIGHT} to a document holding every word of {@code
   * words} (as {@link #near} takes them) at its very beginning, within {@link #START_PER_WORD}
   * positions a word of its first: where a title stands. Null for more than {@link #NEAR_MAX_WORDS}
   * words. Both what was typed and its translations get it, so a page titled with the query ranks
   * first in every language alike. Measured on the tuning half of the LibreOffice help (the page
   * title as the query): mean R@10 .733 -> .831 with it on the typed and translated queries alike,
   * and the ceiling (the answer's own title) .81-.88 -> .91-.95; see docs/translation.md.
   */
  public static Query start(String field, List<List<List<String>>> words) {
    List<List<List<String>>> kept = searchable(words);
    if (kept.isEmpty() || kept.size() > NEAR_MAX_WORDS || START_WEIGHT <= 0) {
      return null;
    }
    int limit = kept.size() * START_PER_WORD;
    return new Near(field, kept, limit, START_WEIGHT, NEAR_PER_IDF, limit);
  }

  /** {@code words} without the translations that hold no term, and words left with none. */
  private static List<List<List<String>>> searchable(List<List<List<String>>> words) {
    List<List<List<String>>> kept = new ArrayList<>();
    for (List<List<String>> word : words) {
      List<List<String>> alts = new ArrayList<>();
      for (List<String> seq : word) {
        if (seq != null && !terms(seq).isEmpty()) {
          alts.add(List.copyOf(seq));
        }
      }
      if (!alts.isEmpty()) {
        kept.add(List.copyOf(alts));
      }
    }
    return List.copyOf(kept);
  }

  /**
   * Every word's translations within {@code width} positions, in any order: an {@link
   * IntervalQuery} (a score from 0 to 1, higher the closer and the more often), kept in this form
   * so that a server backend can send it ({@code SolrQueries}).
   *
   * @param words per word, its translations' term sequences (as {@link #word} takes them)
   */
  public record NearQuery(
      String field,
      List<List<List<String>>> words,
      int width,
      float weight,
      float perIdf,
      int start) {}

  /** {@link NearQuery} as a Lucene query: rewrites to the interval query. */
  public static final class Near extends Query {
    private final NearQuery spec;

    Near(
        String field,
        List<List<List<String>>> words,
        int width,
        float weight,
        float perIdf,
        int start) {
      this.spec = new NearQuery(field, words, width, weight, perIdf, start);
    }

    public NearQuery spec() {
      return spec;
    }

    /** The interval query this stands for. */
    IntervalQuery intervalQuery() {
      List<IntervalsSource> sources = new ArrayList<>();
      for (List<List<String>> word : spec.words()) {
        List<IntervalsSource> alts = new ArrayList<>();
        for (List<String> seq : word) {
          alts.add(sequence(seq));
        }
        sources.add(
            alts.size() == 1 ? alts.get(0) : Intervals.or(alts.toArray(IntervalsSource[]::new)));
      }
      IntervalsSource all =
          sources.size() == 1
              ? sources.get(0)
              : Intervals.unordered(sources.toArray(IntervalsSource[]::new));
      IntervalsSource within = Intervals.maxwidth(spec.width(), all);
      return new IntervalQuery(
          spec.field(),
          spec.start() == Integer.MAX_VALUE ? within : new Start(within, spec.start()));
    }

    /** A term sequence as an interval source: the term, or its terms in order with its gaps. */
    private static IntervalsSource sequence(List<String> seq) {
      List<IntervalsSource> parts = new ArrayList<>();
      int gaps = 0;
      for (String t : seq) {
        if (t.isEmpty()) {
          gaps++;
        } else {
          parts.add(Intervals.term(t));
        }
      }
      if (parts.size() == 1) {
        return parts.get(0);
      }
      IntervalsSource[] array = parts.toArray(IntervalsSource[]::new);
      return gaps == 0
          ? Intervals.phrase(array)
          : Intervals.maxgaps(gaps, Intervals.ordered(array));
    }

    /**
     * The interval query at its weight: {@code weight}, and at most {@code perIdf} times the sum of
     * its words' idf in {@code searcher} (each word: its most common translation's, a phrase's idf
     * being its terms' sum, as BM25 scores a phrase and a synonym query its most common term). In
     * the five seeds (idf 0.29) the weight alone outweighed the typed words' BM25 and ranked a
     * translated seed before the English one for {@code technology innovation}; in a collection of
     * thousands of pages the bound is above the weight. No document can match where a word's
     * translations are in none.
     */
    @Override
    public Query rewrite(IndexSearcher searcher) throws IOException {
      float weight = spec.weight();
      if (spec.perIdf() > 0) {
        double idf = idfSum(searcher, spec);
        if (idf <= 0) {
          return new MatchNoDocsQuery("a word's translations are in no document");
        }
        weight = (float) Math.min(weight, spec.perIdf() * idf);
      }
      return new BoostQuery(intervalQuery(), weight);
    }

    @Override
    public void visit(QueryVisitor visitor) {
      intervalQuery().visit(visitor);
    }

    @Override
    public String toString(String field) {
      return (spec.start() == Integer.MAX_VALUE ? "near(" : "start(")
          + spec.width()
          + ", "
          + spec.words()
          + ")";
    }

    @Override
    public boolean equals(Object o) {
      return sameClassAs(o) && spec.equals(((Near) o).spec);
    }

    @Override
    public int hashCode() {
      return Objects.hash(classHash(), spec);
    }
  }

  /** Intervals of {@code in} that end before position {@code before}: at a document's start. */
  private static final class Start extends FilteredIntervalsSource {
    private final int before;

    Start(IntervalsSource in, int before) {
      super("START/" + before, in);
      this.before = before;
    }

    @Override
    protected boolean accept(IntervalIterator it) {
      return it.end() < before;
    }

    @Override
    public boolean equals(Object o) {
      return super.equals(o) && before == ((Start) o).before;
    }

    @Override
    public int hashCode() {
      return 31 * super.hashCode() + before;
    }
  }

  /**
   * The sum over {@code near}'s words of the BM25 idf of each word's most common translation in
   * {@code searcher} (a phrase: the sum of its terms' idf), from the searcher's statistics as BM25
   * takes them (a Solr shard's are the collection's with {@code ExactStatsCache}); 0 when some
   * word's translations are in no document of its field here.
   */
  static double idfSum(IndexSearcher searcher, NearQuery near) throws IOException {
    CollectionStatistics collection = searcher.collectionStatistics(near.field());
    if (collection == null) {
      return 0;
    }
    double sum = 0;
    for (List<List<String>> word : near.words()) {
      double least = Double.POSITIVE_INFINITY;
      for (List<String> seq : word) {
        double idf = 0;
        for (String t : terms(seq)) {
          Term term = new Term(near.field(), t);
          TermStates states = TermStates.build(searcher, term, true);
          if (states.docFreq() == 0) {
            idf = Double.POSITIVE_INFINITY;
            break;
          }
          TermStatistics stats =
              searcher.termStatistics(term, states.docFreq(), states.totalTermFreq());
          idf +=
              Math.log(
                  1 + (collection.docCount() - stats.docFreq() + 0.5) / (stats.docFreq() + 0.5));
        }
        least = Math.min(least, idf);
      }
      if (least == Double.POSITIVE_INFINITY) {
        return 0;
      }
      sum += least;
    }
    return sum;
  }
}
