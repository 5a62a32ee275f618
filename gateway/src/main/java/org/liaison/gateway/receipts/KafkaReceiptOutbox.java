package org.liaison.gateway.receipts;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.liaison.gateway.transport.Headers;
import org.liaison.gateway.transport.Topics;
import org.liaison.gateway.transport.UnitProducers;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.pki.seal.ReceiptSigner;
import org.liaison.schemas.AvroTrust;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.Receipt;
import org.liaison.schemas.avro.ReceiptStatus;
import org.liaison.schemas.avro.SealedNoticeDigest;

/**
 * Signs receipts with the receiving unit's key and produces them to the originator's receipts
 * topic, with the receiving unit's producer. Each thread's receipts are held until its {@link
 * #flush()}, which hands them to the producer at once (batched by it) and waits only for them, so a
 * consumer's offset commit waits for exactly the receipts of its batch, sent after its transaction.
 */
public final class KafkaReceiptOutbox implements ReceiptOutbox {

  private final ReceiptSigner signer;
  private final UnitProducers producers;
  private final Clock clock;
  private final Duration ackTimeout;
  private final ThreadLocal<List<Queued>> queued = ThreadLocal.withInitial(ArrayList::new);

  /** A signed receipt waiting for its thread's flush. */
  private record Queued(UnitId from, ProducerRecord<String, byte[]> record) {}

  public KafkaReceiptOutbox(
      ReceiptSigner signer, UnitProducers producers, Clock clock, Duration ackTimeout) {
    AvroTrust.install();
    this.signer = signer;
    this.producers = producers;
    this.clock = clock;
    this.ackTimeout = ackTimeout;
  }

  @Override
  public void send(
      HostedUnit from,
      UnitId to,
      UUID noticeId,
      Status status,
      String reasonCode,
      byte[] sealedSha256) {
    Receipt receipt =
        Receipt.newBuilder()
            .setFormatVersion(1)
            .setNoticeId(noticeId)
            .setFromUnit(from.id().value())
            .setToUnit(to.value())
            .setStatus(ReceiptStatus.valueOf(status.name()))
            .setReasonCode(reasonCode)
            .setAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
            .setSealedNoticeSha256(new SealedNoticeDigest(sealedSha256))
            .build();
    var record =
        new ProducerRecord<String, byte[]>(
            Topics.receipts(to), noticeId.toString(), signer.sign(receipt, from.signing()));
    record.headers().add(Headers.SENDER, Headers.bytes(from.id().value()));
    record.headers().add(Headers.CONTENT_TYPE, Headers.bytes(Headers.SIGNED_RECEIPT));
    record.headers().add(Headers.FORMAT_VERSION, Headers.bytes("1"));
    queued.get().add(new Queued(from.id(), record));
  }

  @Override
  public void flush() {
    List<Queued> mine = queued.get();
    try {
      List<Future<RecordMetadata>> acks = new ArrayList<>(mine.size());
      for (Queued q : mine) {
        acks.add(producers.forUnit(q.from()).send(q.record()));
      }
      long deadline = System.nanoTime() + ackTimeout.toNanos();
      for (Future<RecordMetadata> ack : acks) {
        ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("a receipt was not acknowledged by Kafka: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for receipts", e);
    } finally {
      mine.clear();
    }
  }

  @Override
  public void discard() {
    queued.get().clear();
  }
}
