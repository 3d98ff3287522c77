package io.parkdoc.backend.solr;

import io.parkdoc.core.ParkdocException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Which certificates a {@code solrs://} cluster is trusted by, and the one line a failed TLS
 * handshake becomes. By default the JDK's own (its {@code cacerts}, or the store {@code
 * -Djavax.net.ssl.trustStore} names); {@code PARKDOC_SOLR_TRUSTSTORE=FILE} adds the certificates of
 * FILE (PEM or DER: a private cluster's self-signed certificate or its own authority's) to the
 * JDK's, for parkdoc's requests only. The host name is checked against the certificate either way.
 * Stateless.
 */
final class SolrTrust {
  private static final String VARIABLE = "PARKDOC_SOLR_TRUSTSTORE";

  private SolrTrust() {}

  /**
   * A TLS context that trusts the JDK's authorities and the certificates in {@code file}.
   *
   * @throws ParkdocException when the file cannot be read or holds no certificate
   */
  static SSLContext context(Path file) {
    Collection<? extends Certificate> extra;
    try (InputStream in = Files.newInputStream(file)) {
      extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (NoSuchFileException e) {
      throw new ParkdocException(VARIABLE + ": no such file: " + file, e);
    } catch (IOException e) {
      throw new ParkdocException(VARIABLE + ": cannot read " + file + ": " + e.getMessage(), e);
    } catch (CertificateException e) {
      extra = List.of();
    }
    if (extra.isEmpty()) {
      throw new ParkdocException(
          VARIABLE
              + ": "
              + file
              + " holds no certificate (expected X.509 certificates in PEM or DER, such as the"
              + " cluster's own certificate or its authority's)");
    }
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      TrustManagerFactory jdk =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      jdk.init((KeyStore) null);
      for (TrustManager tm : jdk.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          for (X509Certificate c : x.getAcceptedIssuers()) {
            store.setCertificateEntry("jdk-" + i++, c);
          }
        }
      }
      for (Certificate c : extra) {
        store.setCertificateEntry("given-" + i++, c);
      }
      TrustManagerFactory both =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      both.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, both.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new ParkdocException(
          VARIABLE + ": cannot trust the certificates of " + file + ": " + e.getMessage(), e);
    }
  }

  /** The one line that says why TLS with {@code node} failed, and what to do about it. */
  static String explain(SolrLocation location, String node, SSLException e) {
    String why = reasons(e);
    if (why.contains("PKIX path") || why.contains("unable to find valid certification path")) {
      return "the Solr node at "
          + node
          + " presented a certificate that is not trusted here; give parkdoc that certificate (or"
          + " its authority's) as "
          + VARIABLE
          + "=FILE.pem"
          + (location.trustStore() != null
              ? " (" + location.trustStore() + " does not hold it)"
              : "");
    }
    if (why.contains("subject alternative name") || why.contains("No name matching")) {
      return "the certificate of the Solr node at "
          + node
          + " is not made out to that address; name the node as its certificate does";
    }
    if (why.contains("validity check failed") || why.contains("expired")) {
      return "the certificate of the Solr node at " + node + " has expired or is not yet valid";
    }
    if (why.contains("nrecognized SSL message")) {
      return "the Solr node at " + node + " does not speak TLS; use solr:// rather than solrs://";
    }
    return "TLS with the Solr node at " + node + " failed: " + e.getMessage();
  }

  /**
   * True when {@code e}, from a plain-HTTP request, shows that the node answered in TLS: the JDK's
   * client reads a TLS alert record (0x15 0x03) where it expects a status line.
   */
  static boolean tlsAnswer(IOException e) {
    String m = reasons(e);
    return m.contains("status line") && m.contains("\u0015\u0003");
  }

  /** The messages of {@code e} and its causes, one after the other. */
  private static String reasons(Throwable e) {
    List<String> out = new ArrayList<>();
    for (Throwable t = e; t != null && out.size() < 10; t = t.getCause()) {
      out.add(String.valueOf(t.getMessage()));
    }
    return String.join(" / ", out);
  }
}
