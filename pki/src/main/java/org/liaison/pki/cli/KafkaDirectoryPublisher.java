package org.liaison.pki.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.liaison.pki.PkiException;

/**
 * Writes one signed directory entry to the directory topic and waits until every in-sync replica
 * has it: the only class of this module that talks to Kafka (see {@code FrameworkFreeTest}).
 */
final class KafkaDirectoryPublisher {

  /** The directory topic, as DESIGN.md and the ACLs name it. */
  static final String TOPIC = org.liaison.pki.acl.FederationAcls.DIRECTORY;

  private KafkaDirectoryPublisher() {}

  /** Where the record went. */
  record Written(String topic, int partition, long offset) {}

  /**
   * @param settings the client's TLS settings (PEM strings, see {@link KafkaClientOptions}), empty
   *     for plaintext
   */
  static Written publish(
      String bootstrapServers,
      Map<String, String> settings,
      String key,
      byte[] value,
      int timeoutMs) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "liaison-pki-directory");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    settings.forEach(
        (name, text) ->
            config.put(name, name.equals("ssl.keystore.key") ? new Password(text) : text));
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      RecordMetadata written =
          producer
              .send(new ProducerRecord<>(TOPIC, key, value))
              .get(timeoutMs + 1_000L, TimeUnit.MILLISECONDS);
      return new Written(written.topic(), written.partition(), written.offset());
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new PkiException(
          PkiException.Code.IO_FAILURE,
          "Kafka at " + bootstrapServers + " did not take the entry: " + cause,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PkiException(PkiException.Code.IO_FAILURE, "interrupted while publishing", e);
    }
  }
}
