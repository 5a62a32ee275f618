package org.liaison.gateway.federation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace ({@code ip netns}) for one gateway, joined to the host by two veth pairs: one
 * the only way to the brokers ({@link #KAFKA_HOST} on the host side), one to its database and its
 * callers ({@link #SERVICE_HOST}, and the gateway at {@link #GATEWAY_ADDRESS}). Setting the host
 * end of the first pair down ({@link #cut()}) partitions the gateway from Kafka alone: its packets
 * are dropped without an answer, as on a broken link, while its database and its callers stay
 * reachable. Needs root (CAP_NET_ADMIN).
 */
final class NetworkNamespace implements AutoCloseable {

  static final String NAME = "liaison-fed-ncb";

  /** The brokers' address as the namespace sees it: the host end of the Kafka pair. */
  static final String KAFKA_HOST = "10.47.0.1";

  /** The host end of the service pair: the database's address, as the namespace sees it. */
  static final String SERVICE_HOST = "10.47.1.1";

  /** The gateway's address in the namespace, where callers reach it. */
  static final String GATEWAY_ADDRESS = "10.47.1.2";

  private static final String KAFKA_LINK = "lia-k0";
  private static final String KAFKA_PEER = "lia-k1";
  private static final String SERVICE_LINK = "lia-s0";
  private static final String SERVICE_PEER = "lia-s1";

  private NetworkNamespace() {}

  /**
   * Makes the namespace and its links (removing any a killed run left behind).
   *
   * @throws IllegalStateException naming the command that failed and its output (not root, say)
   */
  static NetworkNamespace create() throws Exception {
    NetworkNamespace ns = new NetworkNamespace();
    ns.removeLeftovers();
    try {
      ip("netns", "add", NAME);
      ip("link", "add", KAFKA_LINK, "type", "veth", "peer", "name", KAFKA_PEER);
      ip("link", "add", SERVICE_LINK, "type", "veth", "peer", "name", SERVICE_PEER);
      ip("link", "set", KAFKA_PEER, "netns", NAME);
      ip("link", "set", SERVICE_PEER, "netns", NAME);
      ip("addr", "add", KAFKA_HOST + "/30", "dev", KAFKA_LINK);
      ip("addr", "add", SERVICE_HOST + "/30", "dev", SERVICE_LINK);
      ip("link", "set", KAFKA_LINK, "up");
      ip("link", "set", SERVICE_LINK, "up");
      ip("netns", "exec", NAME, "ip", "addr", "add", "10.47.0.2/30", "dev", KAFKA_PEER);
      ip("netns", "exec", NAME, "ip", "addr", "add", GATEWAY_ADDRESS + "/30", "dev", SERVICE_PEER);
      ip("netns", "exec", NAME, "ip", "link", "set", KAFKA_PEER, "up");
      ip("netns", "exec", NAME, "ip", "link", "set", SERVICE_PEER, "up");
      ip("netns", "exec", NAME, "ip", "link", "set", "lo", "up");
      return ns;
    } catch (Exception | Error e) {
      ns.close();
      throw e;
    }
  }

  /** {@code command} run inside the namespace. */
  List<String> inside(List<String> command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", NAME));
    full.addAll(command);
    return full;
  }

  /** Partitions the namespace from the brokers: the host end of the Kafka link goes down. */
  void cut() throws Exception {
    ip("link", "set", KAFKA_LINK, "down");
  }

  /** Heals the partition. */
  void heal() throws Exception {
    ip("link", "set", KAFKA_LINK, "up");
  }

  @Override
  public void close() {
    removeLeftovers();
  }

  /** Deleting the namespace deletes the peers inside it, and with them the host ends. */
  private void removeLeftovers() {
    for (List<String> command :
        List.of(
            List.of("netns", "del", NAME),
            List.of("link", "del", KAFKA_LINK),
            List.of("link", "del", SERVICE_LINK))) {
      try {
        ip(command.toArray(String[]::new));
      } catch (Exception e) {
        // not there: nothing to remove
      }
    }
  }

  private static void ip(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("liaison-ip-", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " failed: " + read(out).strip());
      }
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }
}
