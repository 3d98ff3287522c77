package io.parkdoc.backend.lucene;

import io.parkdoc.core.IndexedDocument;
import io.parkdoc.core.MatchExplanation;
import io.parkdoc.core.ParkdocException;
import io.parkdoc.core.Snippet;
import io.parkdoc.core.analysis.AnalyzerCache;
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
  private final Map<String, Integer> docIds = new HashMap<>();
  private final Map<String, String> texts = new HashMap<>();

  private PageIndex(List<IndexedDocument> docs, AnalyzerCache analyzers) throws IOException {
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzers.byField()))) {
      for (IndexedDocument d : docs) {
        w.addDocument(Schema.toDocument(d));
      }
    }
    reader = DirectoryReader.open(dir);
    searcher = new IndexSearcher(reader);
    passages = new Passages(searcher, analyzers);
    for (int i = 0; i < docs.size(); i++) {
      docIds.put(docs.get(i).path(), i); // one segment, in the order added
      texts.put(docs.get(i).path(), docs.get(i).text());
    }
  }

  /** The documents {@code docs} (the hits of a page), indexed in memory with {@code analyzers}. */
  public static PageIndex of(List<IndexedDocument> docs, AnalyzerCache analyzers) {
    try {
      return new PageIndex(docs, analyzers);
    } catch (IOException e) {
      throw new ParkdocException("cannot index the hits' text in memory: " + e.getMessage(), e);
    }
  }

  /**
   * Up to {@code passages} snippets of each document in the text fields of {@code languages}, by
   * path; as {@code LuceneSearcher} cuts them.
   */
  public Map<String, List<Snippet>> snippets(
      Query query, List<String> languages, boolean natural, int passages) {
    int[] ids = docIds.values().stream().mapToInt(Integer::intValue).sorted().toArray();
    Map<String, List<Snippet>> out = new HashMap<>();
    try {
      Map<Integer, List<Snippet>> byId =
          this.passages.snippets(query, languages, natural, ids, passages);
      docIds.forEach(
          (path, id) -> {
            if (byId.containsKey(id)) {
              out.put(path, byId.get(id));
            }
          });
    } catch (IOException e) {
      throw new ParkdocException("cannot cut passages: " + e.getMessage(), e);
    }
    return out;
  }

  /** Every place {@code query} matches in the text field {@code field} of {@code path}. */
  public List<Snippet.Span> spans(Query query, boolean natural, String field, String path) {
    try {
      return passages.spans(query, natural, field, docIds.get(path));
    } catch (IOException e) {
      throw new ParkdocException("cannot mark the matches: " + e.getMessage(), e);
    }
  }

  /** The terms {@code query} matched in each text field of {@code path}. */
  public List<MatchExplanation.FieldMatch> matches(Query query, String path) {
    try {
      return Explainer.matches(searcher, query, docIds.get(path), texts.get(path));
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
