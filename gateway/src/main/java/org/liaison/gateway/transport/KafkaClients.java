package org.liaison.gateway.transport;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka clients of a gateway, configured once: producers that wait for every in-sync replica
 * and never write a record twice ({@code acks=all}, idempotence) and batch without a flush per
 * notice; consumers that commit only by hand and read only committed data.
 */
public final class KafkaClients {

  private static final int LINGER_MS = 5;

  private final String bootstrapServers;
  private final int maxMessageBytes;
  private final int deliveryTimeoutMs;

  public KafkaClients(String bootstrapServers, int maxMessageBytes, int deliveryTimeoutMs) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(
          "liaison.kafka.bootstrap-servers is not set (development mode sets it itself)");
    }
    this.bootstrapServers = bootstrapServers;
    this.maxMessageBytes = maxMessageBytes;
    this.deliveryTimeoutMs = deliveryTimeoutMs;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public KafkaProducer<String, byte[]> producer(String clientId) {
    Map<String, Object> config = common(clientId);
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

  public KafkaConsumer<String, byte[]> consumer(String groupId, String clientId) {
    Map<String, Object> config = common(clientId);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, maxMessageBytes);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  public Admin admin() {
    return admin("liaison-admin");
  }

  /** An admin client with its own id, for a second one alive at the same time. */
  public Admin admin(String clientId) {
    Map<String, Object> config = common(clientId);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
    return Admin.create(config);
  }

  private Map<String, Object> common(String clientId) {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrapServers);
    config.put("client.id", clientId);
    return config;
  }
}
