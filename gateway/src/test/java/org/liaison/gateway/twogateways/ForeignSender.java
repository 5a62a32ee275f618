package org.liaison.gateway.twogateways;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.liaison.gateway.transport.Headers;
import org.liaison.gateway.transport.Topics;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.seal.NoticeSealer;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.CaseNotice;

/**
 * Writes records straight onto a unit's notices topic, past every gateway: what a misbehaving or
 * compromised client of the Kafka cluster could write (tampered copies, replays, lies in headers,
 * garbage), so that the receiving gateway's checks can be seen to refuse them.
 */
final class ForeignSender implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;
  private final Map<String, Object> client;
  private final NoticeSealer sealer = new NoticeSealer(ProviderChoice.select(), Clock.systemUTC());

  /** A sender with {@code client}'s settings: the bootstrap servers, and TLS where secured. */
  ForeignSender(Map<String, Object> client) {
    this.client = Map.copyOf(client);
    Map<String, Object> config = new HashMap<>(client);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  /** Seals {@code notice} as its originator {@code from} would, for {@code to}'s keys. */
  byte[] seal(HostedUnit from, CaseNotice notice, List<X509Certificate> to) {
    return sealer.seal(notice, from.signing(), from.encryption().certificate(), to);
  }

  /** Writes one record to {@code unit}'s notices topic and waits for Kafka to take it. */
  void write(UnitId unit, String key, byte[] value, String senderHeader) {
    var record = new ProducerRecord<String, byte[]>(Topics.notices(unit), key, value);
    record.headers().add(Headers.SENDER, Headers.bytes(senderHeader));
    record.headers().add(Headers.CONTENT_TYPE, Headers.bytes(Headers.SEALED_NOTICE));
    try {
      producer.send(record).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("Kafka refused the record", e);
    }
  }

  /** How many records {@code unit}'s notices topic holds under {@code key}, read to its end. */
  long count(UnitId unit, String key) {
    Map<String, Object> config = new HashMap<>(client);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.notices(unit)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long found = 0;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (key.equals(record.key())) {
            found++;
          }
        }
      }
      return found;
    }
  }

  /** The value of every record of {@code unit}'s notices topic by key (the last for a key). */
  Map<String, byte[]> records(UnitId unit) {
    Map<String, Object> config = new HashMap<>(client);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.notices(unit)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Map<String, byte[]> found = new HashMap<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          found.put(record.key(), record.value());
        }
      }
      return found;
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
