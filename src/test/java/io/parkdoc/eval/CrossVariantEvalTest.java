package io.parkdoc.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkdoc.SharedCorpora;
import io.parkdoc.backend.Backends;
import io.parkdoc.backend.lucene.IndexLayout;
import io.parkdoc.backend.lucene.LuceneSearcher;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.SearchRequest;
import io.parkdoc.core.analysis.HanVariants;
import io.parkdoc.core.detect.LanguageDetector;
import io.parkdoc.core.index.Indexer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cross-variant set: relevance-set queries rewritten in another Han spelling (Traditional to
 * Simplified, Simplified to Traditional, Japanese shinjitai to Simplified), searched against the
 * original text. Recall@10 of parkdoc (variants folded) against plain Lucene analyzers without
 * folding ("before"), and against the same queries in their original spelling.
 */
class CrossVariantEvalTest {
  private static final int QUERIES = 800;

  @TempDir Path tmp;

  private record Case(
      String name, String set, String lang, String queries, UnaryOperator<String> rewrite) {}

  @Test
  void variantQueriesFindTheOriginalText() throws IOException {
    Path eval = SharedCorpora.unpack("eval").resolve("eval");
    Map<Character, Character> toTraditional = traditionalForms();
    List<Case> cases =
        List.of(
            new Case(
                "drcd: Traditional text, Simplified queries",
                "drcd",
                "zh-tw",
                "drcd.zh-tw",
                HanVariants::toSimplified),
            new Case(
                "xquad-zh: Simplified text, Traditional queries",
                "xquad",
                "zh",
                "xquad.zh",
                q -> map(q, toTraditional)),
            new Case(
                "jsquad: Japanese text, Simplified Han in queries",
                "jsquad",
                "ja",
                "jsquad.ja",
                HanVariants::toSimplified));
    IndexLayout layout = new IndexLayout(tmp.resolve("index"));
    try (Indexer indexer =
        Backends.indexer(layout, IndexOptions.defaults(), new LanguageDetector())) {
      indexer.index(
          List.of(eval.resolve("drcd/zh-tw"), eval.resolve("xquad/zh"), eval.resolve("jsquad/ja")));
    }
    StringBuilder table =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-48s %8s %9s %9s %9s%n",
                "cross-variant set (recall@10)",
                "queries",
                "original",
                "before",
                "parkdoc"));
    List<String> failures = new ArrayList<>();
    try (LuceneSearcher searcher = LuceneSearcher.open(layout)) {
      for (Case c : cases) {
        Path docs = eval.resolve(c.set).resolve(c.lang);
        Map<String, String> qrels = qrels(eval.resolve(c.queries + ".qrels"));
        List<String[]> queries = queries(eval.resolve(c.queries + ".queries.tsv"), qrels);
        String prefix = docs.toAbsolutePath().normalize() + "/";
        double original = recall(queries, qrels, q -> parkdoc(searcher, q, prefix));
        double after =
            recall(rewritten(queries, c.rewrite), qrels, q -> parkdoc(searcher, q, prefix));
        double before;
        try (Plain plain =
            new Plain(
                docs, c.lang.equals("ja") ? new JapaneseAnalyzer() : new SmartChineseAnalyzer())) {
          before = recall(rewritten(queries, c.rewrite), qrels, plain::search);
        }
        table.append(
            String.format(
                Locale.ROOT,
                "%-48s %8d %9.3f %9.3f %9.3f%n",
                c.name,
                queries.size(),
                original,
                before,
                after));
        if (after + 0.02 < original || after < before) {
          failures.add(c.name);
        }
      }
    }
    System.out.print(table);
    assertTrue(failures.isEmpty(), "variant queries lose recall: " + failures + "\n" + table);
  }

  private static List<String> parkdoc(LuceneSearcher searcher, String query, String prefix) {
    return searcher.search(new SearchRequest(query, Set.of(), 10, 0, 0, true)).hits().stream()
        .filter(h -> h.path().startsWith(prefix))
        .map(h -> stem(Path.of(h.path()).getFileName().toString()))
        .toList();
  }

  private interface Engine {
    List<String> search(String query) throws IOException;
  }

  private static double recall(List<String[]> queries, Map<String, String> qrels, Engine engine)
      throws IOException {
    int found = 0;
    for (String[] q : queries) {
      if (engine.search(q[1]).contains(qrels.get(q[0]))) {
        found++;
      }
    }
    return (double) found / queries.size();
  }

  private static List<String[]> rewritten(List<String[]> queries, UnaryOperator<String> rewrite) {
    return queries.stream().map(q -> new String[] {q[0], rewrite.apply(q[1])}).toList();
  }

  /**
   * Plain Lucene: one field, the language's stock analyzer, no folding, OR of the query's terms.
   */
  private static final class Plain implements AutoCloseable {
    private final Analyzer analyzer;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    Plain(Path docs, Analyzer analyzer) throws IOException {
      this.analyzer = analyzer;
      ByteBuffersDirectory dir = new ByteBuffersDirectory();
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer));
          Stream<Path> files = Files.list(docs)) {
        for (Path f : files.toList()) {
          Document d = new Document();
          d.add(new StringField("id", stem(f.getFileName().toString()), Field.Store.YES));
          d.add(new TextField("body", Files.readString(f), Field.Store.NO));
          w.addDocument(d);
        }
      }
      reader = DirectoryReader.open(dir);
      searcher = new IndexSearcher(reader);
    }

    List<String> search(String query) throws IOException {
      Query q = new QueryBuilder(analyzer).createBooleanQuery("body", query);
      if (q == null) {
        return List.of();
      }
      List<String> ids = new ArrayList<>();
      for (ScoreDoc sd : searcher.search(q, 10).scoreDocs) {
        ids.add(searcher.storedFields().document(sd.doc).get("id"));
      }
      return ids;
    }

    @Override
    public void close() throws IOException {
      reader.close();
      analyzer.close();
    }
  }

  private static String stem(String file) {
    return file.endsWith(".txt") ? file.substring(0, file.length() - 4) : file;
  }

  private static String map(String s, Map<Character, Character> table) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      sb.append(table.getOrDefault(c, c));
    }
    return sb.toString();
  }

  /**
   * Simplified to Traditional, the reverse of the fold table's Traditional rows (first one wins).
   */
  private static Map<Character, Character> traditionalForms() throws IOException {
    Map<Character, Character> m = new HashMap<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                HanVariants.class.getResourceAsStream("han-fold.tsv"), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.startsWith("#") && line.length() >= 5 && line.charAt(4) == 'T') {
          m.putIfAbsent(line.charAt(2), line.charAt(0));
        }
      }
    }
    return m;
  }

  private static Map<String, String> qrels(Path file) throws IOException {
    Map<String, String> m = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4) {
        m.putIfAbsent(f[0], f[2]);
      }
    }
    return m;
  }

  /** The first {@link #QUERIES} judged queries. */
  private static List<String[]> queries(Path file, Map<String, String> qrels) throws IOException {
    List<String[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      if (tab > 0 && qrels.containsKey(line.substring(0, tab))) {
        out.add(new String[] {line.substring(0, tab), line.substring(tab + 1)});
      }
      if (out.size() == QUERIES) {
        break;
      }
    }
    return out;
  }
}
