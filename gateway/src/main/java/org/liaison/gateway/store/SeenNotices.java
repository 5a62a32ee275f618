package org.liaison.gateway.store;

import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The durable ledger of notice ids a unit has received, with the record that first carried each. It
 * tells a replay (a new record carrying a known id) from a redelivery (the same record read again
 * after a crash before its offset was committed), which must not be refused.
 */
public class SeenNotices {

  /** What a record is, judged by the ledger. */
  public enum Verdict {
    /** The first record carrying this id: it is now recorded. */
    FIRST,
    /** The very record that first carried this id, read again. */
    REDELIVERY,
    /** Another record carrying an id already received: a replay. */
    REPLAY
  }

  private final JdbcClient jdbc;
  private final Clock clock;

  public SeenNotices(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Records that {@code record} carried {@code noticeId} to {@code unit}, or judges it. It reads
   * before it writes, rather than catching a duplicate key, because a failed insert would abort the
   * caller's transaction on PostgreSQL; one consumer per partition makes the two steps safe, and
   * the primary key still refuses a concurrent second writer.
   */
  public Verdict record(String unit, UUID noticeId, RecordCoordinates record) {
    var first =
        jdbc.sql(
                """
                select topic, kafka_partition, kafka_offset from seen_notice
                where unit_id = :unit and notice_id = :id""")
            .param("unit", unit)
            .param("id", noticeId)
            .query((rs, n) -> new RecordCoordinates(rs.getString(1), rs.getInt(2), rs.getLong(3)))
            .optional();
    if (first.isPresent()) {
      return first.get().equals(record) ? Verdict.REDELIVERY : Verdict.REPLAY;
    }
    jdbc.sql(
            """
            insert into seen_notice (unit_id, notice_id, topic, kafka_partition, kafka_offset, seen_at)
            values (:unit, :id, :topic, :partition, :offset, :at)""")
        .param("unit", unit)
        .param("id", noticeId)
        .param("topic", record.topic())
        .param("partition", record.partition())
        .param("offset", record.offset())
        .param("at", Timestamps.of(clock.instant()))
        .update();
    return Verdict.FIRST;
  }
}
