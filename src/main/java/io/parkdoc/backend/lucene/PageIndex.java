package io.parkdoc.backend.lucene;

import io.parkdoc.core.IndexedDocument;
import io.parkdoc.core.MatchExplanation;
import io.parkdoc.core.ParkdocException;
import io.parkdoc.core.Snippet;
import io.parkdoc.core.analysis.AnalyzerCache;
import io.parkdoc.core.analysis.Fields;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * A page of hits as a small local index in memory, for a backend whose server ranks the documents
 * but whose passages parkdoc cuts itself ({@code backend/solr}): the hits' stored text indexed as
 * the local index does ({@link Schema}), so that their passages, match spans and matched terms are
 * exactly those a local search shows. Thread-safe once built; close it when done.
 */
public final class PageIndex implements AutoCloseable {
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final Passages passages;

  /** Document ids by path and part language ("path\0indexLang"). */
  private final Map<String, Integer> docIds = new java.util.LinkedHashMap<>();

  private final Map<String, String> texts = new HashMap<>();

  private PageIndex(List<IndexedDocument> docs, AnalyzerCache analyzers) throws IOException {
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzers.byField()))) {
      int id = 0;
      for (IndexedDocument d : docs) {
        for (IndexedDocument.Part part : d.parts()) {
          w.addDocument(Schema.toDocument(d, part));
          docIds.put(key(d.path(), part.indexLang()), id++); // one segment, in the order added
          texts.put(key(d.path(), part.indexLang()), part.text());
        }
      }
    }
    reader = DirectoryReader.open(dir);
    searcher = new IndexSearcher(reader);
    passages = new Passages(searcher, analyzers);
  }

  private static String key(String path, String indexLang) {
    return path + "\0" + indexLang;
  }

  /**
   * The documents {@code docs} (the hits of a page: each with the parts a passage or a match may
   * come from), indexed in memory with {@code analyzers}.
   */
  public static PageIndex of(List<IndexedDocument> docs, AnalyzerCache analyzers) {
    try {
      return new PageIndex(docs, analyzers);
    } catch (IOException e) {
      throw new ParkdocException("cannot index the hits' text in memory: " + e.getMessage(), e);
    }
  }

  /**
   * Up to {@code passages} snippets of each document in the text fields of {@code languages}, by
   * path (a document with several parts here: its parts' snippets together); as {@code
   * LuceneSearcher} cuts them.
   */
  public Map<String, List<Snippet>> snippets(
      Query query, List<String> languages, boolean natural, int passages) {
    int[] ids = docIds.values().stream().mapToInt(Integer::intValue).sorted().toArray();
    Map<String, List<Snippet>> out = new HashMap<>();
    try {
      Map<Integer, List<Snippet>> byId =
          this.passages.snippets(query, languages, natural, ids, passages);
      docIds.forEach(
          (key, id) -> {
            if (byId.containsKey(id)) {
              out.merge(
                  key.substring(0, key.indexOf('\0')),
                  byId.get(id),
                  (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
            }
          });
    } catch (IOException e) {
      throw new ParkdocException("cannot cut passages: " + e.getMessage(), e);
    }
    return out;
  }

  /** Every place {@code query} matches in the part of {@code path} in {@code indexLang}. */
  public List<Snippet.Span> spans(Query query, boolean natural, String path, String indexLang) {
    try {
      return passages.spans(
          query, natural, Fields.text(indexLang), docIds.get(key(path, indexLang)));
    } catch (IOException e) {
      throw new ParkdocException("cannot mark the matches: " + e.getMessage(), e);
    }
  }

  /** The terms {@code query} matched in the part of {@code path} in {@code indexLang}. */
  public List<MatchExplanation.FieldMatch> matches(Query query, String path, String indexLang) {
    try {
      String key = key(path, indexLang);
      return Explainer.matches(searcher, query, docIds.get(key), texts.get(key));
    } catch (IOException e) {
      throw new ParkdocException("cannot find the matches: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      // in memory: nothing is lost
    }
  }
}
