package org.liaison.gateway.outbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.liaison.gateway.json.JsonViolation;
import org.liaison.gateway.json.NoticeJsonCodec;
import org.liaison.gateway.store.IdempotencyKeys;
import org.liaison.gateway.store.RecipientState;
import org.liaison.gateway.store.SentNotice;
import org.liaison.gateway.store.SentStore;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.gateway.units.PeerDirectory;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.rules.NoticeRules;
import org.liaison.schemas.rules.RuleViolation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The publish use case: the caller's JSON, the fields the gateway sets (id, creation time,
 * originator, format version), every check with every violation at once, the recipients'
 * certificates, then sealing and sending.
 */
public final class PublishService {

  /** Fields a caller may not set: the gateway sets them. */
  static final List<String> SET_BY_GATEWAY =
      List.of("noticeId", "createdAt", "originator", "formatVersion");

  /** The current notice format version. */
  static final int FORMAT_VERSION = 1;

  /**
   * The answer to a publish request.
   *
   * @param repeated whether this answers a retried request with a known idempotency key
   */
  public record Accepted(UUID noticeId, PublishOutcome outcome, boolean repeated) {}

  private final NoticeJsonCodec json;
  private final NoticePublisher publisher;
  private final PeerDirectory peers;
  private final IdempotencyKeys keys;
  private final SentStore sent;
  private final ReplyThreads replies;
  private final Clock clock;

  public PublishService(
      NoticeJsonCodec json,
      NoticePublisher publisher,
      PeerDirectory peers,
      IdempotencyKeys keys,
      SentStore sent,
      ReplyThreads replies,
      Clock clock) {
    this.json = json;
    this.publisher = publisher;
    this.peers = peers;
    this.keys = keys;
    this.sent = sent;
    this.replies = replies;
    this.clock = clock;
  }

  /**
   * Publishes the notice in {@code body} from {@code from}.
   *
   * @param principal who is asking, for the idempotency key's scope
   * @param idempotencyKey the caller's key for this request, or null
   * @throws NoticeRefusedException with every violation, when nothing was sent
   * @throws IdempotencyConflictException when the key was used with another body
   */
  public Accepted publish(String principal, HostedUnit from, JsonNode body, String idempotencyKey) {
    String requestHash = hash(from.id(), body);
    if (idempotencyKey != null) {
      Optional<IdempotencyKeys.First> first = keys.find(principal, idempotencyKey);
      if (first.isPresent()) {
        if (!first.get().requestSha256().equals(requestHash)) {
          throw new IdempotencyConflictException(idempotencyKey);
        }
        return repeat(first.get().noticeId());
      }
    }
    CaseNotice notice = read(from, body);
    Map<UnitId, X509Certificate> recipients = recipients(notice);
    PublishOutcome outcome = publisher.publish(from, notice, recipients);
    if (idempotencyKey != null) {
      keys.remember(
          principal,
          idempotencyKey,
          new IdempotencyKeys.First(requestHash, notice.getNoticeId()),
          clock.instant());
    }
    return new Accepted(notice.getNoticeId(), outcome, false);
  }

  private CaseNotice read(HostedUnit from, JsonNode body) {
    if (!(body instanceof ObjectNode object)) {
      throw new NoticeRefusedException(
          List.of(new JsonViolation("$", "JSON_TYPE", "the notice must be a JSON object")));
    }
    List<JsonViolation> violations = new ArrayList<>();
    for (String field : SET_BY_GATEWAY) {
      if (object.has(field)) {
        violations.add(
            new JsonViolation("$." + field, "SET_BY_GATEWAY", "the gateway sets this field"));
      }
    }
    ObjectNode complete = object.deepCopy();
    complete.put("noticeId", UUID.randomUUID().toString());
    complete.put("createdAt", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    complete.put("originator", from.id().value());
    complete.put("formatVersion", FORMAT_VERSION);
    violations.addAll(replies.inherit(from, complete));
    NoticeJsonCodec.Read read = json.read(complete);
    violations.addAll(read.violations());
    if (read.notice() != null) {
      for (RuleViolation v : NoticeRules.check(read.notice())) {
        violations.add(new JsonViolation("$." + v.path(), v.code().name(), v.message()));
      }
    }
    if (!violations.isEmpty()) {
      throw new NoticeRefusedException(violations);
    }
    return read.notice();
  }

  private Map<UnitId, X509Certificate> recipients(CaseNotice notice) {
    Map<UnitId, X509Certificate> certificates = new LinkedHashMap<>();
    List<JsonViolation> unknown = new ArrayList<>();
    List<String> ids = notice.getRecipients();
    for (int i = 0; i < ids.size(); i++) {
      UnitId unit = UnitId.of(ids.get(i));
      Optional<X509Certificate> cert = peers.encryptionCertificate(unit);
      if (cert.isPresent()) {
        certificates.put(unit, cert.get());
      } else {
        unknown.add(
            new JsonViolation(
                "$.recipients[" + i + "]",
                "UNKNOWN_RECIPIENT",
                "no current encryption certificate is known for " + unit));
      }
    }
    if (!unknown.isEmpty()) {
      throw new NoticeRefusedException(unknown);
    }
    return certificates;
  }

  private Accepted repeat(UUID noticeId) {
    SentNotice first = sent.find(noticeId).orElseThrow();
    List<CopyResult> copies =
        first.copies().stream()
            .map(
                c ->
                    new CopyResult(
                        c.recipientUnit(),
                        c.state() != RecipientState.FAILED && c.state() != RecipientState.PENDING,
                        c.reasonCode()))
            .toList();
    return new Accepted(noticeId, new PublishOutcome(noticeId, copies), true);
  }

  private static String hash(UnitId from, JsonNode body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(from.value().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(body.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
