package org.liaison.gateway.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/** The notices the hosted units sent, with each recipient's state kept from the receipts. */
public class SentStore {

  private final JdbcClient jdbc;
  private final TransactionOperations transactions;

  /** {@code transactions} must be those of {@code jdbc}'s data source. */
  public SentStore(JdbcClient jdbc, TransactionOperations transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /**
   * Stores a sealed notice and one copy per recipient, in the state each copy is in; under its
   * thread, or its own id when it starts one, as {@link InboxStore#add} does.
   *
   * <p>In one transaction: a notice stored without some of its copies (a crash between the inserts)
   * would be finished by a retry of its publish with nothing to send to the missing recipients, and
   * answered 202 all the same.
   */
  public void add(SentNotice n) {
    transactions.executeWithoutResult(status -> insert(n));
  }

  private void insert(SentNotice n) {
    jdbc.sql(
            "insert into sent_notice (notice_id, originator_unit, notice_type, priority,"
                + " thread_id, in_reply_to, created_at, expires_at, sealed, sealed_sha256) values"
                + " (:id, :originator, :type, :priority, :thread, :inReplyTo, :created, :expires,"
                + " :sealed, :sha)")
        .param("id", n.noticeId())
        .param("originator", n.originatorUnit())
        .param("type", n.noticeType())
        .param("priority", n.priority())
        .param("thread", n.threadId() == null ? n.noticeId() : n.threadId())
        .param("inReplyTo", n.inReplyTo())
        .param("created", Timestamps.of(n.createdAt()))
        .param("expires", Timestamps.of(n.expiresAt()))
        .param("sealed", n.sealed())
        .param("sha", n.sealedSha256())
        .update();
    for (SentNotice.Copy c : n.copies()) {
      jdbc.sql(
              "insert into sent_recipient (notice_id, recipient_unit, state, reason_code,"
                  + " updated_at) values (:id, :recipient, :state, :reason, :at)")
          .param("id", n.noticeId())
          .param("recipient", c.recipientUnit())
          .param("state", c.state().name())
          .param("reason", c.reasonCode())
          .param("at", Timestamps.of(c.updatedAt()))
          .update();
    }
  }

  /**
   * Moves one copy to {@code state} if that is a step forward from where it is; returns whether it
   * moved. A receipt that arrives late or twice changes nothing.
   */
  public boolean advance(
      UUID noticeId, String recipient, RecipientState state, String reasonCode, Instant at) {
    List<String> from = state.predecessors().stream().map(Enum::name).toList();
    if (from.isEmpty()) {
      return false;
    }
    return jdbc.sql(
                "update sent_recipient set state = :state, reason_code = :reason, updated_at = :at"
                    + " where notice_id = :id and recipient_unit = :recipient and state in (:from)")
            .param("state", state.name())
            .param("reason", reasonCode)
            .param("at", Timestamps.of(at))
            .param("id", noticeId)
            .param("recipient", recipient)
            .param("from", from)
            .update()
        == 1;
  }

  /**
   * A page of the notices {@code originator} sent, newest first, each with its copies (one query
   * for the page and one per notice: a page is small).
   */
  public List<SentNotice> list(String originator, int page, int size) {
    return jdbc
        .sql(
            "select notice_id from sent_notice where originator_unit = :unit"
                + " order by created_at desc, notice_id limit :limit offset :offset")
        .param("unit", originator)
        .param("limit", size)
        .param("offset", (long) page * size)
        .query((rs, n) -> rs.getObject(1, UUID.class))
        .list()
        .stream()
        .map(this::find)
        .flatMap(Optional::stream)
        .toList();
  }

  /** A copy's new state, for {@link #advanceAll}. */
  public record Step(String recipient, RecipientState state, String reasonCode) {}

  /**
   * Advances the copies of one notice as {@link #advance} does, and runs {@code alsoThen} (another
   * store's update that belongs to the same moment), in one transaction: one commit for a notice's
   * copies instead of one per copy.
   */
  public void advanceAll(UUID noticeId, List<Step> steps, Instant at, Runnable alsoThen) {
    transactions.executeWithoutResult(
        status -> {
          for (Step step : steps) {
            advance(noticeId, step.recipient(), step.state(), step.reasonCode(), at);
          }
          alsoThen.run();
        });
  }

  /** A sent notice with its copies, or empty. */
  public Optional<SentNotice> find(UUID noticeId) {
    List<SentNotice.Copy> copies =
        jdbc.sql(
                "select recipient_unit, state, reason_code, updated_at from sent_recipient"
                    + " where notice_id = :id order by recipient_unit")
            .param("id", noticeId)
            .query(
                (rs, n) ->
                    new SentNotice.Copy(
                        rs.getString(1),
                        RecipientState.valueOf(rs.getString(2)),
                        rs.getString(3),
                        Timestamps.instant(rs, "updated_at")))
            .list();
    return jdbc.sql(
            "select notice_id, originator_unit, notice_type, priority, thread_id, in_reply_to,"
                + " created_at, expires_at, sealed, sealed_sha256 from sent_notice"
                + " where notice_id = :id")
        .param("id", noticeId)
        .query(
            (rs, n) ->
                new SentNotice(
                    rs.getObject("notice_id", UUID.class),
                    rs.getString("originator_unit"),
                    rs.getString("notice_type"),
                    rs.getString("priority"),
                    rs.getObject("thread_id", UUID.class),
                    rs.getObject("in_reply_to", UUID.class),
                    Timestamps.instant(rs, "created_at"),
                    Timestamps.instant(rs, "expires_at"),
                    rs.getBytes("sealed"),
                    rs.getString("sealed_sha256"),
                    copies))
        .optional();
  }
}
