package io.parkdoc.backend.solr;

import io.parkdoc.core.DocumentStore;
import io.parkdoc.core.IndexLocation;
import io.parkdoc.core.IndexedDocument;
import io.parkdoc.core.ParkdocException;
import io.parkdoc.core.StoredDocument;
import io.parkdoc.core.analysis.Languages;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;

/**
 * parkdoc's documents in a SolrCloud collection: what is indexed already, adding, replacing and
 * deleting documents in batches, committing, and the lock that keeps a second indexer away.
 *
 * <p>Updates go in batches of up to {@value #BATCH_DOCS} documents (or {@value #BATCH_BYTES}
 * bytes), two batches in flight at once. A batch that cannot reach the cluster, or that a node
 * refuses while it is going down, is sent again with backoff (1, 2, 4 ... 30 s, for up to {@value
 * #RETRY_SECONDS} s): with replication factor 2 a run survives a node going down while it indexes.
 * Thread-safe.
 *
 * <p>Why this file is longer than 500 lines: reading the stored parts back, batching updates with
 * retries, and the collection's write lock are one conversation with the cluster over the same HTTP
 * client and state.
 */
public final class SolrStore implements DocumentStore {
  static final int BATCH_DOCS = 200;
  static final int BATCH_BYTES = 4 << 20;
  static final int RETRY_SECONDS = 180;

  /** The lock's path: no file's path starts with two underscores and a slash... in practice. */
  static final String LOCK_ID = "__parkdoc__!lock";

  static final long LOCK_MILLIS = 60_000;

  private final SolrHttp http;
  private final String collection;
  private final Map<String, Analyzer> analyzers = new ConcurrentHashMap<>();
  private final ExecutorService senders =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "parkdoc-solr-update");
            t.setDaemon(true);
            return t;
          });
  private final List<Future<?>> inFlight = new ArrayList<>();
  private final Object batchLock = new Object();
  private List<Object> batch = new ArrayList<>();
  private long batchBytes;
  private ScheduledExecutorService heartbeat;
  private String owner;

  private final IndexLocation location;
  private final java.util.concurrent.atomic.AtomicInteger commits =
      new java.util.concurrent.atomic.AtomicInteger();
  private Map<String, StoredDocument> existing;

  /** The index languages of each file's parts, as stored: what a delete or a put must remove. */
  private final Map<String, List<String>> stored = new ConcurrentHashMap<>();

  SolrStore(SolrHttp http, IndexLocation location) {
    this.http = http;
    this.collection = http.location().collection();
    this.location = location;
  }

  /**
   * Opens the collection at {@code where} for indexing and takes its lock.
   *
   * @param rebuild start afresh: every document is deleted first
   * @throws ParkdocException when the cluster cannot be reached, has no such collection, or another
   *     indexer holds the lock
   */
  public static SolrStore open(SolrLocation where, IndexLocation location, boolean rebuild) {
    SolrHttp http = new SolrHttp(where);
    http.discoverNodes();
    if (!new SolrAdmin(http).collections().contains(where.collection())) {
      throw new ParkdocException(
          "no collection '"
              + where.collection()
              + "' on the Solr cluster at "
              + where.node()
              + "; create it with: parkdoc --index "
              + where
              + " solr init");
    }
    SolrStore store = new SolrStore(http, location);
    store.lock();
    try {
      if (rebuild) {
        store.clear();
        store.existing = new java.util.HashMap<>();
      } else {
        store.existing = store.read();
      }
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  @Override
  public IndexLocation location() {
    return location;
  }

  @Override
  public java.nio.file.Path folder() {
    return null;
  }

  @Override
  public Map<String, StoredDocument> existing() {
    return existing == null ? read() : new java.util.HashMap<>(existing);
  }

  /** Every document in the collection, by path (read page by page with a cursor). */
  Map<String, StoredDocument> read() {
    Map<String, List<Object>> parts = new java.util.HashMap<>();
    String cursor = "*";
    while (true) {
      Map<String, Object> r =
          http.get(
              "/" + collection + "/select",
              "q",
              "*:*",
              "fq",
              "lang:*",
              "fl",
              "path,ilang,main,parts,size,mtime,hash",
              "sort",
              "id asc",
              "rows",
              "5000",
              "cursorMark",
              cursor);
      for (Object d : SolrJson.list(SolrJson.map(r, "response"), "docs")) {
        parts.computeIfAbsent(SolrJson.string(d, "path"), k -> new ArrayList<>()).add(d);
      }
      String next = SolrJson.string(r, "nextCursorMark");
      if (next == null || next.equals(cursor)) {
        break;
      }
      cursor = next;
    }
    Map<String, StoredDocument> out = new java.util.HashMap<>();
    parts.forEach(
        (path, list) -> {
          // the main part first, as the file's parts are ordered
          list.sort(java.util.Comparator.comparing(d -> SolrJson.string(d, "main") == null));
          Object main = list.get(0);
          List<String> langs = new ArrayList<>();
          boolean intact = SolrJson.number(main, "parts", -1) == list.size();
          for (Object d : list) {
            langs.add(SolrJson.string(d, "ilang"));
            intact &=
                java.util.Objects.equals(SolrJson.string(d, "hash"), SolrJson.string(main, "hash"));
          }
          intact &= SolrJson.string(main, "main") != null;
          out.put(
              path,
              new StoredDocument(
                  path,
                  List.copyOf(langs),
                  SolrJson.number(main, "size", -1),
                  SolrJson.number(main, "mtime", -1),
                  SolrJson.string(main, "hash"),
                  intact));
          stored.put(path, List.copyOf(langs));
        });
    return out;
  }

  /**
   * The id of the part of {@code path} in {@code indexLang}: the compositeId router sends every id
   * with the same prefix before '!' to one shard, so all parts of a file are on one shard, where a
   * search collapses them into one hit. Hex only: a path's own '!' or '/' would mean routing
   * options to the router.
   */
  static String id(String path, String indexLang) {
    String hash = sha256(path);
    return hash.substring(0, 16) + "!" + hash.substring(16) + "-" + indexLang;
  }

  private static String sha256(String s) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Adds or replaces a file: one Solr document per part (language), laid out as the local index's
   * ({@code Schema}); the parts of its former languages that it no longer has are deleted.
   */
  @Override
  public void put(IndexedDocument doc, StoredDocument before) {
    List<String> now = doc.indexLanguages();
    for (IndexedDocument.Part part : doc.parts()) {
      String indexLang = part.indexLang();
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("id", id(doc.path(), indexLang));
      d.put("path", doc.path());
      d.put("lang", part.lang());
      d.put("ilang", indexLang);
      d.put("mainlang", doc.lang());
      if (part == doc.parts().get(0)) {
        d.put("main", "1");
      }
      d.put("langs", String.join(",", doc.languages()));
      d.put("parts", doc.parts().size());
      d.put("title", doc.title());
      d.put("size", doc.size());
      d.put("mtime", doc.mtime());
      d.put("hash", doc.hash());
      d.put("encoding", doc.encoding());
      String field = Configset.textField(indexLang);
      if (Configset.preAnalyzed(indexLang)) {
        d.put(
            field,
            PreAnalyzed.json(
                analyzers.computeIfAbsent(indexLang, Languages::newAnalyzer), field, part.text()));
      } else {
        d.put(field, part.text());
      }
      if (Languages.isCjk(indexLang)) {
        d.put(Configset.bigramField(indexLang), part.text());
      }
      add(d, part.text().length() * (Configset.preAnalyzed(indexLang) ? 6L : 2L));
    }
    List<String> old = before != null ? before.indexLangs() : stored.get(doc.path());
    if (old != null) {
      for (String lang : old) {
        if (!now.contains(lang)) {
          add(Map.of("delete", id(doc.path(), lang)), 64);
        }
      }
    }
    stored.put(doc.path(), now);
  }

  /**
   * Nothing: the collection keeps the time the document was indexed at, and the next run reads the
   * touched file again to find it unchanged. Solr rewrites a whole document to change one field,
   * and the bigram fields are not stored to rewrite it from.
   */
  @Override
  public void touch(StoredDocument doc, long mtime) {}

  /** Deletes every document (not the collection's own records). */
  @Override
  public void clear() {
    flush();
    retry(
        "deleting every document",
        () ->
            http.postJson(
                "/" + collection + "/update", Map.of("delete", Map.of("query", "lang:*"))));
  }

  @Override
  public void flush(ExecutorService pool, int threads) {
    flush();
  }

  @Override
  public int commits() {
    return commits.get();
  }

  /** Deletes every part of the file at {@code path} (batched). */
  @Override
  public void delete(String path) {
    List<String> langs = stored.remove(path);
    for (String lang : langs != null ? langs : Languages.indexLanguages()) {
      add(Map.of("delete", id(path, lang)), 64);
    }
  }

  private void add(Object item, long bytes) {
    List<Object> full = null;
    synchronized (batchLock) {
      batch.add(item);
      batchBytes += bytes;
      if (batch.size() >= BATCH_DOCS || batchBytes >= BATCH_BYTES) {
        full = batch;
        batch = new ArrayList<>();
        batchBytes = 0;
      }
    }
    if (full != null) {
      send(full);
    }
  }

  private void send(List<Object> items) {
    List<Future<?>> wait;
    synchronized (inFlight) {
      inFlight.removeIf(Future::isDone);
      wait = inFlight.size() >= 2 ? List.copyOf(inFlight) : List.of();
    }
    for (Future<?> f : wait.subList(0, Math.max(0, wait.size() - 1))) {
      join(f); // at most two batches in flight: back-pressure on the indexer
    }
    Future<?> f = senders.submit(() -> sendWithRetry(items));
    synchronized (inFlight) {
      inFlight.add(f);
    }
  }

  private void sendWithRetry(List<Object> items) {
    // Solr's JSON update format: adds as an array of documents; deletes in a command object.
    StringBuilder body = new StringBuilder("{");
    int n = 0;
    for (Object item : items) {
      body.append(n++ == 0 ? "" : ",");
      if (item instanceof Map<?, ?> m && m.containsKey("delete") && m.size() == 1) {
        body.append("\"delete\":").append(SolrJson.write(Map.of("id", m.get("delete"))));
      } else {
        body.append("\"add\":").append(SolrJson.write(Map.of("doc", item)));
      }
    }
    body.append('}');
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    retry(
        "sending " + items.size() + " documents",
        () -> http.post("/" + collection + "/update", "application/json", bytes));
  }

  /**
   * Runs {@code call}, again with backoff while the cluster is unreachable or a node is going down.
   */
  private void retry(String what, Runnable call) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RETRY_SECONDS);
    long sleep = 1000;
    while (true) {
      try {
        call.run();
        return;
      } catch (ParkdocException e) {
        int status = SolrHttp.status(e);
        boolean transient_ =
            SolrHttp.unreachable(e)
                || status == 503
                || status == 500
                || status == 502
                || status == 504
                || (status == 400 && e.getMessage().contains("No registered leader"));
        if (!transient_ || System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(sleep);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new ParkdocException("interrupted while " + what, ie);
        }
        sleep = Math.min(sleep * 2, 30_000);
        http.rediscover();
      }
    }
  }

  /** Sends every batched update and waits until Solr has them all. */
  public void flush() {
    List<Object> rest;
    synchronized (batchLock) {
      rest = batch;
      batch = new ArrayList<>();
      batchBytes = 0;
    }
    if (!rest.isEmpty()) {
      send(rest);
    }
    List<Future<?>> all;
    synchronized (inFlight) {
      all = List.copyOf(inFlight);
      inFlight.clear();
    }
    for (Future<?> f : all) {
      join(f);
    }
  }

  private static void join(Future<?> f) {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ParkdocException("interrupted while sending documents to Solr", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof ParkdocException p) {
        throw p;
      }
      throw new ParkdocException("cannot send documents to Solr: " + e.getCause(), e.getCause());
    }
  }

  /** Flushes, then commits: what was sent becomes searchable and durable. */
  public void commit() {
    flush();
    retry(
        "committing",
        () -> http.get("/" + collection + "/update", "commit", "true", "waitSearcher", "true"));
  }

  /**
   * Takes the collection's indexing lock, or throws when another indexer holds it (and has renewed
   * it within the last minute). Renewed in the background until {@link #unlock}.
   */
  void lock() {
    owner =
        host()
            + " pid "
            + ProcessHandle.current().pid()
            + " "
            + UUID.randomUUID().toString().substring(0, 8);
    for (int attempt = 0; attempt < 3; attempt++) {
      Map<String, Object> current =
          SolrJson.map(
              http.get("/" + collection + "/get", "id", LOCK_ID, "fl", "id,owner,until,_version_"),
              "doc");
      long version;
      if (current.isEmpty()) {
        version = -1; // must not exist
      } else if (SolrJson.number(current, "until", 0) < System.currentTimeMillis()) {
        version = SolrJson.number(current, "_version_", 1); // expired: take it over
      } else {
        throw new ParkdocException(
            "another parkdoc is indexing into the collection "
                + collection
                + " ("
                + SolrJson.string(current, "owner")
                + "); wait for it to finish");
      }
      try {
        writeLock(version);
        heartbeat =
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "parkdoc-solr-lock");
                  t.setDaemon(true);
                  return t;
                });
        heartbeat.scheduleAtFixedRate(
            this::renew, LOCK_MILLIS / 3, LOCK_MILLIS / 3, TimeUnit.MILLISECONDS);
        return;
      } catch (ParkdocException e) {
        if (SolrHttp.status(e) != 409) {
          throw e;
        }
        // someone else took or renewed it in between: look again
      }
    }
    throw new ParkdocException(
        "another parkdoc is indexing into the collection "
            + collection
            + "; wait for it to finish");
  }

  private void writeLock(long version) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("id", LOCK_ID);
    d.put("kind", "lock");
    d.put("owner", owner);
    d.put("until", System.currentTimeMillis() + LOCK_MILLIS);
    d.put("_version_", version);
    http.postJson("/" + collection + "/update", List.of(d), "commitWithin", "1000");
  }

  private void renew() {
    try {
      Map<String, Object> current =
          SolrJson.map(
              http.get("/" + collection + "/get", "id", LOCK_ID, "fl", "owner,_version_"), "doc");
      if (owner.equals(SolrJson.string(current, "owner"))) {
        writeLock(SolrJson.number(current, "_version_", 1));
      }
    } catch (RuntimeException e) {
      // the next renewal tries again; the lock lasts a minute
    }
  }

  /** Releases the lock taken by {@link #lock}. */
  public void unlock() {
    if (heartbeat != null) {
      heartbeat.shutdownNow();
      heartbeat = null;
    }
    if (owner == null) {
      return;
    }
    try {
      Map<String, Object> current =
          SolrJson.map(http.get("/" + collection + "/get", "id", LOCK_ID, "fl", "owner"), "doc");
      if (owner.equals(SolrJson.string(current, "owner"))) {
        http.postJson(
            "/" + collection + "/update",
            Map.of("delete", Map.of("id", LOCK_ID)),
            "commit",
            "true");
      }
    } catch (RuntimeException e) {
      // it expires within a minute
    }
    owner = null;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }

  /**
   * Stops sending and releases the lock. What was sent but not committed cannot be taken back on
   * SolrCloud (it has no rollback): it becomes visible at the next commit.
   */
  @Override
  public void close() {
    unlock();
    senders.shutdownNow();
    for (Analyzer a : analyzers.values()) {
      a.close();
    }
  }
}
