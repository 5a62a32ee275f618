package org.liaison.gateway.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.liaison.gateway.ops.GatewayMetrics;
import org.liaison.gateway.receipts.ReceiptOutbox;
import org.liaison.gateway.store.InboxEntry;
import org.liaison.gateway.store.InboxStore;
import org.liaison.gateway.store.QuarantineStore;
import org.liaison.gateway.store.QuarantinedRecord;
import org.liaison.gateway.store.RecordCoordinates;
import org.liaison.gateway.transport.Headers;
import org.liaison.gateway.transport.TopicLoop;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.pki.seal.Delivery;
import org.liaison.pki.seal.NoticeOpener;
import org.liaison.pki.seal.OpenResult;
import org.liaison.pki.seal.RejectReason;
import org.liaison.pki.seal.SealedDigest;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.CaseNotice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Processes the records of one hosted unit's notices topic, one at a time. */
public final class InboundProcessor implements TopicLoop.RecordHandler {

  private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);

  /** What became of a record. */
  public enum Outcome {
    STORED,
    ALREADY_STORED,
    QUARANTINED,
    ALREADY_QUARANTINED
  }

  private final Supplier<HostedUnit> keys;
  private final NoticeOpener opener;
  private final Supplier<CertificateValidator> validator;
  private final InboxStore inbox;
  private final QuarantineStore quarantine;
  private final ReceiptOutbox receipts;
  private final CaseReferenceMac caseReferences;
  private final Clock clock;
  private final GatewayMetrics metrics;

  /**
   * @param keys the unit's keys as current at each call: a record is opened, and its receipt
   *     signed, with the one set taken when its processing starts, so that a key store reloaded
   *     meanwhile never mixes old and new keys within a record
   */
  public InboundProcessor(
      Supplier<HostedUnit> keys,
      NoticeOpener opener,
      Supplier<CertificateValidator> validator,
      InboxStore inbox,
      QuarantineStore quarantine,
      ReceiptOutbox receipts,
      CaseReferenceMac caseReferences,
      Clock clock,
      GatewayMetrics metrics) {
    this.keys = keys;
    this.opener = opener;
    this.validator = validator;
    this.inbox = inbox;
    this.quarantine = quarantine;
    this.receipts = receipts;
    this.caseReferences = caseReferences;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * Processes one record. A record already stored is a redelivery after a crash between storing and
   * committing: its DELIVERED receipt is sent again (receipts are idempotent at the originator) and
   * nothing is stored twice.
   */
  @Override
  public void handle(ConsumerRecord<String, byte[]> record) {
    process(record);
  }

  /** Processes one record and says what became of it. */
  public Outcome process(ConsumerRecord<String, byte[]> record) {
    HostedUnit unit = keys.get();
    var at = new RecordCoordinates(record.topic(), record.partition(), record.offset());
    byte[] sealed = record.value() == null ? new byte[0] : record.value();
    Optional<InboxEntry> stored = inbox.findByRecord(at);
    if (stored.isPresent()) {
      deliveredAgain(unit, stored.get());
      return Outcome.ALREADY_STORED;
    }
    Optional<String> senderHeader = Headers.text(record.headers(), Headers.SENDER);
    Optional<UnitId> senderHint = senderHeader.filter(UnitId::isValid).map(UnitId::of);
    Instant now = clock.instant();
    long opening = System.nanoTime();
    OpenResult result =
        senderHeader.isPresent() && senderHint.isEmpty()
            ? new OpenResult.Rejected(
                RejectReason.SENDER_MISMATCH, "the sender header is not a unit id")
            : opener.open(
                sealed,
                unit.openingKeys(),
                validator.get(),
                senderHint,
                now,
                Delivery.kafka(at.topic(), at.partition(), at.offset()));
    metrics.opened(unit.id(), System.nanoTime() - opening);
    if (result instanceof OpenResult.Opened opened) {
      return store(unit, opened, sealed, at, now);
    }
    OpenResult.Rejected rejected = (OpenResult.Rejected) result;
    Optional<InboxEntry> same = sameBytesStored(unit, rejected, sealed);
    if (same.isPresent()) {
      InboxEntry e = same.get();
      deliveredAgain(unit, e);
      metrics.duplicateCopy(unit.id());
      log.info(
          "Notice {} for {} arrived again in {}, byte for byte the stored copy: receipt sent again",
          e.noticeId(),
          unit.id(),
          at);
      return Outcome.ALREADY_STORED;
    }
    return quarantine(unit, rejected, record, sealed, at, now);
  }

  /** Sends the DELIVERED receipt of a stored notice again (receipts are idempotent). */
  private void deliveredAgain(HostedUnit unit, InboxEntry e) {
    receipts.send(
        unit,
        UnitId.of(e.senderUnit()),
        e.noticeId(),
        ReceiptOutbox.Status.DELIVERED,
        null,
        HexFormat.of().parseHex(e.sealedSha256()));
  }

  /**
   * The stored notice that a REPLAY refusal repeats byte for byte, if any. A sender that resumes a
   * notice after a crash sends again the sealed bytes it stored, and a copy that reached Kafka just
   * before the crash then arrives on two records: the second has no new effect, and its DELIVERED
   * receipt is sent again. The same notice id with other bytes stays a REPLAY. Comparing SHA-256
   * digests of whole sealed notices is exact for this purpose: a second preimage is out of reach,
   * and the bytes stored were verified when they were first opened.
   */
  private Optional<InboxEntry> sameBytesStored(
      HostedUnit unit, OpenResult.Rejected rejected, byte[] sealed) {
    if (rejected.reason() != RejectReason.REPLAY || rejected.noticeId().isEmpty()) {
      return Optional.empty();
    }
    String digest = HexFormat.of().formatHex(SealedDigest.sha256(sealed));
    return inbox
        .find(unit.id().value(), rejected.noticeId().get())
        .filter(e -> e.sealedSha256().equalsIgnoreCase(digest));
  }

  private Outcome store(
      HostedUnit unit, OpenResult.Opened opened, byte[] sealed, RecordCoordinates at, Instant now) {
    CaseNotice n = opened.notice();
    byte[] digest = SealedDigest.sha256(sealed);
    inbox.add(
        new InboxEntry(
            unit.id().value(),
            n.getNoticeId(),
            n.getOriginator(),
            n.getNoticeType().name(),
            n.getPriority().name(),
            n.getClassification().name(),
            caseReferences.of(n.getCaseReference()),
            n.getThreadId(),
            n.getInReplyTo(),
            n.getCreatedAt(),
            n.getExpiresAt(),
            now,
            null,
            sealed,
            HexFormat.of().formatHex(digest),
            at));
    metrics.noticeReceived(unit.id());
    metrics.delivered(unit.id(), Duration.between(n.getCreatedAt(), clock.instant()).toNanos());
    receipts.send(
        unit,
        UnitId.of(n.getOriginator()),
        n.getNoticeId(),
        ReceiptOutbox.Status.DELIVERED,
        null,
        digest);
    log.info(
        "Notice {} from {} stored for {} ({})", n.getNoticeId(), n.getOriginator(), unit.id(), at);
    return Outcome.STORED;
  }

  private Outcome quarantine(
      HostedUnit unit,
      OpenResult.Rejected rejected,
      ConsumerRecord<String, byte[]> record,
      byte[] sealed,
      RecordCoordinates at,
      Instant now) {
    boolean added =
        quarantine.add(
            new QuarantinedRecord(
                null,
                unit.id().value(),
                rejected.reason().name(),
                rejected.detail(),
                Headers.text(record.headers(), Headers.SENDER).orElse(null),
                record.key(),
                at,
                sealed,
                now));
    if (added) {
      metrics.noticeRejected(unit.id(), rejected.reason().name());
      log.warn("Record {} for {} quarantined: {}", at, unit.id(), rejected.reason());
    }
    // Only a signer whose signature and certificate were verified is told: anyone else could be
    // made to receive receipts for notices they never sent. A redelivery of a record quarantined
    // before a crash sends its receipt again; the originator ignores repeats.
    if (rejected.authenticatedSigner().isPresent() && rejected.noticeId().isPresent()) {
      receipts.send(
          unit,
          rejected.authenticatedSigner().get(),
          rejected.noticeId().get(),
          ReceiptOutbox.Status.REJECTED,
          rejected.reason().name(),
          SealedDigest.sha256(sealed));
    }
    return added ? Outcome.QUARANTINED : Outcome.ALREADY_QUARANTINED;
  }
}
