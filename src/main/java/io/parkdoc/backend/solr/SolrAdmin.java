package io.parkdoc.backend.solr;

import io.parkdoc.core.ParkdocException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creating and inspecting parkdoc's collection on a SolrCloud cluster: uploads the generated {@link
 * Configset} through the Configsets API and creates the collection through the Collections API;
 * reports shards and replicas; shows how Solr analyses a text. Thread-safe.
 */
public final class SolrAdmin {
  private final SolrHttp http;

  public SolrAdmin(SolrHttp http) {
    this.http = http;
  }

  /** What {@link #init} did. */
  public record Created(String collection, String configset, int shards, int replicas) {}

  /**
   * Uploads the configset (replacing an older one of the same name) and creates the collection.
   *
   * @throws ParkdocException when the collection exists already, or Solr refuses
   */
  public Created init(int shards, int replicas) {
    if (shards < 1 || replicas < 1) {
      throw new ParkdocException("--shards and --replicas must be at least 1");
    }
    String collection = http.location().collection();
    if (collections().contains(collection)) {
      throw new ParkdocException(
          "the collection '"
              + collection
              + "' exists already on "
              + http.location().node()
              + "; delete it first to create it anew");
    }
    String configset = Configset.NAME + "-" + collection;
    http.post(
        "/admin/configs",
        "application/octet-stream",
        Configset.zip(),
        "action",
        "UPLOAD",
        "name",
        configset,
        "overwrite",
        "true",
        "cleanup",
        "true");
    try {
      http.get(
          "/admin/collections",
          "action",
          "CREATE",
          "name",
          collection,
          "numShards",
          String.valueOf(shards),
          "replicationFactor",
          String.valueOf(replicas),
          "collection.configName",
          configset,
          "waitForFinalState",
          "true");
    } catch (ParkdocException e) {
      if (e.getMessage().contains("parkdocTermFold")
          || e.getMessage().contains("TermFoldFilterFactory")) {
        throw new ParkdocException(
            "the cluster lacks parkdoc's Solr plugin (parkdoc-solr-plugin.jar, the Han-variant fold "
                + "inside Japanese and Korean terms): copy it into each node's lib folder and restart the nodes; "
                + e.getMessage(),
            e);
      }
      throw e;
    }
    return new Created(collection, configset, shards, replicas);
  }

  /** Deletes the collection (and its data) when it exists; returns whether it did. */
  public boolean delete() {
    String collection = http.location().collection();
    if (!collections().contains(collection)) {
      return false;
    }
    http.get("/admin/collections", "action", "DELETE", "name", collection);
    return true;
  }

  /** The names of the cluster's collections. */
  public List<String> collections() {
    List<String> out = new ArrayList<>();
    for (Object o :
        SolrJson.list(http.get("/admin/collections", "action", "LIST"), "collections")) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  /** One replica of a shard. */
  public record Replica(String name, String node, String state, boolean leader, boolean live) {}

  /** One shard and its replicas. */
  public record Shard(String name, String state, List<Replica> replicas) {}

  /** The collection's shards and the health of each replica, as the cluster sees them. */
  public List<Shard> shards() {
    String collection = http.location().collection();
    Map<String, Object> status =
        http.get("/admin/collections", "action", "CLUSTERSTATUS", "collection", collection);
    Map<String, Object> cluster = SolrJson.map(status, "cluster");
    List<Object> live = new ArrayList<>(SolrJson.list(cluster, "live_nodes"));
    live.removeIf(n -> !http.answers(String.valueOf(n).replaceFirst("_solr$", "")));
    Map<String, Object> coll = SolrJson.map(SolrJson.map(cluster, "collections"), collection);
    List<Shard> out = new ArrayList<>();
    for (Map.Entry<String, Object> s : SolrJson.map(coll, "shards").entrySet()) {
      List<Replica> replicas = new ArrayList<>();
      for (Map.Entry<String, Object> r : SolrJson.map(s.getValue(), "replicas").entrySet()) {
        String node = SolrJson.string(r.getValue(), "node_name");
        replicas.add(
            new Replica(
                r.getKey(),
                node == null ? "?" : node.replaceFirst("_solr$", ""),
                SolrJson.string(r.getValue(), "state"),
                "true".equals(SolrJson.string(r.getValue(), "leader")),
                live.contains(node)));
      }
      out.add(new Shard(s.getKey(), SolrJson.string(s.getValue(), "state"), replicas));
    }
    return out;
  }

  /** The size on disk of the collection's index, every replica counted (COLSTATUS). */
  public long indexBytes() {
    String collection = http.location().collection();
    Map<String, Object> r =
        http.get(
            "/admin/collections",
            "action",
            "COLSTATUS",
            "collection",
            collection,
            "coreInfo",
            "true");
    long total = 0;
    Map<String, Object> shards = SolrJson.map(SolrJson.map(r, collection), "shards");
    for (Object shard : shards.values()) {
      Map<String, Object> leader = SolrJson.map(shard, "leader");
      Object gb = SolrJson.map(SolrJson.map(leader, "segInfos"), "core").get("sizeInGB");
      long replicas = SolrJson.number(SolrJson.map(shard, "replicas"), "total", 1);
      if (gb instanceof Number n) {
        total += (long) (n.doubleValue() * (1L << 30)) * replicas;
      }
    }
    return total;
  }

  /** One token as Solr's field analysis shows it. */
  public record Token(String term, int start, int end, int position, String type) {}

  /**
   * The tokens Solr's index-time analysis of {@code field} makes of {@code text} (/analysis/field).
   */
  public List<Token> analyze(String field, String text) {
    String body =
        "analysis.fieldname="
            + URLEncoder.encode(field, StandardCharsets.UTF_8)
            + "&analysis.fieldvalue="
            + URLEncoder.encode(text, StandardCharsets.UTF_8)
            + "&wt=json";
    Map<String, Object> answer =
        http.post(
            "/" + http.location().collection() + "/analysis/field",
            "application/x-www-form-urlencoded",
            body.getBytes(StandardCharsets.UTF_8));
    List<Object> stages =
        SolrJson.list(
            SolrJson.map(SolrJson.map(SolrJson.map(answer, "analysis"), "field_names"), field),
            "index");
    // [class, tokens, class, tokens, ...]: the last token list is what the index gets.
    List<Object> last = List.of();
    for (Object stage : stages) {
      if (stage instanceof List<?> l) {
        @SuppressWarnings("unchecked")
        List<Object> tokens = (List<Object>) l;
        last = tokens;
      }
    }
    List<Token> out = new ArrayList<>();
    for (Object t : last) {
      out.add(
          new Token(
              SolrJson.string(t, "text"),
              (int) SolrJson.number(t, "start", -1),
              (int) SolrJson.number(t, "end", -1),
              (int) SolrJson.number(t, "position", 0) - 1,
              SolrJson.string(t, "type")));
    }
    return out;
  }

  /** Solr's own words about the cluster, for {@code status}: version and live nodes. */
  public Map<String, Object> system() {
    Map<String, Object> info = http.get("/admin/info/system");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("solr", SolrJson.string(SolrJson.map(info, "lucene"), "solr-spec-version"));
    out.put("lucene", SolrJson.string(SolrJson.map(info, "lucene"), "lucene-spec-version"));
    return out;
  }
}
