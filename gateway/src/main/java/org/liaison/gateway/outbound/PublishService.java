package org.liaison.gateway.outbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
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

  /**
   * How long a request whose key is held by a twin still in flight waits for the twin's answer
   * before it is told to retry (409): a little longer than a publish normally takes.
   */
  static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(2);

  private static final Duration IN_FLIGHT_POLL = Duration.ofMillis(25);

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
   * @throws IdempotencyInFlightException when a twin request holds the key and has not answered
   */
  public Accepted publish(String principal, HostedUnit from, JsonNode body, String idempotencyKey) {
    String requestHash = hash(from.id(), body);
    if (idempotencyKey == null) {
      return send(from, body, UUID.randomUUID(), () -> {});
    }
    long deadline = System.nanoTime() + IN_FLIGHT_WAIT.toNanos();
    while (true) {
      UUID id = UUID.randomUUID();
      if (keys.claim(principal, idempotencyKey, requestHash, id, clock.instant())) {
        return sendClaimed(principal, idempotencyKey, from, body, id);
      }
      Optional<IdempotencyKeys.Claim> claim = keys.find(principal, idempotencyKey);
      if (claim.isEmpty()) {
        continue; // released by a refused twin between our insert and our read: claim again
      }
      IdempotencyKeys.Claim first = claim.get();
      if (!first.requestSha256().equals(requestHash)) {
        throw new IdempotencyConflictException(idempotencyKey);
      }
      if (first.done()) {
        Accepted answer = repeat(first.noticeId());
        if (answer.outcome().complete()
            || !keys.reopen(principal, idempotencyKey, first, clock.instant())) {
          return answer;
        }
        return finishAbandoned(principal, idempotencyKey, from, body, first.noticeId());
      }
      if (first.claimedAt().isBefore(clock.instant().minus(lease()))
          && keys.takeOver(principal, idempotencyKey, first, clock.instant())) {
        return finishAbandoned(principal, idempotencyKey, from, body, first.noticeId());
      }
      if (System.nanoTime() > deadline) {
        throw new IdempotencyInFlightException();
      }
      pause();
    }
  }

  /**
   * Sends under a claim this request holds. The claim is DONE once Kafka has answered for every
   * copy (the outcome, complete or not, is then the key's answer, as the caller was given it); it
   * is released when nothing was stored (a refusal: the same body would be refused again), and left
   * for the next request to finish when the sealed notice was stored but the sending broke.
   */
  private Accepted sendClaimed(
      String principal, String key, HostedUnit from, JsonNode body, UUID id) {
    try {
      // The claim becomes DONE in the transaction that records Kafka's answer for the copies.
      return send(from, body, id, () -> keys.done(principal, key));
    } catch (RuntimeException e) {
      if (sent.find(id).isEmpty()) {
        keys.release(principal, key);
      } else {
        keys.abandon(principal, key);
      }
      throw e;
    }
  }

  /**
   * A claim whose holder stopped (a crash between the claim and Kafka's answer), or reopened after
   * a partial failure: when its sealed notice was stored, the stored bytes go to the copies still
   * pending or failed; otherwise nothing went out, and the notice is made again under the same id.
   */
  private Accepted finishAbandoned(
      String principal, String key, HostedUnit from, JsonNode body, UUID id) {
    Optional<SentNotice> stored = sent.find(id);
    if (stored.isEmpty()) {
      return sendClaimed(principal, key, from, body, id);
    }
    PublishOutcome outcome;
    try {
      outcome = publisher.resume(from.id(), stored.get(), () -> keys.done(principal, key));
    } catch (RuntimeException e) {
      keys.abandon(principal, key);
      throw e;
    }
    return new Accepted(id, outcome, true);
  }

  private Accepted send(HostedUnit from, JsonNode body, UUID id, Runnable whenAnswered) {
    CaseNotice notice = read(from, body, id);
    Map<UnitId, X509Certificate> recipients = recipients(notice);
    PublishOutcome outcome = publisher.publish(from, notice, recipients, whenAnswered);
    return new Accepted(notice.getNoticeId(), outcome, false);
  }

  /** A claim older than this was abandoned: no live request waits longer for Kafka. */
  private Duration lease() {
    return publisher.ackTimeout().plus(Duration.ofSeconds(60));
  }

  private static void pause() {
    try {
      Thread.sleep(IN_FLIGHT_POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a twin request", e);
    }
  }

  private CaseNotice read(HostedUnit from, JsonNode body, UUID id) {
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
    complete.put("noticeId", id.toString());
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
    Map<String, List<UnitId>> refused = new LinkedHashMap<>();
    List<String> ids = notice.getRecipients();
    for (int i = 0; i < ids.size(); i++) {
      UnitId unit = UnitId.of(ids.get(i));
      Optional<X509Certificate> cert = peers.encryptionCertificate(unit);
      Optional<String> refusal = cert.isPresent() ? Optional.empty() : peers.refusal(unit);
      if (cert.isPresent()) {
        certificates.put(unit, cert.get());
      } else if (refusal.isPresent()) {
        refused.computeIfAbsent(refusal.get(), code -> new ArrayList<>()).add(unit);
      } else {
        unknown.add(
            new JsonViolation(
                "$.recipients[" + i + "]",
                "UNKNOWN_RECIPIENT",
                "no current encryption certificate is known for " + unit));
      }
    }
    if (!refused.isEmpty()) {
      var first = refused.entrySet().iterator().next();
      throw new RecipientsRefusedException(first.getKey(), first.getValue());
    }
    if (!unknown.isEmpty()) {
      throw new NoticeRefusedException(unknown);
    }
    return certificates;
  }

  private Accepted repeat(UUID noticeId) {
    SentNotice first = sent.find(noticeId).orElseThrow();
    List<CopyResult> copies = first.copies().stream().map(CopyResult::stored).toList();
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
