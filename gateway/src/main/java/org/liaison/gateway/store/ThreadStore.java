package org.liaison.gateway.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One unit's view of a thread: every notice it sent or received in it, and nothing else, oldest
 * first (by creation time, then notice id, so that the order is the same on every database).
 */
public class ThreadStore {

  /** A notice of the thread as the unit knows it. */
  public record Item(
      String direction,
      UUID noticeId,
      String from,
      String noticeType,
      String priority,
      UUID threadId,
      UUID inReplyTo,
      Instant createdAt,
      Instant expiresAt,
      Instant receivedAt,
      Instant readAt,
      String sealedSha256) {}

  private final JdbcClient jdbc;

  public ThreadStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A page of what {@code unit} sent or received in {@code threadId}. */
  public List<Item> page(String unit, UUID threadId, int page, int size) {
    return jdbc.sql(
            "select * from ("
                + "select 'SENT' as direction, notice_id, originator_unit as from_unit,"
                + " notice_type, priority, thread_id, in_reply_to, created_at, expires_at,"
                + " cast(null as timestamp with time zone) as received_at,"
                + " cast(null as timestamp with time zone) as read_at, sealed_sha256"
                + " from sent_notice where originator_unit = :unit and thread_id = :thread"
                + " union all"
                + " select 'RECEIVED', notice_id, sender_unit, notice_type, priority, thread_id,"
                + " in_reply_to, created_at, expires_at, received_at, read_at, sealed_sha256"
                + " from inbox_notice where unit_id = :unit and thread_id = :thread"
                + ") t order by created_at, notice_id limit :limit offset :offset")
        .param("unit", unit)
        .param("thread", threadId)
        .param("limit", size)
        .param("offset", (long) page * size)
        .query(
            (rs, n) ->
                new Item(
                    rs.getString("direction"),
                    rs.getObject("notice_id", UUID.class),
                    rs.getString("from_unit"),
                    rs.getString("notice_type"),
                    rs.getString("priority"),
                    rs.getObject("thread_id", UUID.class),
                    rs.getObject("in_reply_to", UUID.class),
                    Timestamps.instant(rs, "created_at"),
                    Timestamps.instant(rs, "expires_at"),
                    Timestamps.instant(rs, "received_at"),
                    Timestamps.instant(rs, "read_at"),
                    rs.getString("sealed_sha256")))
        .list();
  }
}
