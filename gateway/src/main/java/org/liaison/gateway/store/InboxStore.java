package org.liaison.gateway.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The inboxes of the hosted units: sealed notices and their listing metadata. */
public class InboxStore {

  private static final String COLUMNS =
      "unit_id, notice_id, sender_unit, notice_type, priority, classification, case_ref_mac,"
          + " thread_id, in_reply_to, created_at, expires_at, received_at, read_at, sealed,"
          + " sealed_sha256, topic, kafka_partition, kafka_offset";

  private static final String LISTING_COLUMNS = COLUMNS.replace(" sealed,", "");

  private final JdbcClient jdbc;
  private final Clock clock;
  private final InboxSignals signals;

  public InboxStore(JdbcClient jdbc, Clock clock) {
    this(jdbc, clock, new InboxSignals());
  }

  /** An inbox store that signals {@code signals} after each notice it stores. */
  public InboxStore(JdbcClient jdbc, Clock clock, InboxSignals signals) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.signals = signals;
  }

  /**
   * Stores a notice that passed every check, under its thread: the one it names, or its own id when
   * it starts one (so that a recipient of a thread's first notice finds it by the thread's id).
   */
  public void add(InboxEntry e) {
    jdbc.sql(
            "insert into inbox_notice ("
                + COLUMNS
                + ") values (:unit, :id, :sender, :type, :priority, :classification, :caseRef,"
                + " :thread, :inReplyTo, :created, :expires, :received, :read, :sealed, :sha,"
                + " :topic, :partition, :offset)")
        .param("unit", e.unitId())
        .param("id", e.noticeId())
        .param("sender", e.senderUnit())
        .param("type", e.noticeType())
        .param("priority", e.priority())
        .param("classification", e.classification())
        .param("caseRef", e.caseRefMac())
        .param("thread", e.threadId() == null ? e.noticeId() : e.threadId())
        .param("inReplyTo", e.inReplyTo())
        .param("created", Timestamps.of(e.createdAt()))
        .param("expires", Timestamps.of(e.expiresAt()))
        .param("received", Timestamps.of(e.receivedAt()))
        .param("read", Timestamps.of(e.readAt()))
        .param("sealed", e.sealed())
        .param("sha", e.sealedSha256())
        .param("topic", e.record().topic())
        .param("partition", e.record().partition())
        .param("offset", e.record().offset())
        .update();
    signalWhenCommitted(e.unitId());
  }

  /**
   * Signals followers once the notice is visible to them: at once when the insert committed by
   * itself, after the commit when it is part of a transaction (a consumer's batch), never when that
   * rolls back.
   */
  private void signalWhenCommitted(String unit) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      signals.stored(unit);
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            signals.stored(unit);
          }
        });
  }

  /**
   * Up to {@code limit} notices of {@code unit}'s inbox received at or after {@code from}, and
   * after {@code after} in (received time, notice id) order when it is given: oldest first, for
   * those who follow the inbox as it fills. The entries carry no sealed bytes (an empty array):
   * following needs only what a listing shows.
   */
  public List<InboxEntry> receivedSince(String unit, Instant from, Position after, int limit) {
    var sql =
        new StringBuilder("select ")
            .append(LISTING_COLUMNS)
            .append(" from inbox_notice where unit_id = :unit and received_at >= :from");
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("unit", unit);
    params.put("from", Timestamps.of(from));
    if (after != null) {
      sql.append(
          " and (received_at > :afterAt or (received_at = :afterAt and notice_id > :afterId))");
      params.put("afterAt", Timestamps.of(after.receivedAt()));
      params.put("afterId", after.noticeId());
    }
    params.put("limit", limit);
    return jdbc.sql(sql.append(" order by received_at, notice_id limit :limit").toString())
        .params(params)
        .query((rs, row) -> entry(rs, row, new byte[0]))
        .list();
  }

  /** A place in an inbox's order of arrival: a notice's received time and its id. */
  public record Position(Instant receivedAt, UUID noticeId) {}

  /** The notice stored from the record at {@code record}, if any: a redelivery after a crash. */
  public Optional<InboxEntry> findByRecord(RecordCoordinates record) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from inbox_notice"
                + " where topic = :topic and kafka_partition = :partition and kafka_offset = :offset")
        .param("topic", record.topic())
        .param("partition", record.partition())
        .param("offset", record.offset())
        .query(InboxStore::entry)
        .optional();
  }

  /** One notice of {@code unit}'s inbox. */
  public Optional<InboxEntry> find(String unit, UUID noticeId) {
    return jdbc.sql(
            "select " + COLUMNS + " from inbox_notice where unit_id = :unit and notice_id = :id")
        .param("unit", unit)
        .param("id", noticeId)
        .query(InboxStore::entry)
        .optional();
  }

  /** A page of {@code unit}'s inbox, newest first. */
  public List<InboxEntry> list(String unit, InboxQuery q) {
    var where = new StringBuilder(" where unit_id = :unit");
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("unit", unit);
    filter(where, params, "notice_type = :type", "type", q.noticeType());
    filter(where, params, "priority = :priority", "priority", q.priority());
    filter(where, params, "case_ref_mac = :caseRef", "caseRef", q.caseRefMac());
    filter(where, params, "thread_id = :thread", "thread", q.threadId());
    filter(where, params, "sender_unit = :sender", "sender", q.senderUnit());
    filter(where, params, "received_at >= :since", "since", Timestamps.of(q.since()));
    if (q.unread() != null) {
      where.append(q.unread() ? " and read_at is null" : " and read_at is not null");
    }
    params.put("limit", q.size());
    params.put("offset", (long) q.page() * q.size());
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from inbox_notice"
                + where
                + " order by received_at desc, notice_id"
                + " limit :limit offset :offset")
        .params(params)
        .query(InboxStore::entry)
        .list();
  }

  /**
   * Marks a notice read. Returns true only the first time, so that exactly one READ receipt is sent
   * however often an officer presses the button.
   */
  public boolean markRead(String unit, UUID noticeId) {
    return jdbc.sql(
                "update inbox_notice set read_at = :now"
                    + " where unit_id = :unit and notice_id = :id and read_at is null")
            .param("now", Timestamps.of(clock.instant()))
            .param("unit", unit)
            .param("id", noticeId)
            .update()
        == 1;
  }

  /**
   * Removes every notice whose expiry has passed, leaving a tombstone for each, and returns how
   * many were removed. Each removal and its tombstone go together in the caller's transaction.
   */
  public int removeExpired(Instant now) {
    List<InboxEntry> expired =
        jdbc.sql("select " + COLUMNS + " from inbox_notice where expires_at <= :now")
            .param("now", Timestamps.of(now))
            .query(InboxStore::entry)
            .list();
    for (InboxEntry e : expired) {
      jdbc.sql(
              "insert into notice_tombstone (unit_id, notice_id, direction, sender_unit,"
                  + " created_at, expires_at, removed_at, sealed_sha256)"
                  + " values (:unit, :id, 'IN', :sender, :created, :expires, :now, :sha)")
          .param("unit", e.unitId())
          .param("id", e.noticeId())
          .param("sender", e.senderUnit())
          .param("created", Timestamps.of(e.createdAt()))
          .param("expires", Timestamps.of(e.expiresAt()))
          .param("now", Timestamps.of(now))
          .param("sha", e.sealedSha256())
          .update();
      jdbc.sql("delete from inbox_notice where unit_id = :unit and notice_id = :id")
          .param("unit", e.unitId())
          .param("id", e.noticeId())
          .update();
    }
    return expired.size();
  }

  private static void filter(
      StringBuilder where, Map<String, Object> params, String clause, String name, Object value) {
    if (value != null) {
      where.append(" and ").append(clause);
      params.put(name, value);
    }
  }

  private static InboxEntry entry(ResultSet rs, int row) throws SQLException {
    return entry(rs, row, rs.getBytes("sealed"));
  }

  private static InboxEntry entry(ResultSet rs, int row, byte[] sealed) throws SQLException {
    return new InboxEntry(
        rs.getString("unit_id"),
        rs.getObject("notice_id", UUID.class),
        rs.getString("sender_unit"),
        rs.getString("notice_type"),
        rs.getString("priority"),
        rs.getString("classification"),
        rs.getString("case_ref_mac"),
        rs.getObject("thread_id", UUID.class),
        rs.getObject("in_reply_to", UUID.class),
        Timestamps.instant(rs, "created_at"),
        Timestamps.instant(rs, "expires_at"),
        Timestamps.instant(rs, "received_at"),
        Timestamps.instant(rs, "read_at"),
        sealed,
        rs.getString("sealed_sha256"),
        new RecordCoordinates(
            rs.getString("topic"), rs.getInt("kafka_partition"), rs.getLong("kafka_offset")));
  }
}
