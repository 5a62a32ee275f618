package org.liaison.gateway.transport;

import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.liaison.schemas.UnitId;

/**
 * The Kafka clients of a gateway, configured once: producers that wait for every in-sync replica
 * and never write a record twice ({@code acks=all}, idempotence) and batch without a flush per
 * notice; consumers that commit only by hand and read only committed data.
 *
 * <p>With {@link KafkaTls} every client acts for one hosted unit and connects with that unit's
 * certificate, so that the brokers' ACLs apply to the unit; without it (development mode's loopback
 * broker) clients connect in plaintext and the unit is ignored.
 */
public final class KafkaClients {

  private static final int LINGER_MS = 5;

  private final String bootstrapServers;

  /** The most bytes of records one fetch of a consumer returns, unless one batch is larger. */
  static final int FETCH_BYTES = 1 << 20;

  private final int maxMessageBytes;
  private final int deliveryTimeoutMs;
  private final KafkaTls tls;
  private final Optional<String> instanceId;

  /** Plaintext clients; consumers are dynamic members of their groups. */
  public KafkaClients(String bootstrapServers, int maxMessageBytes, int deliveryTimeoutMs) {
    this(bootstrapServers, maxMessageBytes, deliveryTimeoutMs, null, Optional.empty());
  }

  /**
   * Clients over TLS with each unit's certificate, or plaintext when {@code tls} is null; consumers
   * are dynamic members of their groups.
   */
  public KafkaClients(
      String bootstrapServers, int maxMessageBytes, int deliveryTimeoutMs, KafkaTls tls) {
    this(bootstrapServers, maxMessageBytes, deliveryTimeoutMs, tls, Optional.empty());
  }

  /**
   * As above, with consumers that are static members of their groups under {@code instanceId}
   * (checked by the configuration: letters, digits, '.', '_', '-'), when present.
   */
  public KafkaClients(
      String bootstrapServers,
      int maxMessageBytes,
      int deliveryTimeoutMs,
      KafkaTls tls,
      Optional<String> instanceId) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(
          "liaison.kafka.bootstrap-servers is not set (development mode sets it itself)");
    }
    this.bootstrapServers = bootstrapServers;
    this.maxMessageBytes = maxMessageBytes;
    this.deliveryTimeoutMs = deliveryTimeoutMs;
    this.tls = tls;
    this.instanceId = instanceId;
  }

  /** Each unit's Kafka TLS certificate; empty in plaintext. */
  public Map<UnitId, X509Certificate> tlsCertificates() {
    return tls == null ? Map.of() : tls.certificates();
  }

  /** Whether the clients connect over TLS, each unit with its own certificate. */
  public boolean secured() {
    return tls != null;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** A producer of plaintext clients (over TLS a producer acts for a unit: see the overload). */
  public KafkaProducer<String, byte[]> producer(String clientId) {
    return producer(clientId, null);
  }

  /** A producer that writes as {@code unit}. */
  public KafkaProducer<String, byte[]> producer(String clientId, UnitId unit) {
    Map<String, Object> config = common(clientId, unit);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxMessageBytes);
    // Kafka refuses a delivery timeout shorter than linger plus request timeout.
    config.put(
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        Math.max(1, Math.min(10_000, deliveryTimeoutMs - LINGER_MS)));
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeoutMs);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryTimeoutMs);
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * A consumer that reads as {@code unit}, in {@code groupId}; {@code clientId} must name it among
   * this gateway's consumers, since it is part of its static member id.
   */
  public KafkaConsumer<String, byte[]> consumer(String groupId, String clientId, UnitId unit) {
    return new KafkaConsumer<>(
        consumerConfig(groupId, clientId, unit),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  /** The static member id of the consumer {@code clientId}, when the gateway has an instance id. */
  Optional<String> groupInstanceId(String clientId) {
    return instanceId.map(id -> clientId + "." + id);
  }

  Map<String, Object> consumerConfig(String groupId, String clientId, UnitId unit) {
    Map<String, Object> config = common(clientId, unit);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(
        ConsumerConfig.GROUP_PROTOCOL_CONFIG,
        GroupProtocol.CLASSIC.name().toLowerCase(Locale.ROOT));
    groupInstanceId(clientId)
        .ifPresent(id -> config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // What one consumer holds of fetched records, on the heap: about 1 MiB (the defaults allow 50
    // MiB), and every hosted unit has two consumers, all filling at once when many units receive
    // (a notice to twenty units held 300 MB in fetch buffers and ran the heap out). A record batch
    // larger than this is still fetched whole, one at a time: large notices go through.
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FETCH_BYTES);
    config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_BYTES);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
    return config;
  }

  /**
   * A consumer without a group, acting as {@code unit}, for a topic every gateway reads whole by
   * itself (the directory): it is assigned partitions and seeks, and never commits.
   */
  public KafkaConsumer<String, byte[]> reader(String clientId, UnitId unit) {
    Map<String, Object> config = common(clientId, unit);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, maxMessageBytes);
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * An admin client for questions any unit may ask (the health check's describe-cluster); over TLS
   * it connects as the first unit with a TLS key.
   */
  public Admin admin() {
    return admin("liaison-admin", tls == null ? null : tls.units().iterator().next());
  }

  /** An admin client that acts as {@code unit}, with its own client id. */
  public Admin admin(String clientId, UnitId unit) {
    Map<String, Object> config = common(clientId, unit);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
    return Admin.create(config);
  }

  private Map<String, Object> common(String clientId, UnitId unit) {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrapServers);
    config.put("client.id", clientId);
    if (tls != null) {
      if (unit == null) {
        throw new IllegalStateException("over TLS every Kafka client acts for a unit");
      }
      config.putAll(tls.clientConfig(unit));
    }
    return config;
  }
}
