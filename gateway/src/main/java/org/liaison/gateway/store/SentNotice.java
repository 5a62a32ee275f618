package org.liaison.gateway.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A notice a hosted unit sent, sealed once for all its recipients, and where each copy is. */
public record SentNotice(
    UUID noticeId,
    String originatorUnit,
    String noticeType,
    String priority,
    UUID threadId,
    UUID inReplyTo,
    Instant createdAt,
    Instant expiresAt,
    byte[] sealed,
    String sealedSha256,
    List<Copy> copies) {

  public SentNotice {
    Objects.requireNonNull(noticeId, "noticeId");
    Objects.requireNonNull(originatorUnit, "originatorUnit");
    Objects.requireNonNull(sealed, "sealed");
    copies = List.copyOf(copies);
  }

  /** One recipient's copy. */
  public record Copy(
      String recipientUnit, RecipientState state, String reasonCode, Instant updatedAt) {}
}
