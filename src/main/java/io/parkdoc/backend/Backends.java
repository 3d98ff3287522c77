package io.parkdoc.backend;

import io.parkdoc.backend.lucene.IndexLayout;
import io.parkdoc.backend.lucene.LuceneSearcher;
import io.parkdoc.backend.lucene.LuceneStore;
import io.parkdoc.backend.solr.SolrBackend;
import io.parkdoc.backend.solr.SolrLocation;
import io.parkdoc.backend.solr.SolrStore;
import io.parkdoc.core.DocumentStore;
import io.parkdoc.core.IndexLocation;
import io.parkdoc.core.IndexOptions;
import io.parkdoc.core.ParkdocException;
import io.parkdoc.core.SearchBackend;
import io.parkdoc.core.detect.LanguageDetector;
import io.parkdoc.core.extract.ExtractLimits;
import io.parkdoc.core.extract.FormatExtractor;
import io.parkdoc.core.index.Indexer;

/**
 * Opens the backend an {@link IndexLocation} names: the local per-language Lucene indices for a
 * folder; a server backend for its URL scheme. The one place front ends choose a backend.
 * Stateless.
 */
public final class Backends {
  private Backends() {}

  /**
   * Opens the index at {@code location} for searching.
   *
   * @throws ParkdocException when there is no index there, or it cannot be read
   */
  public static SearchBackend search(IndexLocation location) {
    if (isSolr(location)) {
      return SolrBackend.open(solr(location), location);
    }
    return LuceneSearcher.open(layout(location));
  }

  /**
   * Opens the index at {@code location} for writing, creating it when absent, and takes its write
   * lock.
   *
   * @param rebuild start afresh: the documents stored are not read
   */
  public static DocumentStore store(IndexLocation location, boolean rebuild) {
    if (isSolr(location)) {
      return SolrStore.open(solr(location), location, rebuild);
    }
    return LuceneStore.open(layout(location), rebuild);
  }

  private static boolean isSolr(IndexLocation location) {
    return !location.isLocal() && SolrLocation.isSolr(location.uri().toString());
  }

  /**
   * The SolrCloud collection a {@code solr://} or {@code solrs://} location names; credentials from
   * the location itself, else from {@code PARKDOC_SOLR_AUTH} (user:password); certificates to trust
   * from {@code PARKDOC_SOLR_TRUSTSTORE}.
   */
  private static SolrLocation solr(IndexLocation location) {
    return SolrLocation.parse(location.uri().toString(), System.getenv("PARKDOC_SOLR_AUTH"))
        .withTrustStore(System.getenv("PARKDOC_SOLR_TRUSTSTORE"));
  }

  /** True when there is an index at {@code location} (a server's collection is taken to exist). */
  public static boolean exists(IndexLocation location) {
    return !location.isLocal() || new IndexLayout(location.folder()).exists();
  }

  /**
   * The index languages of the index at {@code location}, or null when there is none (for {@code
   * analyze}, which then shows every language a search could use).
   */
  public static java.util.List<String> languages(IndexLocation location) {
    if (!exists(location)) {
      return null;
    }
    if (location.isLocal()) {
      return new IndexLayout(location.folder()).languagesOnDisk();
    }
    try (SearchBackend backend = search(location)) {
      return backend.languages();
    }
  }

  /**
   * An indexer of text files (HTML too) and document formats (PDF, Office, OpenDocument, EPUB, RTF;
   * scans with OCR) writing into the index at {@code location}. Documents are read in worker
   * processes that start only when a file needs one, and end when the indexer is closed.
   */
  public static Indexer indexer(
      IndexLocation location, IndexOptions options, LanguageDetector detector) {
    ExtractLimits limits = ExtractLimits.DEFAULT.withOcr(options.ocrLanguages());
    if (!options.ocrLanguages().isEmpty()) {
      // a scanned book is read a page at a time, seconds each
      limits = limits.withTimeout(java.time.Duration.ofMinutes(10));
    }
    FormatExtractor extractor = new FormatExtractor(limits, options.threads());
    return Indexer.open(store(location, options.rebuild()), options, detector, extractor);
  }

  /** An indexer writing into the local index of {@code layout} (for tests and tools). */
  public static Indexer indexer(
      IndexLayout layout, IndexOptions options, LanguageDetector detector) {
    return indexer(IndexLocation.of(layout.root()), options, detector);
  }

  private static IndexLayout layout(IndexLocation location) {
    if (!location.isLocal()) {
      throw new ParkdocException(
          "no backend serves "
              + location.uri().getScheme()
              + ":// addresses in this build: "
              + location);
    }
    return new IndexLayout(location.folder());
  }
}
