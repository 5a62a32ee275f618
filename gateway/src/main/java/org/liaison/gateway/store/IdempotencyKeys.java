package org.liaison.gateway.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Idempotency keys of publish requests: a retried request with the same key and the same body gets
 * the first answer instead of a second notice; the same key with another body is a caller's
 * mistake, which the API reports.
 *
 * <p>A key is claimed before anything is sealed or sent: the insert on the primary key (principal,
 * key) is the one place where two requests at once meet, so exactly one of them wins and the others
 * find its claim. Only the key's SHA-256 is stored, never the key.
 */
public class IdempotencyKeys {

  /**
   * A key's claim.
   *
   * @param done whether the first request has been answered (Kafka answered for every copy)
   * @param claimedAt when the request that holds the claim took it
   */
  public record Claim(String requestSha256, UUID noticeId, boolean done, Instant claimedAt) {}

  private final JdbcClient jdbc;

  public IdempotencyKeys(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Claims {@code key} for a request with the hash {@code requestSha256} that will send the notice
   * {@code noticeId}; false when the key is claimed already (by this request's twin or another).
   */
  public boolean claim(
      String principal, String key, String requestSha256, UUID noticeId, Instant at) {
    try {
      jdbc.sql(
              "insert into idempotency_key (principal, idem_key, request_sha256, notice_id,"
                  + " created_at, state, claimed_at)"
                  + " values (:principal, :key, :sha, :id, :at, 'CLAIMED', :at)")
          .param("principal", principal)
          .param("key", hash(key))
          .param("sha", requestSha256)
          .param("id", noticeId)
          .param("at", Timestamps.of(at))
          .update();
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /** The claim on {@code key}, if any. */
  public Optional<Claim> find(String principal, String key) {
    return jdbc.sql(
            "select request_sha256, notice_id, state, claimed_at from idempotency_key"
                + " where principal = :principal and idem_key = :key")
        .param("principal", principal)
        .param("key", hash(key))
        .query(
            (rs, n) ->
                new Claim(
                    rs.getString(1),
                    rs.getObject(2, UUID.class),
                    "DONE".equals(rs.getString(3)),
                    rs.getObject(4) == null ? Instant.EPOCH : Timestamps.instant(rs, "claimed_at")))
        .optional();
  }

  /**
   * Takes over a claim that its holder abandoned (a crash, or a failure it released): succeeds for
   * one caller only, the one whose update still finds the claim as it was read.
   */
  public boolean takeOver(String principal, String key, Claim abandoned, Instant at) {
    return jdbc.sql(
                "update idempotency_key set claimed_at = :at"
                    + " where principal = :principal and idem_key = :key and state = 'CLAIMED'"
                    + " and notice_id = :id and claimed_at = :old")
            .param("at", Timestamps.of(at))
            .param("principal", principal)
            .param("key", hash(key))
            .param("id", abandoned.noticeId())
            .param("old", Timestamps.of(abandoned.claimedAt()))
            .update()
        == 1;
  }

  /**
   * Claims again a key whose answer was a partial failure (some copies not taken by Kafka), so that
   * one retry sends the copies still owed: succeeds for one caller only; the others repeat the
   * stored answer meanwhile, as for any finished key.
   */
  public boolean reopen(String principal, String key, Claim finished, Instant at) {
    return jdbc.sql(
                "update idempotency_key set state = 'CLAIMED', claimed_at = :at"
                    + " where principal = :principal and idem_key = :key and state = 'DONE'"
                    + " and notice_id = :id")
            .param("at", Timestamps.of(at))
            .param("principal", principal)
            .param("key", hash(key))
            .param("id", finished.noticeId())
            .update()
        == 1;
  }

  /** The request holding the claim was answered: later ones replay its answer. */
  public void done(String principal, String key) {
    jdbc.sql(
            "update idempotency_key set state = 'DONE'"
                + " where principal = :principal and idem_key = :key")
        .param("principal", principal)
        .param("key", hash(key))
        .update();
  }

  /**
   * The request holding the claim failed after its notice was stored: the claim stays on the same
   * notice id, and the next request with the key takes it over at once instead of waiting out the
   * lease.
   */
  public void abandon(String principal, String key) {
    jdbc.sql(
            "update idempotency_key set claimed_at = :epoch"
                + " where principal = :principal and idem_key = :key and state = 'CLAIMED'")
        .param("epoch", Timestamps.of(Instant.EPOCH))
        .param("principal", principal)
        .param("key", hash(key))
        .update();
  }

  /** The request holding the claim sent nothing (refused, or failed before storing): forget it. */
  public void release(String principal, String key) {
    jdbc.sql(
            "delete from idempotency_key"
                + " where principal = :principal and idem_key = :key and state = 'CLAIMED'")
        .param("principal", principal)
        .param("key", hash(key))
        .update();
  }

  private static String hash(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
