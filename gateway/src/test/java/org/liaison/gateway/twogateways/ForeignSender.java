package org.liaison.gateway.twogateways;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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
  private final NoticeSealer sealer = new NoticeSealer(ProviderChoice.select(), Clock.systemUTC());

  /** A sender with {@code client}'s settings: the bootstrap servers, and TLS where secured. */
  ForeignSender(Map<String, Object> client) {
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

  @Override
  public void close() {
    producer.close();
  }
}
