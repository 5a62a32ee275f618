package org.liaison.gateway.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.liaison.gateway.store.InboxEntry;
import org.liaison.gateway.store.QuarantinedRecord;
import org.liaison.gateway.store.SentNotice;
import org.liaison.gateway.store.ThreadStore;
import org.liaison.pki.seal.VerificationReport;
import tools.jackson.databind.node.ObjectNode;

/** The JSON shapes the API answers with. */
final class Views {

  private Views() {}

  record Copy(String recipient, String state, String reasonCode, Instant updatedAt) {}

  record Accepted(UUID noticeId, String status, boolean repeated, List<Copy> copies) {}

  record Sent(
      UUID noticeId,
      String originator,
      String noticeType,
      String priority,
      UUID threadId,
      UUID inReplyTo,
      Instant createdAt,
      Instant expiresAt,
      String sealedSha256,
      List<Copy> copies,
      ObjectNode notice,
      String noticeUnreadableReason) {

    static Sent of(SentNotice n, ObjectNode notice, String unreadableReason) {
      return new Sent(
          n.noticeId(),
          n.originatorUnit(),
          n.noticeType(),
          n.priority(),
          n.threadId(),
          n.inReplyTo(),
          n.createdAt(),
          n.expiresAt(),
          n.sealedSha256(),
          n.copies().stream()
              .map(
                  c -> new Copy(c.recipientUnit(), c.state().name(), c.reasonCode(), c.updatedAt()))
              .toList(),
          notice,
          unreadableReason);
    }
  }

  record InboxItem(
      UUID noticeId,
      String from,
      String noticeType,
      String priority,
      String classification,
      UUID threadId,
      UUID inReplyTo,
      Instant createdAt,
      Instant expiresAt,
      Instant receivedAt,
      Instant readAt,
      String sealedSha256) {

    static InboxItem of(InboxEntry e) {
      return new InboxItem(
          e.noticeId(),
          e.senderUnit(),
          e.noticeType(),
          e.priority(),
          e.classification(),
          e.threadId(),
          e.inReplyTo(),
          e.createdAt(),
          e.expiresAt(),
          e.receivedAt(),
          e.readAt(),
          e.sealedSha256());
    }
  }

  record Page<T>(int page, int size, List<T> items) {}

  record Verification(
      String signerUnit,
      String signerCertificateSerial,
      Instant signingTime,
      String digestAlgorithm,
      String signatureAlgorithm,
      String contentEncryptionAlgorithm,
      String keyManagementAlgorithm) {

    static Verification of(VerificationReport r) {
      return new Verification(
          r.signerUnit().value(),
          r.signerSerial().toString(16),
          r.signingTime(),
          r.digestAlgorithm(),
          r.signatureAlgorithm(),
          r.contentEncryptionAlgorithm(),
          r.keyManagementAlgorithm());
    }
  }

  record OpenedNotice(InboxItem entry, ObjectNode notice, Verification verification) {}

  record Quarantined(
      long id,
      String unit,
      String reasonCode,
      String detail,
      String senderHint,
      String noticeIdHint,
      String topic,
      int partition,
      long offset,
      int size,
      Instant receivedAt) {

    static Quarantined of(QuarantinedRecord q) {
      return new Quarantined(
          q.id(),
          q.unitId(),
          q.reasonCode(),
          q.detail(),
          q.senderHint(),
          q.noticeIdHint(),
          q.record().topic(),
          q.record().partition(),
          q.record().offset(),
          q.rawBytes().length,
          q.receivedAt());
    }
  }

  /** A unit's view of a thread: what it sent and received in it, oldest first. */
  record Thread(UUID threadId, int page, int size, List<ThreadItem> items) {}

  /** One notice of a thread: SENT by the calling unit or RECEIVED by it. */
  record ThreadItem(
      String direction,
      UUID noticeId,
      String from,
      String noticeType,
      String priority,
      UUID inReplyTo,
      Instant createdAt,
      Instant expiresAt,
      Instant receivedAt,
      Instant readAt,
      String sealedSha256) {

    static ThreadItem of(ThreadStore.Item i) {
      return new ThreadItem(
          i.direction(),
          i.noticeId(),
          i.from(),
          i.noticeType(),
          i.priority(),
          i.inReplyTo(),
          i.createdAt(),
          i.expiresAt(),
          i.receivedAt(),
          i.readAt(),
          i.sealedSha256());
    }
  }
}
