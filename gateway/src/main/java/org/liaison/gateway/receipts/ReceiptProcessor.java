package org.liaison.gateway.receipts;

import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.liaison.gateway.ops.GatewayMetrics;
import org.liaison.gateway.store.QuarantineStore;
import org.liaison.gateway.store.QuarantinedRecord;
import org.liaison.gateway.store.RecipientState;
import org.liaison.gateway.store.RecordCoordinates;
import org.liaison.gateway.store.SentNotice;
import org.liaison.gateway.store.SentStore;
import org.liaison.gateway.transport.Headers;
import org.liaison.gateway.transport.TopicLoop;
import org.liaison.pki.seal.ReceiptOpener;
import org.liaison.pki.seal.ReceiptResult;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.Receipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The originator's side: verifies each receipt on a hosted unit's receipts topic and moves the copy
 * it answers forward. A receipt that fails a check, answers a notice this unit did not send to its
 * signer, or carries another digest than the copy sent, is quarantined with its reason.
 */
public final class ReceiptProcessor implements TopicLoop.RecordHandler {

  private static final Logger log = LoggerFactory.getLogger(ReceiptProcessor.class);

  private final UnitId unit;
  private final ReceiptOpener opener;
  private final Supplier<CertificateValidator> validator;
  private final SentStore sent;
  private final QuarantineStore quarantine;
  private final Clock clock;
  private final GatewayMetrics metrics;

  public ReceiptProcessor(
      UnitId unit,
      ReceiptOpener opener,
      Supplier<CertificateValidator> validator,
      SentStore sent,
      QuarantineStore quarantine,
      Clock clock,
      GatewayMetrics metrics) {
    this.unit = unit;
    this.opener = opener;
    this.validator = validator;
    this.sent = sent;
    this.quarantine = quarantine;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public void handle(ConsumerRecord<String, byte[]> record) {
    Instant now = clock.instant();
    byte[] bytes = record.value() == null ? new byte[0] : record.value();
    Optional<UnitId> hint =
        Headers.text(record.headers(), Headers.SENDER).filter(UnitId::isValid).map(UnitId::of);
    ReceiptResult result = opener.open(bytes, unit, validator.get(), hint, now);
    if (result instanceof ReceiptResult.Rejected rejected) {
      quarantine(record, bytes, rejected.reason().name(), rejected.detail(), now);
      return;
    }
    Receipt receipt = ((ReceiptResult.Verified) result).receipt();
    Optional<SentNotice> notice =
        sent.find(receipt.getNoticeId())
            .filter(n -> n.originatorUnit().equals(unit.value()))
            .filter(
                n ->
                    n.copies().stream()
                        .anyMatch(c -> c.recipientUnit().equals(receipt.getFromUnit())));
    if (notice.isEmpty()) {
      quarantine(
          record,
          bytes,
          "RECEIPT_FOR_UNKNOWN_NOTICE",
          "no notice " + receipt.getNoticeId() + " was sent to " + receipt.getFromUnit(),
          now);
      return;
    }
    String digest = HexFormat.of().formatHex(receipt.getSealedNoticeSha256().bytes());
    if (!digest.equals(notice.get().sealedSha256())) {
      quarantine(
          record,
          bytes,
          "RECEIPT_DIGEST_MISMATCH",
          "the receipt answers other bytes than the notice sent",
          now);
      return;
    }
    boolean moved =
        sent.advance(
            receipt.getNoticeId(),
            receipt.getFromUnit(),
            RecipientState.valueOf(receipt.getStatus().name()),
            receipt.getReasonCode(),
            receipt.getAt());
    metrics.receiptReceived(unit, receipt.getStatus().name());
    log.info(
        "Receipt {} for notice {} from {}{}",
        receipt.getStatus(),
        receipt.getNoticeId(),
        receipt.getFromUnit(),
        moved ? "" : " (no change)");
  }

  private void quarantine(
      ConsumerRecord<String, byte[]> record,
      byte[] bytes,
      String reason,
      String detail,
      Instant now) {
    quarantine.add(
        new QuarantinedRecord(
            null,
            unit.value(),
            reason,
            detail,
            Headers.text(record.headers(), Headers.SENDER).orElse(null),
            record.key(),
            new RecordCoordinates(record.topic(), record.partition(), record.offset()),
            bytes,
            now));
    metrics.receiptRejected(unit, reason);
    log.warn(
        "Receipt record {}-{}@{} for {} quarantined: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        unit,
        reason);
  }
}
