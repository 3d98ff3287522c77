package io.parkdoc.eval;

import io.parkdoc.backend.lucene.TranslatedWords;
import io.parkdoc.core.analysis.Languages;
import io.parkdoc.core.analysis.Terms;
import io.parkdoc.core.query.translate.DocFrequencies;
import io.parkdoc.core.query.translate.Lexicon;
import io.parkdoc.core.query.translate.QueryTranslation;
import io.parkdoc.core.query.translate.Translator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.QueryBuilder;

/**
 * Cross-language retrieval on the LibreOffice help (a parallel corpus: the same file id is the same
 * page in every language): the page title in one language is the query, the same page in another
 * language the one right answer. Prints R@10 and MRR@10 per direction among en, ko, ja, zh-cn and
 * zh-tw, without translation and with it, and the ceiling (the target page's own title as the
 * query).
 *
 * <p>Pages are split in two halves by file id (a hash, stable); figures are reported on the
 * evaluation half. Nothing is mined from either half: the lexicon comes only from dictionaries
 * ({@code tools/build-lexicon}); the other half is for tuning by hand. As in the issue's
 * measurements, a pair counts only when its CJK titles have no Latin letters (a Latin title is an
 * untranslated page, which the plain query finds anyway). Each collection is its own index with
 * parkdoc's analyzer of that language, body field only.
 */
public final class TranslationEval {
  public static final List<String> COLLECTIONS = List.of("en", "ko", "ja", "zh-cn", "zh-tw");
  private static final Pattern LATIN = Pattern.compile("[A-Za-z]");
  private static final String FIELD = "body";
  private static final float PLAIN = Float.parseFloat(System.getProperty("plain", "0.2"));

  private final Map<String, Collection> collections = new LinkedHashMap<>();
  private final List<String> ids;

  /** One language's pages in an in-memory index. */
  private record Collection(
      String lang, Analyzer analyzer, IndexSearcher searcher, Map<String, String> titles) {}

  /** The result of one direction. */
  public record Row(
      String from,
      String to,
      int queries,
      double r10Plain,
      double mrrPlain,
      double r10Translated,
      double mrrTranslated,
      double r10Ceiling,
      double mrrCeiling) {}

  public TranslationEval(Path corpus) throws IOException {
    Set<String> common = null;
    for (String c : COLLECTIONS) {
      Set<String> files = new TreeSet<>();
      try (Stream<Path> s = Files.list(corpus.resolve(c))) {
        s.forEach(p -> files.add(p.getFileName().toString()));
      }
      if (common == null) {
        common = files;
      } else {
        common.retainAll(files);
      }
    }
    ids = new ArrayList<>(common);
    for (String c : COLLECTIONS) {
      collections.put(c, index(corpus, c));
    }
  }

  /** The half a page belongs to: 0 (tuning) or 1 (evaluation), by a stable hash of its file id. */
  public static int half(String id) {
    int h = 0;
    for (int i = 0; i < id.length(); i++) {
      h = h * 31 + id.charAt(i);
    }
    return (h >>> 7) & 1;
  }

  private static String lexLang(String collection) {
    return collection.startsWith("zh") ? "zh" : collection;
  }

  private Collection index(Path corpus, String c) throws IOException {
    Analyzer analyzer = Languages.newAnalyzer(lexLang(c));
    Directory dir = new ByteBuffersDirectory();
    Map<String, String> titles = new LinkedHashMap<>();
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
      for (String id : ids) {
        String text = Files.readString(corpus.resolve(c).resolve(id), StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        titles.put(id, (nl < 0 ? text : text.substring(0, nl)).strip());
        Document d = new Document();
        d.add(new StringField("id", id, Field.Store.YES));
        d.add(new TextField(FIELD, text, Field.Store.NO));
        w.addDocument(d);
      }
    }
    IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(dir));
    return new Collection(c, analyzer, searcher, titles);
  }

  /** Documents of {@code c} holding every term {@code text} analyzes to (the smallest count). */
  static long docFreq(Collection c, String text) {
    long min = Long.MAX_VALUE;
    try (TokenStream ts = c.analyzer().tokenStream(FIELD, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        min =
            Math.min(min, c.searcher().getIndexReader().docFreq(new Term(FIELD, term.toString())));
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return min == Long.MAX_VALUE ? 0 : min;
  }

  /**
   * The query searched in {@code target}: the text as typed, OR'd with, per translated word, the
   * disjunction (max) of its translations, each translation a phrase of its analyzed terms (so a
   * translated word never matches one of its pieces alone).
   */
  static Query query(Collection target, String text, QueryTranslation translation) {
    if (translation != null
        && translation.terms().stream()
            .anyMatch(t -> t.sourceLang().equals(lexLang(target.lang())))) {
      return sameLanguage(target, text, translation);
    }
    QueryBuilder qb = new QueryBuilder(target.analyzer());
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    Query plain = qb.createBooleanQuery(FIELD, text, BooleanClause.Occur.SHOULD);
    if (translation == null) {
      // what was typed, in its own language (the ceiling): as the search, with the start clause;
      // typed words in a language they were translated into get none (QueryBuilder.build)
      plain = withStart(target, text, plain);
    }
    if (plain != null) {
      b.add(
          translation == null ? plain : new org.apache.lucene.search.BoostQuery(plain, PLAIN),
          BooleanClause.Occur.SHOULD);
    }
    if (translation != null) {
      List<List<List<String>>> near = new ArrayList<>();
      for (List<String> alternatives : translation.into(lexLang(target.lang()))) {
        Query q = alternatives(target, alternatives, near);
        if (q != null) {
          b.add(q, BooleanClause.Occur.SHOULD);
        }
      }
      Query close = TranslatedWords.near(FIELD, near);
      if (close != null) {
        b.add(close, BooleanClause.Occur.SHOULD);
      }
      Query start = TranslatedWords.start(FIELD, near);
      if (start != null) {
        b.add(start, BooleanClause.Occur.SHOULD);
      }
    }
    return b.build();
  }

  /**
   * One word's translations as the search weighs them ({@link TranslatedWords#word}), their term
   * sequences added to {@code near}; null when none makes a query.
   */
  private static Query alternatives(
      Collection target, List<String> alternatives, List<List<List<String>>> near) {
    List<List<String>> sequences = new ArrayList<>();
    List<Query> queries = new ArrayList<>();
    QueryBuilder qb = new QueryBuilder(target.analyzer());
    for (String alt : alternatives) {
      List<String> seq = Terms.sequence(target.analyzer(), FIELD, alt);
      sequences.add(seq);
      queries.add(seq == null ? qb.createPhraseQuery(FIELD, alt) : null);
    }
    Query q = TranslatedWords.word(FIELD, sequences, queries);
    if (q != null) {
      near.add(sequences);
    }
    return q;
  }

  /**
   * The query searched when the title is in the target's own language (zh-cn and zh-tw, one index
   * language), as the search builds it: the title as typed at full weight, OR'd with the title as
   * the other standard writes it (each word by its variants where it has any, else as typed), the
   * latter at the weight of a translated match.
   */
  private static Query sameLanguage(Collection target, String text, QueryTranslation translation) {
    QueryBuilder qb = new QueryBuilder(target.analyzer());
    String lang = lexLang(target.lang());
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    Query plain =
        withStart(target, text, qb.createBooleanQuery(FIELD, text, BooleanClause.Occur.SHOULD));
    if (plain != null) {
      b.add(plain, BooleanClause.Occur.SHOULD);
    }
    if (translation.into(lang).isEmpty()) {
      return b.build();
    }
    BooleanQuery.Builder other = new BooleanQuery.Builder();
    List<List<List<String>>> near = new ArrayList<>();
    for (QueryTranslation.Term term : translation.terms()) {
      Query q =
          alternatives(target, term.targets().getOrDefault(lang, List.of(term.source())), near);
      if (q != null) {
        other.add(q, BooleanClause.Occur.SHOULD);
      }
    }
    // As the search: no near clause for the other standard's spelling (QueryBuilder.translated).
    Query close =
        Boolean.getBoolean("parkdoc.nearForVariants") ? TranslatedWords.near(FIELD, near) : null;
    if (close != null) {
      other.add(close, BooleanClause.Occur.SHOULD);
    }
    Query start =
        "false".equals(System.getProperty("parkdoc.startForVariants"))
            ? null
            : TranslatedWords.start(FIELD, near);
    if (start != null) {
      other.add(start, BooleanClause.Occur.SHOULD);
    }
    b.add(
        new org.apache.lucene.search.BoostQuery(other.build(), SAME_LANGUAGE),
        BooleanClause.Occur.SHOULD);
    return b.build();
  }

  /**
   * {@code plain}, the typed query, with the start clause of its terms, as the search adds it
   * ({@code QueryBuilder.withStart}).
   */
  static Query withStart(Collection target, String text, Query plain) {
    if (plain == null) {
      return plain;
    }
    List<String> terms = Terms.of(target.analyzer(), FIELD, text);
    List<List<List<String>>> words = new ArrayList<>();
    for (String t : new java.util.LinkedHashSet<>(terms)) {
      words.add(List.of(List.of(t)));
    }
    Query start = TranslatedWords.start(FIELD, words);
    if (start == null) {
      return plain;
    }
    return new BooleanQuery.Builder()
        .add(plain, BooleanClause.Occur.MUST)
        .add(start, BooleanClause.Occur.SHOULD)
        .build();
  }

  /** What the other standard's words weigh beside what was typed (the search's translated 0.5). */
  private static final float SAME_LANGUAGE =
      Float.parseFloat(System.getProperty("parkdoc.translatedFactor", "0.5"));

  /** The rank (1-based) of {@code id} in the top 10 of {@code q} on {@code c}, or 0. */
  static int rank(Collection c, Query q, String id) throws IOException {
    ScoreDoc[] top = c.searcher().search(q, 10).scoreDocs;
    for (int i = 0; i < top.length; i++) {
      if (c.searcher().storedFields().document(top[i].doc).get("id").equals(id)) {
        return i + 1;
      }
    }
    return 0;
  }

  /** Evaluates every direction on the pages of {@code half} (0, 1, or -1 for all). */
  public List<Row> run(int half, Translator translator) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (String from : COLLECTIONS) {
      for (String to : COLLECTIONS) {
        if (from.equals(to)) {
          continue;
        }
        rows.add(direction(from, to, half, translator));
      }
    }
    return rows;
  }

  Row direction(String from, String to, int half, Translator translator) throws IOException {
    Collection src = collections.get(from);
    Collection dst = collections.get(to);
    String targetLang = lexLang(to);
    DocFrequencies df = (lang, text) -> lang.equals(targetLang) ? docFreq(dst, text) : 0;
    int n = 0;
    int misses = 0;
    double[] r = new double[3];
    double[] mrr = new double[3];
    for (String id : ids) {
      if (half >= 0 && half(id) != half) {
        continue;
      }
      String title = src.titles().get(id);
      String answerTitle = dst.titles().get(id);
      if (title.isEmpty()
          || (!from.equals("en") && LATIN.matcher(title).find())
          || (!to.equals("en") && LATIN.matcher(answerTitle).find())) {
        continue;
      }
      n++;
      QueryTranslation t =
          translator.translate(title, from.startsWith("zh") ? "zh" : from, Set.of(targetLang), df);
      int[] ranks = {
        rank(dst, query(dst, title, null), id),
        rank(dst, query(dst, title, t), id),
        rank(dst, query(dst, answerTitle, null), id)
      };
      if (ranks[1] == 0 && misses++ < MISSES) {
        System.out.println(miss(from, to, title, t, targetLang, answerTitle, ranks));
      }
      for (int k = 0; k < 3; k++) {
        if (ranks[k] > 0) {
          r[k]++;
          mrr[k] += 1.0 / ranks[k];
        }
      }
    }
    double d = Math.max(n, 1);
    return new Row(from, to, n, r[0] / d, mrr[0] / d, r[1] / d, mrr[1] / d, r[2] / d, mrr[2] / d);
  }

  /**
   * How many misses of the translated query (the right page not in its top 10) each direction
   * prints, with what the query became: {@code -Dparkdoc.eval.misses=N} (0 by default).
   */
  private static final int MISSES = Integer.getInteger("parkdoc.eval.misses", 0);

  /** One miss as a line: the title, each word and its translations into the target, the answer. */
  private static String miss(
      String from,
      String to,
      String title,
      QueryTranslation t,
      String targetLang,
      String answerTitle,
      int[] ranks) {
    StringBuilder b = new StringBuilder("miss " + from + "->" + to + ": " + title + " =>");
    for (QueryTranslation.Term term : t.terms()) {
      List<String> alts = term.targets().get(targetLang);
      b.append(' ')
          .append(term.source())
          .append('[')
          .append(alts == null ? "-" : String.join("|", alts))
          .append(']');
    }
    return b.append("  answer: ")
        .append(answerTitle)
        .append("  (plain rank ")
        .append(ranks[0])
        .append(", ceiling ")
        .append(ranks[2])
        .append(')')
        .toString();
  }

  /** Prints {@code rows} as the table docs/translation.md carries. */
  public static void print(List<Row> rows, PrintStream out) {
    out.println(
        "| direction | queries | R@10 plain | R@10 translated | MRR@10 plain | MRR@10 translated | R@10 ceiling |");
    out.println("|---|---:|---:|---:|---:|---:|---:|");
    double sum = 0;
    for (Row r : rows) {
      out.printf(
          Locale.ROOT,
          "| %s -> %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
          r.from(),
          r.to(),
          r.queries(),
          r.r10Plain(),
          r.r10Translated(),
          r.mrrPlain(),
          r.mrrTranslated(),
          r.r10Ceiling());
      sum += r.r10Translated();
    }
    out.printf(Locale.ROOT, "mean R@10 translated: %.3f%n", sum / rows.size());
  }

  /**
   * {@code TranslationEval CORPUS [HALF] [FROM TO]}: the table, then the lexicon's cost figures.
   */
  public static void main(String[] args) throws IOException {
    Path corpus = Path.of(args[0]);
    int half = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long heapBefore = rt.totalMemory() - rt.freeMemory();
    // The first query's cost in a fresh JVM: the parts its words need, loaded on demand.
    StringBuilder first = new StringBuilder();
    for (String q : List.of("laser", "레이저", "レーザー", "激光")) {
      long t = System.nanoTime();
      Translator.bundled().translate(q, null, Set.of("en", "ko", "ja", "zh"), DocFrequencies.ANY);
      first.append(String.format(Locale.ROOT, "%s %.1f ms, ", q, (System.nanoTime() - t) / 1e6));
    }
    long t0 = System.nanoTime();
    Lexicon.bundled().loadAll();
    long loadNanos = System.nanoTime() - t0;
    System.gc();
    long heap = rt.totalMemory() - rt.freeMemory() - heapBefore;
    long t1 = System.nanoTime();
    TranslationEval eval = new TranslationEval(corpus);
    System.err.printf(
        Locale.ROOT,
        "indexed %d pages x %d languages in %.1f s%n",
        eval.ids.size(),
        COLLECTIONS.size(),
        (System.nanoTime() - t1) / 1e9);
    List<Row> rows;
    if (args.length > 3) {
      rows = new ArrayList<>();
      for (int i = 2; i + 1 < args.length; i += 2) {
        rows.add(eval.direction(args[i], args[i + 1], half, Translator.bundled()));
      }
    } else {
      int perTerm = Integer.getInteger("perTerm", Translator.PER_TERM);
      rows = eval.run(half, new Translator(Lexicon.bundled(), perTerm));
    }
    System.out.println(
        "half " + half + " (" + (half == 1 ? "evaluation" : half == 0 ? "tuning" : "all") + ")");
    print(rows, System.out);
    // Cost: lexicon load (all five parts, first use in this JVM), its heap, and translation time.
    Translator tr = Translator.bundled();
    Set<String> all = Set.of("en", "ko", "ja", "zh");
    List<String> queries = new ArrayList<>();
    for (String id : eval.ids) {
      for (String c : COLLECTIONS) {
        queries.add(eval.collections.get(c).titles().get(id));
      }
    }
    for (int warm = 0; warm < 2; warm++) {
      queries.forEach(q -> tr.translate(q, null, all, DocFrequencies.ANY));
    }
    long t2 = System.nanoTime();
    for (String q : queries) {
      tr.translate(q, null, all, DocFrequencies.ANY);
    }
    double perQuery = (System.nanoTime() - t2) / 1e6 / queries.size();
    System.out.println("first translations in a fresh JVM (parts loaded on demand): " + first);
    System.out.printf(
        Locale.ROOT,
        "lexicon: every other part loaded in %.1f ms, heap %.1f MB; "
            + "translating a title (no df look-ups) %.3f ms on average over %d titles; JVM %s%n",
        loadNanos / 1e6,
        heap / 1e6,
        perQuery,
        queries.size(),
        ManagementFactory.getRuntimeMXBean().getVmVersion());
  }
}
