package org.liaison.gateway.store;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Idempotency keys of publish requests: a retried request with the same key and the same body gets
 * the first answer instead of a second notice; the same key with another body is a caller's
 * mistake, which the API reports.
 */
public class IdempotencyKeys {

  /** The first request made with a key. */
  public record First(String requestSha256, UUID noticeId) {}

  private final JdbcClient jdbc;

  public IdempotencyKeys(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The first request {@code principal} made with {@code key}, if any. */
  public Optional<First> find(String principal, String key) {
    return jdbc.sql(
            "select request_sha256, notice_id from idempotency_key"
                + " where principal = :principal and idem_key = :key")
        .param("principal", principal)
        .param("key", key)
        .query((rs, n) -> new First(rs.getString(1), rs.getObject(2, UUID.class)))
        .optional();
  }

  /** Remembers the answer to the first request made with {@code key}. */
  public void remember(String principal, String key, First first, Instant at) {
    jdbc.sql(
            "insert into idempotency_key (principal, idem_key, request_sha256, notice_id,"
                + " created_at) values (:principal, :key, :sha, :id, :at)")
        .param("principal", principal)
        .param("key", key)
        .param("sha", first.requestSha256())
        .param("id", first.noticeId())
        .param("at", Timestamps.of(at))
        .update();
  }
}
