package org.liaison.gateway.store;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A notice in a unit's inbox: its sealed bytes as they arrived and what is needed to list it. The
 * case reference appears only as a keyed MAC ({@code caseRefMac}), never in clear.
 */
public record InboxEntry(
    String unitId,
    UUID noticeId,
    String senderUnit,
    String noticeType,
    String priority,
    String classification,
    String caseRefMac,
    UUID threadId,
    UUID inReplyTo,
    Instant createdAt,
    Instant expiresAt,
    Instant receivedAt,
    Instant readAt,
    byte[] sealed,
    String sealedSha256,
    RecordCoordinates record) {

  public InboxEntry {
    Objects.requireNonNull(unitId, "unitId");
    Objects.requireNonNull(noticeId, "noticeId");
    Objects.requireNonNull(senderUnit, "senderUnit");
    Objects.requireNonNull(noticeType, "noticeType");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(classification, "classification");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(sealed, "sealed");
    Objects.requireNonNull(sealedSha256, "sealedSha256");
    Objects.requireNonNull(record, "record");
  }

  /** Whether an officer of the unit has marked it read. */
  public boolean read() {
    return readAt != null;
  }
}
