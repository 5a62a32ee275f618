package org.liaison.gateway.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Each hosted unit's quarantine: records refused by a check, with their reason and bytes. */
public class QuarantineStore {

  private static final String COLUMNS =
      "id, unit_id, reason_code, detail, sender_hint, notice_id_hint, topic, kafka_partition,"
          + " kafka_offset, raw_bytes, received_at";

  private final JdbcClient jdbc;

  public QuarantineStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Quarantines a record. Returns false, storing nothing, when that very record (same topic,
   * partition, offset) is already quarantined: a redelivery after a crash.
   */
  public boolean add(QuarantinedRecord q) {
    boolean known =
        jdbc.sql(
                    "select count(*) from quarantine where topic = :topic"
                        + " and kafka_partition = :partition and kafka_offset = :offset")
                .param("topic", q.record().topic())
                .param("partition", q.record().partition())
                .param("offset", q.record().offset())
                .query(Long.class)
                .single()
            > 0;
    if (known) {
      return false;
    }
    jdbc.sql(
            "insert into quarantine (unit_id, reason_code, detail, sender_hint, notice_id_hint,"
                + " topic, kafka_partition, kafka_offset, raw_bytes, received_at) values (:unit,"
                + " :reason, :detail, :sender, :notice, :topic, :partition, :offset, :raw, :at)")
        .param("unit", q.unitId())
        .param("reason", q.reasonCode())
        .param("detail", q.detail())
        .param("sender", q.senderHint())
        .param("notice", q.noticeIdHint())
        .param("topic", q.record().topic())
        .param("partition", q.record().partition())
        .param("offset", q.record().offset())
        .param("raw", q.rawBytes())
        .param("at", Timestamps.of(q.receivedAt()))
        .update();
    return true;
  }

  /** A page of the quarantine of the given units, newest first. */
  public List<QuarantinedRecord> list(List<String> units, int page, int size) {
    if (units.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from quarantine where unit_id in (:units)"
                + " order by received_at desc, id desc limit :limit offset :offset")
        .param("units", units)
        .param("limit", size)
        .param("offset", (long) page * size)
        .query(QuarantineStore::row)
        .list();
  }

  /** One quarantined record, with its bytes. */
  public Optional<QuarantinedRecord> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from quarantine where id = :id")
        .param("id", id)
        .query(QuarantineStore::row)
        .optional();
  }

  private static QuarantinedRecord row(ResultSet rs, int n) throws SQLException {
    return new QuarantinedRecord(
        rs.getLong("id"),
        rs.getString("unit_id"),
        rs.getString("reason_code"),
        rs.getString("detail"),
        rs.getString("sender_hint"),
        rs.getString("notice_id_hint"),
        new RecordCoordinates(
            rs.getString("topic"), rs.getInt("kafka_partition"), rs.getLong("kafka_offset")),
        rs.getBytes("raw_bytes"),
        Timestamps.instant(rs, "received_at"));
  }
}
