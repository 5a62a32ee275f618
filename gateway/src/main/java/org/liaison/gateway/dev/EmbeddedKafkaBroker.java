package org.liaison.gateway.dev;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.utils.Time;
import org.liaison.gateway.transport.KafkaTls;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka server (KRaft, broker and controller in one) running inside the
 * gateway's process, for development mode. Its logs live in a folder of the development data folder
 * and are formatted once, so that topics, offsets and undelivered notices survive a restart, as
 * they would with a real cluster.
 *
 * <p>In development mode the listener is plaintext on loopback only: development mode is a single
 * machine. Tests start it {@linkplain #startSecured secured} instead, as a federation's brokers
 * are: TLS on every listener with a client certificate required, and the federation's broker
 * settings (principal mapping, deny-by-default authorizer).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final String CLUSTER_ID_FILE = "cluster-id";

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * How a secured server proves itself and whom it lets in.
   *
   * @param key the server's TLS key, with a certificate naming 127.0.0.1 (clients verify it)
   * @param clientAnchors the CAs that clients' certificates must chain to
   * @param settings the federation's broker settings ({@code BrokerSettings.settings}): principal
   *     mapping, authorizer, super users
   */
  public record Security(
      PrivateKeyHandle key, List<X509Certificate> clientAnchors, Map<String, String> settings) {
    public Security {
      clientAnchors = List.copyOf(clientAnchors);
      settings = Map.copyOf(settings);
    }
  }

  /**
   * Starts a server whose data lives in {@code folder}, listening on {@code port} of loopback (0
   * for a free one) and on a free port for its controller.
   */
  public static EmbeddedKafkaBroker start(Path folder, int port) {
    return start(folder, port, null);
  }

  /**
   * Starts a server as {@link #start(Path, int)} does, but with TLS on both its listeners (the
   * controller's too: the broker talks to it as a super user with its own certificate), a client
   * certificate required, and {@code security}'s settings.
   */
  public static EmbeddedKafkaBroker startSecured(Path folder, Security security) {
    return start(folder, 0, security);
  }

  private static EmbeddedKafkaBroker start(Path folder, int port, Security security) {
    try {
      Files.createDirectories(folder);
      int brokerPort = port == 0 ? freePort() : port;
      int controllerPort = freePort();
      Path logs = folder.resolve("logs");
      String listener = security == null ? "PLAINTEXT" : "SSL";
      Properties props = new Properties();
      props.put("process.roles", "broker,controller");
      props.put("node.id", "1");
      props.put(
          "listeners",
          listener + "://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
      props.put("advertised.listeners", listener + "://127.0.0.1:" + brokerPort);
      props.put("controller.listener.names", "CONTROLLER");
      props.put("inter.broker.listener.name", listener);
      props.put(
          "listener.security.protocol.map", listener + ":" + listener + ",CONTROLLER:" + listener);
      props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
      props.put("log.dirs", logs.toString());
      props.put("offsets.topic.replication.factor", "1");
      props.put("transaction.state.log.replication.factor", "1");
      props.put("transaction.state.log.min.isr", "1");
      props.put("share.coordinator.state.topic.replication.factor", "1");
      props.put("share.coordinator.state.topic.min.isr", "1");
      props.put("group.initial.rebalance.delay.ms", "0");
      props.put("num.partitions", "1");
      props.put("auto.create.topics.enable", "false");
      props.put("message.max.bytes", String.valueOf(16 * 1024 * 1024));
      format(folder, props);
      if (security != null) {
        secure(props, security);
      }
      KafkaRaftServer server =
          new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      String bootstrap = "127.0.0.1:" + brokerPort;
      log.info(
          "Embedded Kafka broker listening ({}) on {} with data in {}",
          listener,
          bootstrap,
          folder);
      return new EmbeddedKafkaBroker(server, bootstrap);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded Kafka broker in " + folder, e);
    }
  }

  /**
   * Adds the TLS material and the security settings, after formatting: the file written for the
   * storage tool never holds the server's key.
   */
  private static void secure(Properties props, Security security) {
    KafkaTls.clientConfig(security.key(), security.clientAnchors())
        .forEach(
            (name, value) -> {
              if (name.startsWith("ssl.")) {
                props.put(name, value instanceof Password p ? p.value() : String.valueOf(value));
              }
            });
    props.putAll(security.settings());
    props.put("ssl.client.auth", "required");
  }

  /** The bootstrap servers to give Kafka clients. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }

  /** Formats the log folder once, under a cluster id kept beside it. */
  private static void format(Path folder, Properties props) throws IOException {
    Path idFile = folder.resolve(CLUSTER_ID_FILE);
    if (!Files.exists(idFile)) {
      Files.writeString(idFile, Uuid.randomUuid().toString());
    }
    String clusterId = Files.readString(idFile).strip();
    Path config = folder.resolve("server.properties");
    try (var out = Files.newOutputStream(config)) {
      props.store(out, "written by Liaison development mode at each start");
    }
    var output = new ByteArrayOutputStream();
    int status;
    try (var print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      status =
          StorageTool.execute(
              new String[] {
                "format",
                "--cluster-id",
                clusterId,
                "--config",
                config.toString(),
                "--standalone",
                "--ignore-formatted"
              },
              print);
    }
    if (status != 0) {
      throw new IllegalStateException(
          "kafka-storage format failed ("
              + status
              + "): "
              + output.toString(StandardCharsets.UTF_8).strip());
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }
}
