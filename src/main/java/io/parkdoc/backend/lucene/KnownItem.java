package io.parkdoc.backend.lucene;

import io.parkdoc.core.analysis.Fields;
import io.parkdoc.core.detect.LanguageParts;
import io.parkdoc.core.query.QueryPlan;
import io.parkdoc.core.query.QuerySyntax;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * Known-item search: text pasted unquoted as the query (a sentence copied from a document) ranks
 * the files holding it word for word first, those where it stands as a whole sentence or line
 * before those where it is part of a longer sentence, each tier in its BM25 order.
 *
 * <p>Why after the ranking and not inside it: BM25 keeps its statistics per language index, so a
 * word left in another language's part (an English word in a Korean page, a formula in a Chinese
 * one) is rare there and outscores the page the sentence came from; and two pages that analyse
 * alike (Serbian in Cyrillic and in Latin letters, folded to one form) tie. What the user pasted
 * tells them apart, as grep would. Read: the text of the best {@value #WINDOW} files (as the
 * passages of a page of hits are), whether or not a part matches the pasted words as a phrase (the
 * phrase is only compiled in the languages the query is searched in, and a file's line may stand in
 * a part of another: a Danish line with a path in it, taken for English), and of the {@value
 * #PHRASE_WINDOW} best documents holding the phrase. Stateless.
 */
public final class KnownItem {
  /** How many of the best files are looked at for the pasted text. */
  public static final int WINDOW = 20;

  /**
   * How many documents holding the pasted words as a phrase are looked at: a sentence repeated in
   * the pages of 40 languages fills twenty of them.
   */
  public static final int PHRASE_WINDOW = 50;

  /** The fewest letters of pasted text: shorter queries are words, not a sentence. */
  static final int MIN_LETTERS = 8;

  private KnownItem() {}

  /**
   * The text {@code plan}'s query pasted, when it reads as pasted text: two words or more of at
   * least {@value #MIN_LETTERS} letters together (a label such as "Record separator", a sentence, a
   * command line), or a run of CJK text as long; else null. Whatever its syntax: quotes, dashes and
   * parentheses of a pasted line are looked for as they stand, and only a file holding them so
   * moves.
   */
  public static String pasted(QueryPlan plan) {
    String text = plan.request().query().strip();
    long letters = text.codePoints().filter(Character::isLetter).count();
    int words = text.split("\\s+").length;
    boolean unspaced = words == 1 && text.codePoints().anyMatch(KnownItem::cjk);
    return letters >= MIN_LETTERS && (words >= 2 || unspaced || innerPunctuation(text))
        ? text
        : null;
  }

  /**
   * True for a word with punctuation between its letters: a path, a function or method call, an
   * address ({@code /etc/dconf/profile/user}, {@code ui.SetStatusbar}), which is pasted, not typed.
   */
  private static boolean innerPunctuation(String word) {
    int first = -1;
    int last = -1;
    for (int i = 0; i < word.length(); i++) {
      if (Character.isLetterOrDigit(word.charAt(i))) {
        first = first < 0 ? i : first;
        last = i;
      }
    }
    for (int i = first + 1; i < last; i++) {
      char c = word.charAt(i);
      if (!Character.isLetterOrDigit(c) && c != '-' && c != '\'') {
        return true;
      }
    }
    return false;
  }

  /**
   * True when the files that hold {@code plan}'s words as a phrase may be looked at beside the best
   * ones: its words and quoted phrases are all it asks for (no exclusion or filter, which the
   * phrase alone would not keep).
   */
  public static boolean phraseCandidates(QueryPlan plan) {
    return QuerySyntax.onlyWords(plan.root());
  }

  private static boolean cjk(int cp) {
    return switch (Character.UnicodeScript.of(cp)) {
      case HAN, HIRAGANA, KATAKANA, HANGUL -> true;
      default -> false;
    };
  }

  /**
   * {@code best} (one part per file, best first) with the files holding {@code pasted} word for
   * word first: those where it stands as a whole sentence or line, then those where it is part of a
   * longer one, then the others in their order. Looked at: the first {@value #WINDOW} files, and
   * the first {@value #PHRASE_WINDOW} documents {@code exact} (the pasted words as a phrase, null
   * for none) finds, which the words' BM25 may have ranked far down (a page of the pasted
   * sentence's language below short parts of other languages where one of its words is rare). A
   * moved file's score is raised above those it passed, so scores still fall down the list.
   */
  static List<ScoreDoc> rerank(
      IndexSearcher searcher, List<ScoreDoc> best, String pasted, Query exact) throws IOException {
    int window = Math.min(WINDOW, best.size());
    if (best.isEmpty()) {
      return best;
    }
    Pattern pattern = VerbatimScan.pattern(pasted);
    float top = best.get(0).score;
    StoredFields stored = searcher.storedFields();
    Map<String, ScoreDoc> candidates = new LinkedHashMap<>();
    // paths from doc values: the stored fields' compressed blocks are read only for the texts
    ScoreDoc[] first = best.subList(0, window).toArray(new ScoreDoc[0]);
    String[] firstPaths = Columns.paths(searcher.getIndexReader(), first);
    for (int i = 0; i < window; i++) {
      candidates.put(firstPaths[i], first[i]);
    }
    Set<String> ranked = new HashSet<>(candidates.keySet());
    if (exact != null) {
      ScoreDoc[] found = searcher.search(exact, PHRASE_WINDOW).scoreDocs;
      String[] paths = Columns.paths(searcher.getIndexReader(), found);
      for (int i = 0; i < found.length; i++) {
        // known only by the phrase: after the files of its tier that the words ranked
        candidates.putIfAbsent(paths[i], new ScoreDoc(found[i].doc, 0, found[i].shardIndex));
      }
    }
    List<List<ScoreDoc>> tiers = List.of(new ArrayList<>(), new ArrayList<>());
    Set<String> moved = new HashSet<>();
    for (var e : candidates.entrySet()) {
      // the files the words ranked: every part (a line may stand in a part of a language the
      // phrase was not compiled in); a file found by the phrase: the part that holds it
      String text =
          ranked.contains(e.getKey())
              ? wholeText(searcher, e.getKey())
              : partText(stored, e.getValue().doc);
      int tier = tier(pattern, text);
      if (tier > 0) {
        ScoreDoc sd = e.getValue();
        tiers.get(2 - tier).add(new ScoreDoc(sd.doc, sd.score + tier * (top + 1), sd.shardIndex));
        moved.add(e.getKey());
      }
    }
    if (moved.isEmpty()) {
      return best;
    }
    List<ScoreDoc> out = new ArrayList<>(best.size() + WINDOW);
    tiers.forEach(out::addAll);
    String[] paths = Columns.paths(searcher.getIndexReader(), best.toArray(new ScoreDoc[0]));
    for (int i = 0; i < best.size(); i++) {
      if (!moved.contains(paths[i])) {
        out.add(best.get(i));
      }
    }
    return out;
  }

  /**
   * 2 when {@code text} holds the pasted text as a whole sentence or line (nothing but a line
   * break, a sentence end or the text's edge on either side), 1 when it holds it inside a longer
   * one, 0 when it does not hold it.
   */
  static int tier(Pattern pasted, String text) {
    return tierOf(pasted, text);
  }

  /** {@link #tier(Pattern, String)} of the text {@code pasted} (for another backend). */
  public static int tier(String pasted, String text) {
    return tierOf(VerbatimScan.pattern(pasted), text);
  }

  private static int tierOf(Pattern pasted, String text) {
    Matcher m = pasted.matcher(text);
    int tier = 0;
    while (m.find()) {
      if (wholeBefore(text, m.start()) && wholeAfter(text, m.end(), m.group())) {
        return 2;
      }
      tier = 1;
    }
    return tier;
  }

  private static boolean wholeBefore(String text, int start) {
    int i = start - 1;
    while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i--;
    }
    return i < 0 || text.charAt(i) == '\n' || text.charAt(i) == '\r' || sentenceEnd(text.charAt(i));
  }

  private static boolean wholeAfter(String text, int end, String match) {
    if (end >= text.length() || sentenceEnd(match.charAt(match.length() - 1))) {
      return end >= text.length() || !Character.isLetterOrDigit(text.charAt(end));
    }
    char c = text.charAt(end);
    return c == '\n' || c == '\r' || sentenceEnd(c);
  }

  private static boolean sentenceEnd(char c) {
    return switch (c) {
      case '.', '!', '?', ';', ':', '。', '！', '？', '；', '：' -> true;
      default -> false;
    };
  }

  /**
   * The text of the part that holds the phrase: reading every part of the 50 files the phrase finds
   * as well cost a query about 10 ms on LibreOffice's and GNOME's help.
   */
  private static String partText(StoredFields stored, int doc) throws IOException {
    var d = stored.document(doc);
    for (var f : d.getFields()) {
      String lang = Fields.languageOf(f.name());
      if (lang != null && f.name().equals(Fields.text(lang)) && f.stringValue() != null) {
        return f.stringValue();
      }
    }
    return "";
  }

  /** A file's text laid back together from all its parts. */
  private static String wholeText(IndexSearcher searcher, String path) throws IOException {
    TopDocs parts = searcher.search(new TermQuery(new Term(Fields.PATH, path)), 1000);
    List<String> texts = new ArrayList<>();
    StoredFields stored = searcher.storedFields();
    for (ScoreDoc sd : parts.scoreDocs) {
      String t = partText(stored, sd.doc);
      if (!t.isEmpty()) {
        texts.add(t);
      }
    }
    return texts.size() == 1 ? texts.get(0) : LanguageParts.overlay(texts);
  }
}
