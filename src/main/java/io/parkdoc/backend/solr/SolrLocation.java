package io.parkdoc.backend.solr;

import io.parkdoc.core.ParkdocException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a SolrCloud collection is: {@code solr://[USER:PASSWORD@]HOST:PORT[/COLLECTION]}, or {@code
 * solrs://} for TLS. Credentials may also come from {@code PARKDOC_SOLR_AUTH=user:password}.
 *
 * @param tls whether to speak HTTPS
 * @param host the host of one node
 * @param port its port
 * @param collection the collection (null when the location names none)
 * @param user basic-auth user, or null
 * @param password basic-auth password, or null
 */
public record SolrLocation(
    boolean tls, String host, int port, String collection, String user, String password) {
  /** The collection parkdoc uses when the location names none. */
  public static final String DEFAULT_COLLECTION = "parkdoc";

  /** True when {@code location} is a Solr location rather than a folder. */
  public static boolean isSolr(String location) {
    String l = location.toLowerCase(Locale.ROOT);
    return l.startsWith("solr://") || l.startsWith("solrs://");
  }

  /**
   * Parses a location; {@code auth} ({@code user:password}, may be null) is used when the location
   * itself carries no credentials.
   *
   * @throws ParkdocException when it is not of the form above
   */
  public static SolrLocation parse(String location, String auth) {
    URI uri;
    try {
      uri = new URI(location);
    } catch (URISyntaxException e) {
      throw new ParkdocException(
          "not a Solr location: " + location + " (expected solr://HOST:PORT/COLLECTION)", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("solr") && !scheme.equals("solrs")) {
      throw new ParkdocException(
          "not a Solr location: " + location + " (expected solr://HOST:PORT/COLLECTION)");
    }
    if (uri.getHost() == null || uri.getPort() < 0) {
      throw new ParkdocException(
          "a Solr location needs a host and a port: "
              + location
              + " (solr://HOST:PORT/COLLECTION)");
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
    if (path.contains("/")) {
      throw new ParkdocException(
          "a Solr location names one collection: " + location + " (solr://HOST:PORT/COLLECTION)");
    }
    String user = null;
    String password = null;
    String info = uri.getUserInfo() != null ? uri.getUserInfo() : auth;
    if (info != null && !info.isEmpty()) {
      int colon = info.indexOf(':');
      if (colon <= 0) {
        throw new ParkdocException("Solr credentials must be USER:PASSWORD");
      }
      user = info.substring(0, colon);
      password = info.substring(colon + 1);
    }
    return new SolrLocation(
        scheme.equals("solrs"),
        uri.getHost(),
        uri.getPort(),
        path.isEmpty() ? DEFAULT_COLLECTION : path,
        user,
        password);
  }

  /** The base URL of the node's Solr API, e.g. {@code http://127.0.0.1:8983/solr}. */
  public String baseUrl() {
    return baseUrl(host + ":" + port);
  }

  /** The base URL of another node of the same cluster, by its {@code host:port}. */
  public String baseUrl(String hostPort) {
    return (tls ? "https://" : "http://") + hostPort + "/solr";
  }

  /** The location as the user wrote it, without the password. */
  @Override
  public String toString() {
    return (tls ? "solrs://" : "solr://")
        + (user != null ? user + "@" : "")
        + host
        + ":"
        + port
        + "/"
        + collection;
  }
}
