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
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka server (KRaft, broker and controller in one) running inside the
 * gateway's process, for development mode. Its logs live in a folder of the development data folder
 * and are formatted once, so that topics, offsets and undelivered notices survive a restart, as
 * they would with a real cluster.
 *
 * <p>The listener is plaintext on loopback only: development mode is a single machine.
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
   * Starts a server whose data lives in {@code folder}, listening on {@code port} of loopback (0
   * for a free one) and on a free port for its controller.
   */
  public static EmbeddedKafkaBroker start(Path folder, int port) {
    try {
      Files.createDirectories(folder);
      int brokerPort = port == 0 ? freePort() : port;
      int controllerPort = freePort();
      Path logs = folder.resolve("logs");
      Properties props = new Properties();
      props.put("process.roles", "broker,controller");
      props.put("node.id", "1");
      props.put(
          "listeners",
          "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
      props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
      props.put("controller.listener.names", "CONTROLLER");
      props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
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
      KafkaRaftServer server =
          new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      String bootstrap = "127.0.0.1:" + brokerPort;
      log.info("Embedded Kafka broker listening on {} with data in {}", bootstrap, folder);
      return new EmbeddedKafkaBroker(server, bootstrap);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded Kafka broker in " + folder, e);
    }
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
