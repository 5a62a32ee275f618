package org.liaison.gateway.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.liaison.pki.seal.Delivery;
import org.liaison.pki.seal.ReplayStore;
import org.liaison.schemas.UnitId;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One unit's durable ledger of the notice ids it opened, with the delivery that first carried each:
 * the opener's replay check. A new delivery of a known id is a replay; the same delivery read again
 * (a crash before the offset commit) is a redelivery, which must not be refused.
 */
public class SeenNotices implements ReplayStore {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final UnitId unit;

  public SeenNotices(JdbcClient jdbc, Clock clock, UnitId unit) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.unit = Objects.requireNonNull(unit, "unit");
  }

  /**
   * Reads before it writes, rather than catching a duplicate key, because a failed insert would
   * abort the caller's transaction on PostgreSQL. One consumer per partition makes the two steps
   * safe, and the primary key still refuses a concurrent second writer.
   */
  @Override
  public Claim claim(UUID noticeId, Delivery delivery, Instant signingTime) {
    var first =
        jdbc.sql("select delivery_id from seen_notice where unit_id = :unit and notice_id = :id")
            .param("unit", unit.value())
            .param("id", noticeId)
            .query(String.class)
            .optional();
    if (first.isPresent()) {
      return first.get().equals(delivery.id()) ? Claim.REDELIVERY : Claim.REPLAY;
    }
    jdbc.sql(
            "insert into seen_notice (unit_id, notice_id, delivery_id, signing_time, seen_at)"
                + " values (:unit, :id, :delivery, :signed, :at)")
        .param("unit", unit.value())
        .param("id", noticeId)
        .param("delivery", delivery.id())
        .param("signed", Timestamps.of(signingTime))
        .param("at", Timestamps.of(clock.instant()))
        .update();
    return Claim.FIRST;
  }
}
