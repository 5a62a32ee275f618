package org.liaison.gateway.receipts;

import java.util.UUID;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.schemas.UnitId;

/**
 * Where the inbound path hands receipts to send. A receipt handed over is held by the thread that
 * handed it until {@link #flush()}, which sends what the thread holds and returns once Kafka has
 * acknowledged all of it: a consumer flushes after its batch's transaction committed (so that a
 * DELIVERED receipt never vouches for a notice whose storing was rolled back) and commits its
 * offsets after the flush (so that the receipts are safe first). {@link #discard()} drops what the
 * thread holds, for a batch rolled back and read again.
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

  /**
   * Sends this thread's queued receipts and waits until each is acknowledged; throws if one was
   * not.
   */
  void flush();

  /** Drops this thread's queued receipts, unsent. */
  void discard();
}
