package io.parkdoc.solrcluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.embedded.SSLConfig;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;
import org.apache.solr.security.Sha256AuthenticationProvider;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.server.ServerConfig;
import org.apache.zookeeper.server.ZooKeeperServerMain;

/**
 * One process of the local test cluster: either its ZooKeeper or one SolrCloud node.
 *
 * <pre>
 *   Launcher zk DIR            ZooKeeper on 127.0.0.1, data in DIR/zk, port written to DIR/zk/port
 *   Launcher node DIR N ZK     SolrCloud node N, home DIR/nodeN, port written to DIR/nodeN/port
 * </pre>
 *
 * <p>Each writes its port file only once it is serving, so the script waits on that file. A node
 * restarted with the same DIR takes the port it had before: SolrCloud names a node by host and
 * port, and the replicas it held come back only under the same name.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("zk")) {
      zookeeper(Path.of(args[1]));
    } else if (args.length == 4 && args[0].equals("node")) {
      node(Path.of(args[1]), Integer.parseInt(args[2]), args[3]);
    } else {
      System.err.println("usage: Launcher zk DIR | Launcher node DIR N ZKHOST");
      System.exit(2);
    }
  }

  private static void zookeeper(Path dir) throws Exception {
    Path home = dir.resolve("zk");
    Files.createDirectories(home.resolve("data"));
    Files.deleteIfExists(home.resolve("port"));
    int port = previousPort(home);
    if (port == 0) port = freePort();
    Files.writeString(home.resolve("last-port"), port + "\n");
    Path cfg = home.resolve("zoo.cfg");
    Files.writeString(
        cfg,
        String.join(
            "\n",
            "dataDir=" + home.resolve("data").toAbsolutePath(),
            "clientPort=" + port,
            "clientPortAddress=127.0.0.1",
            "tickTime=2000",
            "maxClientCnxns=0",
            "admin.enableServer=false",
            "4lw.commands.whitelist=ruok,mntr",
            ""));
    ServerConfig config = new ServerConfig();
    config.parse(cfg.toString());
    ZooKeeperServerMain server = new ZooKeeperServerMain();
    Thread serving =
        new Thread(
            () -> {
              try {
                server.runFromConfig(config);
              } catch (Exception e) {
                e.printStackTrace();
                System.exit(1);
              }
            },
            "zookeeper");
    serving.start();
    String address = "127.0.0.1:" + port;
    String auth = System.getenv("SOLR_CLUSTER_AUTH");
    try (ZooKeeper zk = connect(address)) {
      if (auth != null && !auth.isEmpty()) putSecurityJson(zk, auth);
      // Nodes of a TLS cluster register, and talk to each other, as https://.
      if (System.getProperty(KEYSTORE) != null) {
        put(zk, "/clusterprops.json", "{\"urlScheme\": \"https\"}");
      }
    }
    writePort(home, port);
    System.out.println("zookeeper listening on " + address);
    serving.join();
  }

  /** Basic auth for every request (user:password from the environment), as Solr's docs show. */
  private static void putSecurityJson(ZooKeeper zk, String auth) throws Exception {
    int colon = auth.indexOf(':');
    if (colon <= 0) throw new IllegalArgumentException("SOLR_CLUSTER_AUTH must be user:password");
    String user = auth.substring(0, colon);
    String hash = Sha256AuthenticationProvider.getSaltedHashedValue(auth.substring(colon + 1));
    String json =
        """
        {"authentication": {"class": "solr.BasicAuthPlugin", "blockUnknown": true,
                            "credentials": {"%s": "%s"}},
         "authorization": {"class": "solr.RuleBasedAuthorizationPlugin",
                           "permissions": [{"name": "all", "role": "admin"}],
                           "user-role": {"%s": "admin"}}}
        """
            .formatted(user, hash, user);
    put(zk, "/security.json", json);
  }

  private static void put(ZooKeeper zk, String path, String json) throws Exception {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    try {
      zk.create(path, bytes, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    } catch (KeeperException.NodeExistsException e) {
      zk.setData(path, bytes, -1);
    }
  }

  /**
   * The system property naming a TLS cluster's keystore (PKCS12; its password in {@link
   * #KEYSTORE_PASSWORD}): set, the nodes serve https only, and ZooKeeper's cluster properties say
   * so.
   */
  private static final String KEYSTORE = "parkdoc.cluster.keystore";

  private static final String KEYSTORE_PASSWORD = "parkdoc.cluster.keystore.password";

  private static ZooKeeper connect(String address) throws Exception {
    for (int attempt = 0; ; attempt++) {
      CountDownLatch connected = new CountDownLatch(1);
      ZooKeeper zk =
          new ZooKeeper(
              address,
              15_000,
              event -> {
                if (event.getState() == org.apache.zookeeper.Watcher.Event.KeeperState.SyncConnected) {
                  connected.countDown();
                }
              });
      if (connected.await(5, TimeUnit.SECONDS)) return zk;
      zk.close();
      if (attempt == 10) throw new IOException("ZooKeeper at " + address + " did not answer");
    }
  }

  private static void node(Path dir, int n, String zkHost) throws Exception {
    Path home = dir.resolve("node" + n);
    Files.createDirectories(home);
    Files.writeString(home.resolve("solr.xml"), SOLR_XML);
    Files.deleteIfExists(home.resolve("port"));
    int port = previousPort(home);
    Properties props = new Properties();
    props.setProperty("zkHost", zkHost);
    JettyConfig.Builder builder =
        JettyConfig.builder()
            .setPort(port)
            .setContext("/solr")
            .stopAtShutdown(true)
            .withPortRetryTime(30);
    String keystore = System.getProperty(KEYSTORE);
    if (keystore != null) {
      // The node's own client (shard requests, replication) trusts the same certificate through
      // the javax.net.ssl.trustStore properties the script sets.
      String password = System.getProperty(KEYSTORE_PASSWORD);
      // JettySolrRunner builds its TLS connector only in this mode; otherwise it serves plain HTTP.
      System.setProperty("jetty.testMode", "true");
      builder.withSSLConfig(new SSLConfig(true, false, keystore, password, keystore, password));
    }
    JettyConfig config = builder.build();
    JettySolrRunner jetty = new JettySolrRunner(home.toString(), props, config);
    jetty.start();
    int actual = jetty.getLocalPort();
    Files.writeString(home.resolve("last-port"), actual + "\n");
    writePort(home, actual);
    System.out.println(
        "solr node " + n + " listening on " + (keystore != null ? "https" : "http") + "://127.0.0.1:" + actual);
    // Jetty's own shutdown hook stops the node on SIGTERM; the main thread just waits.
    Thread.currentThread().join();
  }

  /** The port this process had in its previous run, 0 on its first. */
  private static int previousPort(Path home) throws IOException {
    Path file = home.resolve("last-port");
    if (!Files.exists(file)) return 0;
    return Integer.parseInt(Files.readString(file).trim());
  }

  private static void writePort(Path home, int port) throws IOException {
    Path tmp = home.resolve("port.tmp");
    Files.writeString(tmp, port + "\n");
    Files.move(tmp, home.resolve("port"), StandardCopyOption.ATOMIC_MOVE);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    }
  }

  /** Solr's own defaults for a cloud node, bound to 127.0.0.1; metrics off to save memory. */
  private static final String SOLR_XML =
      """
      <solr>
        <str name="coreRootDirectory">${coreRootDirectory:.}</str>
        <str name="allowUrls">${solr.allowUrls:}</str>
        <shardHandlerFactory name="shardHandlerFactory" class="HttpShardHandlerFactory">
          <int name="socketTimeout">${socketTimeout:600000}</int>
          <int name="connTimeout">${connTimeout:5000}</int>
        </shardHandlerFactory>
        <solrcloud>
          <str name="host">127.0.0.1</str>
          <int name="hostPort">${hostPort:8983}</int>
          <str name="hostContext">${hostContext:solr}</str>
          <int name="zkClientTimeout">${zkClientTimeout:15000}</int>
          <bool name="genericCoreNodeNames">true</bool>
          <int name="leaderVoteWait">${leaderVoteWait:10000}</int>
          <int name="distribUpdateConnTimeout">${distribUpdateConnTimeout:5000}</int>
          <int name="distribUpdateSoTimeout">${distribUpdateSoTimeout:600000}</int>
        </solrcloud>
        <metrics enabled="${metricsEnabled:false}"/>
      </solr>
      """;
}
