package io.parkdoc.backend.solr;

import io.parkdoc.core.ParkdocException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a SolrCloud collection is: {@code
 * solr://[USER:PASSWORD@]HOST:PORT[,HOST:PORT...][/COLLECTION]}, or {@code solrs://} for TLS. One
 * node is enough (parkdoc learns the others from it); naming more lets a command start while the
 * first is down. Credentials may also come from {@code PARKDOC_SOLR_AUTH=user:password}, and the
 * certificates a {@code solrs://} cluster is trusted by, besides the JDK's, from {@code
 * PARKDOC_SOLR_TRUSTSTORE=FILE}.
 *
 * @param tls whether to speak HTTPS
 * @param nodes {@code host:port} of the nodes named, at least one
 * @param collection the collection ({@link #DEFAULT_COLLECTION} when the location names none)
 * @param user basic-auth user, or null
 * @param password basic-auth password, or null
 * @param trustStore a file of PEM (or DER) certificates to trust besides the JDK's, or null
 */
public record SolrLocation(
    boolean tls,
    List<String> nodes,
    String collection,
    String user,
    String password,
    String trustStore) {
  /** The collection parkdoc uses when the location names none. */
  public static final String DEFAULT_COLLECTION = "parkdoc";

  private static final Pattern FORM =
      Pattern.compile("(?i)(solrs?)://(?:([^@/]*)@)?([^/@]+?)(?:/([^/]*))?/*");
  private static final Pattern NODE = Pattern.compile("[^:/,\\s]+:\\d{1,5}");
  private static final String EXPECTED = " (expected solr://HOST:PORT/COLLECTION)";

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
    Matcher m = FORM.matcher(location.strip());
    if (!m.matches()) {
      throw new ParkdocException("not a Solr location: " + location + EXPECTED);
    }
    List<String> nodes = List.of(m.group(3).split(","));
    for (String node : nodes) {
      if (!NODE.matcher(node).matches()) {
        throw new ParkdocException(
            "a Solr location needs HOST:PORT, not '" + node + "': " + location + EXPECTED);
      }
    }
    String user = null;
    String password = null;
    String info = m.group(2) != null ? m.group(2) : auth;
    if (info != null && !info.isEmpty()) {
      int colon = info.indexOf(':');
      if (colon <= 0) {
        throw new ParkdocException("Solr credentials must be USER:PASSWORD");
      }
      user =
          java.net.URLDecoder.decode(
              info.substring(0, colon), java.nio.charset.StandardCharsets.UTF_8);
      password =
          java.net.URLDecoder.decode(
              info.substring(colon + 1), java.nio.charset.StandardCharsets.UTF_8);
    }
    String collection =
        m.group(4) == null || m.group(4).isEmpty() ? DEFAULT_COLLECTION : m.group(4);
    return new SolrLocation(
        m.group(1).equalsIgnoreCase("solrs"), nodes, collection, user, password, null);
  }

  /**
   * This location with {@code trustStore} (a file of certificates, from {@code
   * PARKDOC_SOLR_TRUSTSTORE}; null or blank for none) trusted besides the JDK's own authorities.
   */
  public SolrLocation withTrustStore(String trustStore) {
    String t = trustStore == null || trustStore.isBlank() ? null : trustStore;
    return new SolrLocation(tls, nodes, collection, user, password, t);
  }

  /** The first node named, {@code host:port}. */
  public String node() {
    return nodes.get(0);
  }

  /** The base URL of the Solr API of a node, by its {@code host:port}. */
  public String baseUrl(String hostPort) {
    return (tls ? "https://" : "http://") + hostPort + "/solr";
  }

  /** The base URL of the first node's Solr API, e.g. {@code http://127.0.0.1:8983/solr}. */
  public String baseUrl() {
    return baseUrl(node());
  }

  /** The location as the user wrote it, without the password. */
  @Override
  public String toString() {
    return (tls ? "solrs://" : "solr://")
        + (user != null ? user + "@" : "")
        + String.join(",", nodes)
        + "/"
        + collection;
  }
}
