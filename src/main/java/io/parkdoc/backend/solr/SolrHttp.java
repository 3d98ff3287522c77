package io.parkdoc.backend.solr;

import io.parkdoc.core.ParkdocException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLException;

/**
 * Solr's HTTP API through the JDK's own client: JSON in and out, basic auth, TLS for {@code
 * solrs://} (the JDK's trust store, or {@code javax.net.ssl.trustStore}, and the certificates of
 * {@code PARKDOC_SOLR_TRUSTSTORE}: {@link SolrTrust}).
 *
 * <p>Knows every live node of the cluster once it has reached one: a request that cannot connect to
 * one node goes to the next, so a search keeps answering while a node is down. When no node
 * answers, throws a {@link ParkdocException} that says so in one line. Thread-safe.
 */
public final class SolrHttp {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

  private final SolrLocation location;
  private final HttpClient client;
  private final String authorization;

  /** host:port of the nodes, the one given first; refreshed from the cluster's live nodes. */
  private final List<String> nodes = new CopyOnWriteArrayList<>();

  public SolrHttp(SolrLocation location) {
    this.location = location;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1);
    if (location.tls() && location.trustStore() != null) {
      builder.sslContext(SolrTrust.context(Path.of(location.trustStore())));
    }
    this.client = builder.build();
    this.authorization =
        location.user() == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (location.user() + ":" + location.password())
                            .getBytes(StandardCharsets.UTF_8));
    nodes.addAll(location.nodes());
  }

  public SolrLocation location() {
    return location;
  }

  /** GET {@code path} (after {@code /solr}) with query parameters (name, value pairs). */
  public Map<String, Object> get(String path, String... params) {
    return send(path, query(params), null, null);
  }

  /** POST a JSON body to {@code path}. */
  public Map<String, Object> postJson(String path, Object body, String... params) {
    return send(
        path,
        query(params),
        "application/json",
        SolrJson.write(body).getBytes(StandardCharsets.UTF_8));
  }

  /** POST bytes of {@code contentType} to {@code path}. */
  public Map<String, Object> post(String path, String contentType, byte[] body, String... params) {
    return send(path, query(params), contentType, body);
  }

  /** Learns the cluster's live nodes, so that later requests can go to another when one is down. */
  public void discoverNodes() {
    Map<String, Object> status = get("/admin/collections", "action", "CLUSTERSTATUS");
    List<String> live = new ArrayList<>();
    for (Object n : SolrJson.list(SolrJson.map(status, "cluster"), "live_nodes")) {
      String name = String.valueOf(n); // 127.0.0.1:8983_solr
      int cut = name.indexOf('_');
      live.add(cut < 0 ? name : name.substring(0, cut));
    }
    String first = nodes.get(0);
    for (String n : live) {
      if (!nodes.contains(n)) nodes.add(n);
    }
    if (!nodes.get(0).equals(first)) {
      nodes.remove(first);
      nodes.add(0, first);
    }
  }

  /**
   * Whether the node at {@code hostPort} answers within two seconds: ZooKeeper keeps a node that
   * died listed as live until its session expires (15 s), so {@code status} asks the node itself.
   */
  public boolean answers(String hostPort) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(location.baseUrl(hostPort) + "/admin/info/health?wt=json"))
            .timeout(Duration.ofSeconds(2));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      return client.send(b.GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode()
          < 500;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** As {@link #discoverNodes}, quietly: after a failure, some node may have come back. */
  public void rediscover() {
    try {
      discoverNodes();
    } catch (RuntimeException e) {
      // the nodes known so far stay
    }
  }

  private static String query(String... params) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i + 1 < params.length; i += 2) {
      sb.append(sb.isEmpty() ? '?' : '&')
          .append(URLEncoder.encode(params[i], StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
    }
    if (sb.indexOf("wt=") < 0) {
      sb.append(sb.isEmpty() ? '?' : '&').append("wt=json");
    }
    return sb.toString();
  }

  private Map<String, Object> send(String path, String query, String contentType, byte[] body) {
    IOException last = null;
    List<String> tried = new ArrayList<>();
    for (String node : List.copyOf(nodes)) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(location.baseUrl(node) + path + query))
              .timeout(REQUEST_TIMEOUT);
      if (authorization != null) {
        b.header("Authorization", authorization);
      }
      if (body == null) {
        b.GET();
      } else {
        b.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
      }
      HttpResponse<String> response;
      try {
        response =
            client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (SSLException e) {
        // the same certificate on every node: the next one would fail alike
        throw new ParkdocException(SolrTrust.explain(location, node, e), e);
      } catch (ConnectException | HttpConnectTimeoutException | ClosedChannelException e) {
        last = e; // this node is down: try the next
        tried.add(node);
        continue;
      } catch (HttpTimeoutException e) {
        throw new ParkdocException(
            "the Solr node at "
                + node
                + " did not answer within "
                + REQUEST_TIMEOUT.toMinutes()
                + " minutes",
            e);
      } catch (IOException e) {
        if (!location.tls() && SolrTrust.tlsAnswer(e)) {
          throw new ParkdocException(
              "the Solr node at " + node + " speaks TLS; use solrs:// rather than solr://",
              new SSLException(e.getMessage(), e));
        }
        last = e;
        tried.add(node);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ParkdocException("interrupted while waiting for Solr", e);
      }
      return answer(node, path, response);
    }
    throw new ParkdocException(
        "cannot reach the Solr cluster at "
            + String.join(", ", tried)
            + (last != null && last.getMessage() != null
                ? " (" + last.getClass().getSimpleName() + ")"
                : "")
            + "; is it running? (tools/solr-cluster up DIR starts one)",
        last);
  }

  private Map<String, Object> answer(String node, String path, HttpResponse<String> response) {
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw new ParkdocException(
          "Solr at "
              + node
              + " refused "
              + (authorization == null ? "a request without credentials" : "the credentials")
              + " (HTTP "
              + status
              + "); give them as solr://USER:PASSWORD@HOST:PORT/COLLECTION or PARKDOC_SOLR_AUTH=USER:PASSWORD");
    }
    Object parsed;
    try {
      parsed = SolrJson.parse(response.body());
    } catch (RuntimeException e) {
      throw new ParkdocException(
          "Solr at "
              + node
              + " answered "
              + path
              + " with HTTP "
              + status
              + " and no JSON: "
              + abbreviate(response.body()),
          e);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map =
        parsed instanceof Map<?, ?> ? (Map<String, Object>) parsed : Map.of("response", parsed);
    if (status >= 400 || map.containsKey("error")) {
      Map<String, Object> error = SolrJson.map(map, "error");
      String msg = error.isEmpty() ? abbreviate(response.body()) : String.valueOf(error.get("msg"));
      // The Collections API puts each node's reason under "failure".
      for (Object why : SolrJson.map(map, "failure").values()) {
        msg += "; " + abbreviate(String.valueOf(why));
      }
      throw new ParkdocException(
          "Solr: " + msg + " (HTTP " + status + " for " + path + ")", new Status(status));
    }
    return map;
  }

  private static String abbreviate(String s) {
    s = s.strip();
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  /** True when {@code e} says no node of the cluster could be reached (worth a retry later). */
  public static boolean unreachable(ParkdocException e) {
    return e.getCause() instanceof IOException && !(e.getCause() instanceof SSLException);
  }

  /** The HTTP status of a Solr error, or 0 when {@code e} is not one. */
  public static int status(ParkdocException e) {
    return e.getCause() instanceof Status s ? s.code : 0;
  }

  /** The HTTP status of an error answer, as the cause of its {@link ParkdocException}. */
  static final class Status extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int code;

    Status(int code) {
      super("HTTP " + code, null, false, false);
      this.code = code;
    }
  }
}
