package org.liaison.gateway.receipts;

import java.util.UUID;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.schemas.UnitId;

/**
 * Where the inbound path hands receipts to send. Sending is asynchronous; {@link #flush()} returns
 * once every receipt handed over so far is acknowledged by Kafka, so that a consumer commits its
 * offsets only after the receipts for them are safe.
 */
public interface ReceiptOutbox {

  /** What a receipt says. */
  enum Status {
    DELIVERED,
    READ,
    REJECTED
  }

  /**
   * Queues a receipt signed by {@code from} for {@code to}, about {@code noticeId}, whose sealed
   * bytes had digest {@code sealedSha256}.
   */
  void send(
      HostedUnit from,
      UnitId to,
      UUID noticeId,
      Status status,
      String reasonCode,
      byte[] sealedSha256);

  /** Waits until every queued receipt is acknowledged; throws if one was not. */
  void flush();
}
