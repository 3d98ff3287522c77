package io.parkdoc.backend.lucene;

import io.parkdoc.core.Snippet;
import io.parkdoc.core.analysis.Fields;
import io.parkdoc.core.detect.LanguageParts;
import io.parkdoc.core.snippet.SentenceBreaker;
import io.parkdoc.core.snippet.SnippetFormatter;
import java.io.IOException;
import java.text.StringCharacterIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * A quoted string found the way {@code rg -F} finds it: by reading the stored text of every
 * document. The search's last resort, for a quoted string that the index cannot find although a
 * file holds it verbatim: stop words alone ({@code "für den"}, {@code "in the"}), which no analyzer
 * keeps, or a string that crosses from one language's part of a file into another's. Runs of white
 * space in the string match any run of white space (a line break in the file). Costs a read of the
 * whole index's text (about 0.5 s per 100 MB), which is why the search only comes here after the
 * index found nothing.
 */
final class VerbatimScan {
  /** A file holding the string: the document of the part that holds it, and its passage. */
  record Found(int doc, String path, float score, Snippet snippet) {}

  /** The most files ranked; the count of matching files goes on. */
  private static final int MAX_RANKED = 10_000;

  private VerbatimScan() {}

  /** The pattern of {@code quoted}: its words verbatim, any white space between them. */
  static Pattern pattern(String quoted) {
    String[] words = quoted.strip().split("\\s+");
    StringBuilder regex = new StringBuilder();
    for (String w : words) {
      if (!regex.isEmpty()) {
        regex.append("\\s+");
      }
      regex.append(Pattern.quote(w));
    }
    return Pattern.compile(regex.toString());
  }

  /**
   * The files of {@code searcher}'s index whose text holds {@code quoted} (in a part of one of
   * {@code languages}, or of any when empty), ranked by how often it stands in them for their
   * length, best first, at most {@code n}; and how many files hold it.
   */
  static Results find(
      IndexSearcher searcher, String quoted, Set<String> languages, Bits allowed, int n)
      throws IOException {
    String needle = quoted.strip();
    if (needle.isEmpty()) {
      return new Results(List.of(), 0);
    }
    Pattern pattern = pattern(needle);
    IndexReader reader = searcher.getIndexReader();
    Map<String, Found> found = new LinkedHashMap<>();
    // files in parts: where a part holds the string's first or last piece, the whole file may
    // hold it across the parts' boundary
    // (a file's parts are in several language indices: what each part held is gathered by path)
    Map<String, int[]> crossing = new HashMap<>();
    String[] words = needle.split("\\s+");
    String head = words[0];
    String tail = words[words.length - 1];
    boolean mayCross = words.length > 1 && twoScripts(needle);
    long total = 0;
    for (LeafReaderContext leaf : reader.leaves()) {
      String field = textField(leaf);
      if (field == null
          || (!languages.isEmpty() && !languages.contains(Fields.languageOf(field)))) {
        continue;
      }
      // read in document order: the codec's merge instance keeps each decompressed block for the
      // documents after it instead of decompressing it again for every one
      StoredFields stored =
          leaf.reader() instanceof CodecReader codec
              ? codec.getFieldsReader().getMergeInstance()
              : leaf.reader().storedFields();
      Bits live = leaf.reader().getLiveDocs();
      NumericDocValues parts = leaf.reader().getNumericDocValues(Fields.PARTS);
      Set<String> fields = Set.of(field, Fields.PATH);
      for (int i = 0; i < leaf.reader().maxDoc(); i++) {
        if ((live != null && !live.get(i)) || (allowed != null && !allowed.get(leaf.docBase + i))) {
          continue;
        }
        var d = stored.document(i, fields);
        String text = d.get(field);
        String path = d.get(Fields.PATH);
        if (text == null || path == null || found.containsKey(path)) {
          continue;
        }
        int at = text.indexOf(head);
        if (at < 0 && !mayCross) {
          continue; // the cheap test first: most documents lack even the first word
        }
        Matcher m = pattern.matcher(text);
        if (at >= 0 && m.find(at)) {
          total++;
          if (found.size() < MAX_RANKED) {
            found.put(path, found(leaf.docBase + i, path, text, m));
          }
        } else if (mayCross && parts != null && parts.advanceExact(i) && parts.longValue() > 1) {
          int[] seen = crossing.computeIfAbsent(path, k -> new int[] {0, -1});
          seen[0] |= (at >= 0 ? 1 : 0) | (text.contains(tail) ? 2 : 0);
          seen[1] = leaf.docBase + i;
        }
      }
    }
    for (var e : crossing.entrySet()) {
      // one part holds its first word, another its last
      if (e.getValue()[0] != 3 || found.containsKey(e.getKey())) {
        continue;
      }
      String whole = wholeText(searcher, e.getKey());
      Matcher m = pattern.matcher(whole);
      if (m.find()) {
        total++;
        if (found.size() < MAX_RANKED) {
          found.put(e.getKey(), found(e.getValue()[1], e.getKey(), whole, m));
        }
      }
    }
    List<Found> ranked = new ArrayList<>(found.values());
    ranked.sort(Comparator.comparingDouble(Found::score).reversed());
    return new Results(ranked.subList(0, Math.min(n, ranked.size())), total);
  }

  /**
   * Whether {@code s} has letters of two kinds that go to different parts of a file: CJK and other
   * (a file's parts differ in language, and in practice in script).
   */
  static boolean twoScripts(String s) {
    boolean cjk = false;
    boolean other = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetter(cp)) {
        if (SentenceBreaker.cjkLetter(cp)
            || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL) {
          cjk = true;
        } else {
          other = true;
        }
      }
    }
    return cjk && other;
  }

  /** Files found, best first, and how many files hold the string in all. */
  record Results(List<Found> files, long total) {
    TopDocs topDocs() {
      ScoreDoc[] docs = new ScoreDoc[files.size()];
      for (int i = 0; i < docs.length; i++) {
        docs[i] = new ScoreDoc(files.get(i).doc(), files.get(i).score());
      }
      return new TopDocs(
          new org.apache.lucene.search.TotalHits(
              total, org.apache.lucene.search.TotalHits.Relation.EQUAL_TO),
          docs);
    }
  }

  /** The documents matching {@code query}, by their ids in the searcher's reader. */
  static Bits matching(IndexSearcher searcher, Query query) throws IOException {
    IndexReader reader = searcher.getIndexReader();
    FixedBitSet docs = new FixedBitSet(Math.max(1, reader.maxDoc()));
    Weight weight =
        searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
    for (LeafReaderContext leaf : reader.leaves()) {
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      DocIdSetIterator it = scorer.iterator();
      for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
        docs.set(leaf.docBase + d);
      }
    }
    return docs;
  }

  /** The stored text field of a language index's segment, or null. */
  private static String textField(LeafReaderContext leaf) {
    for (FieldInfo fi : leaf.reader().getFieldInfos()) {
      String lang = Fields.languageOf(fi.name);
      if (lang != null && fi.name.equals(Fields.text(lang))) {
        return fi.name;
      }
    }
    return null;
  }

  /** A file's text laid back together from all its parts. */
  private static String wholeText(IndexSearcher searcher, String path) throws IOException {
    TopDocs parts = searcher.search(new TermQuery(new Term(Fields.PATH, path)), 1000);
    List<String> texts = new ArrayList<>();
    StoredFields stored = searcher.storedFields();
    for (ScoreDoc sd : parts.scoreDocs) {
      var d = stored.document(sd.doc);
      for (var f : d.getFields()) {
        if (Fields.languageOf(f.name()) != null && f.stringValue() != null) {
          texts.add(f.stringValue());
        }
      }
    }
    return LanguageParts.overlay(texts);
  }

  /**
   * A found file: scored by the occurrences per thousand characters (dampened), and the passage
   * around the first occurrence.
   */
  private static Found found(int doc, String path, String text, Matcher m) {
    int first = m.start();
    int firstEnd = m.end();
    int count = 1;
    while (m.find() && count < 1000) {
      count++;
    }
    float score = (float) (count / Math.sqrt(1 + text.length() / 1000.0));
    return new Found(doc, path, score, passage(text, first, firstEnd));
  }

  /** The sentence around {@code [start, end)}, with that span highlighted. */
  static Snippet passage(String text, int start, int end) {
    // sentences within a window around the match: a whole long file is not broken up for it
    int from = Math.max(0, start - 1000);
    int to = Math.min(text.length(), end + 1000);
    String window = text.substring(from, to);
    SentenceBreaker breaker = new SentenceBreaker();
    breaker.setText(new StringCharacterIterator(window));
    int s = breaker.preceding(start - from + 1);
    int e = breaker.following(end - from - 1);
    int sentenceStart = s == SentenceBreaker.DONE ? 0 : s;
    int sentenceEnd = e == SentenceBreaker.DONE ? window.length() : e;
    Snippet snippet =
        SnippetFormatter.snippet(
            window,
            sentenceStart,
            Math.max(sentenceEnd, end - from),
            new int[] {start - from},
            new int[] {end - from});
    return snippet.offset() >= 0
        ? new Snippet(snippet.text(), snippet.highlights(), snippet.offset() + from, null)
        : snippet;
  }
}
