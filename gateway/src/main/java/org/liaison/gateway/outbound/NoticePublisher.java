package org.liaison.gateway.outbound;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.liaison.gateway.ops.GatewayMetrics;
import org.liaison.gateway.store.RecipientState;
import org.liaison.gateway.store.SentNotice;
import org.liaison.gateway.store.SentStore;
import org.liaison.gateway.transport.Headers;
import org.liaison.gateway.transport.Topics;
import org.liaison.gateway.transport.UnitProducers;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.pki.seal.NoticeSealer;
import org.liaison.pki.seal.SealedDigest;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.CaseNotice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals a notice once and gives a copy to each recipient's topic. The sealed notice and its copies
 * are recorded (PENDING) before anything is sent, so that a crash between the two leaves a record
 * to reconcile rather than a notice nobody knows went out; each copy then becomes SENT or FAILED as
 * Kafka answers.
 */
public final class NoticePublisher {

  private static final Logger log = LoggerFactory.getLogger(NoticePublisher.class);

  private final NoticeSealer sealer;
  private final UnitProducers producers;
  private final SentStore sent;
  private final Clock clock;
  private final Duration ackTimeout;
  private final GatewayMetrics metrics;

  public NoticePublisher(
      NoticeSealer sealer,
      UnitProducers producers,
      SentStore sent,
      Clock clock,
      Duration ackTimeout,
      GatewayMetrics metrics) {
    this.sealer = sealer;
    this.producers = producers;
    this.sent = sent;
    this.clock = clock;
    this.ackTimeout = ackTimeout;
    this.metrics = metrics;
  }

  /**
   * Publishes {@code notice}, already validated, from {@code from} to the recipients whose
   * encryption certificates are given (in the notice's recipient order).
   */
  public PublishOutcome publish(
      HostedUnit from, CaseNotice notice, Map<UnitId, X509Certificate> recipients) {
    return publish(from, notice, recipients, () -> {});
  }

  /**
   * As {@link #publish(HostedUnit, CaseNotice, Map)}, running {@code whenAnswered} in the
   * transaction that records Kafka's answer for every copy (an idempotency key's completion).
   */
  public PublishOutcome publish(
      HostedUnit from,
      CaseNotice notice,
      Map<UnitId, X509Certificate> recipients,
      Runnable whenAnswered) {
    long sealing = System.nanoTime();
    byte[] sealed =
        sealer.seal(
            notice, from.signing(), from.encryption(), new ArrayList<>(recipients.values()));
    metrics.sealed(from.id(), System.nanoTime() - sealing);
    UUID id = notice.getNoticeId();
    Instant now = clock.instant();
    sent.add(sentNotice(notice, sealed, recipients, now));
    return send(
        from.id(),
        id,
        sealed,
        notice.getFormatVersion(),
        List.copyOf(recipients.keySet()),
        whenAnswered);
  }

  /**
   * Finishes a publish that stopped after its sealed notice was stored (a crash), or that Kafka did
   * not take whole (503): the very bytes stored are sent to the copies still PENDING or FAILED, so
   * that the notice id and its content stay the ones the first request signed. A copy that reached
   * Kafka without being acknowledged in time then arrives twice with the same bytes, which the
   * recipient's gateway stores once; copies already acknowledged are not sent again.
   */
  public PublishOutcome resume(UnitId from, SentNotice stored, Runnable whenAnswered) {
    List<UnitId> pending =
        stored.copies().stream()
            .filter(c -> c.state() == RecipientState.PENDING || c.state() == RecipientState.FAILED)
            .map(c -> UnitId.of(c.recipientUnit()))
            .toList();
    PublishOutcome resent =
        send(
            from,
            stored.noticeId(),
            stored.sealed(),
            PublishService.FORMAT_VERSION,
            pending,
            whenAnswered);
    List<CopyResult> copies = new ArrayList<>();
    for (SentNotice.Copy copy : stored.copies()) {
      copies.add(
          resent.copies().stream()
              .filter(c -> c.recipient().equals(copy.recipientUnit()))
              .findFirst()
              .orElseGet(() -> CopyResult.stored(copy)));
    }
    return new PublishOutcome(stored.noticeId(), copies);
  }

  /** How long a publish may wait for Kafka: what a claim on an idempotency key must outlast. */
  Duration ackTimeout() {
    return ackTimeout;
  }

  private PublishOutcome send(
      UnitId from,
      UUID id,
      byte[] sealed,
      int formatVersion,
      List<UnitId> recipients,
      Runnable whenAnswered) {
    Map<String, Future<RecordMetadata>> pending = new LinkedHashMap<>();
    for (UnitId recipient : recipients) {
      var record =
          new ProducerRecord<String, byte[]>(Topics.notices(recipient), id.toString(), sealed);
      record.headers().add(Headers.SENDER, Headers.bytes(from.value()));
      record.headers().add(Headers.CONTENT_TYPE, Headers.bytes(Headers.SEALED_NOTICE));
      record.headers().add(Headers.FORMAT_VERSION, Headers.bytes(String.valueOf(formatVersion)));
      pending.put(recipient.value(), producers.forUnit(from).send(record));
    }
    List<CopyResult> copies = new ArrayList<>();
    List<SentStore.Step> steps = new ArrayList<>();
    long deadline = System.nanoTime() + ackTimeout.toNanos();
    for (var entry : pending.entrySet()) {
      CopyResult result = await(entry.getKey(), entry.getValue(), deadline);
      steps.add(
          new SentStore.Step(
              result.recipient(),
              result.acknowledged() ? RecipientState.SENT : RecipientState.FAILED,
              result.acknowledged() ? null : "KAFKA_REFUSED"));
      copies.add(result);
    }
    sent.advanceAll(id, steps, clock.instant(), whenAnswered);
    for (CopyResult result : copies) {
      if (result.acknowledged()) {
        metrics.copySent(from);
      }
    }
    PublishOutcome outcome = new PublishOutcome(id, copies);
    if (outcome.complete()) {
      log.info("Notice {} from {} sent to {}", id, from, outcome.acknowledged());
    } else {
      log.warn(
          "Notice {} from {}: Kafka took the copies for {} but not for {}",
          id,
          from,
          outcome.acknowledged(),
          outcome.failed());
    }
    return outcome;
  }

  private static CopyResult await(String recipient, Future<RecordMetadata> ack, long deadline) {
    try {
      ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return CopyResult.acknowledged(recipient);
    } catch (ExecutionException | TimeoutException e) {
      return CopyResult.failed(recipient, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CopyResult.failed(recipient, e);
    }
  }

  private static SentNotice sentNotice(
      CaseNotice n, byte[] sealed, Map<UnitId, X509Certificate> recipients, Instant now) {
    List<SentNotice.Copy> copies =
        recipients.keySet().stream()
            .map(r -> new SentNotice.Copy(r.value(), RecipientState.PENDING, null, now))
            .toList();
    return new SentNotice(
        n.getNoticeId(),
        n.getOriginator(),
        n.getNoticeType().name(),
        n.getPriority().name(),
        n.getThreadId(),
        n.getInReplyTo(),
        n.getCreatedAt(),
        n.getExpiresAt(),
        sealed,
        HexFormat.of().formatHex(SealedDigest.sha256(sealed)),
        copies);
  }
}
