package org.liaison.gateway.federation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit after a fault scenario, from the databases themselves: of the notices answered 202 (one
 * per Idempotency-Key), how many are in the recipient's inbox, how many are missing, how many more
 * notices than keys arrived (a retry that made a second notice, a copy stored twice), how many
 * copies were quarantined, and how many are DELIVERED on the sender's view. Each row goes to the
 * log and, with the rows before it in this run, to {@code target/failsafe-reports/fault-audit.md},
 * which the test report keeps.
 */
final class FaultAudit {

  private static final Logger log = LoggerFactory.getLogger(FaultAudit.class);
  private static final Path REPORT = Path.of("target", "failsafe-reports", "fault-audit.md");
  private static final List<Row> ROWS = new ArrayList<>();

  /**
   * One scenario's figures.
   *
   * @param caughtUp from the fault's end (the process or server back) to every acknowledged notice
   *     stored and DELIVERED on the sender's view
   * @param longestWait the longest a caller waited, over retries, between its key's first request
   *     and its 202
   */
  record Row(
      String scenario,
      int acked,
      long delivered,
      long missing,
      long duplicated,
      long quarantined,
      long receipts,
      Duration caughtUp,
      Duration longestWait,
      String notes) {

    boolean clean() {
      return missing == 0 && duplicated == 0 && quarantined == 0 && receipts == acked;
    }
  }

  /** What the audit reads: where the inboxes and the sender's views are. */
  interface Databases {
    String jdbcUrl(ProcessFederation.Site site);
  }

  /** The state of {@code to}'s inbox and quarantine before a stream, to count what it adds. */
  record Before(long inbox, long quarantine) {}

  private final Databases databases;

  FaultAudit(Databases databases) {
    this.databases = databases;
  }

  Before before(ProcessFederation.Site to) throws Exception {
    return new Before(
        count(to, "select count(*) from inbox_notice where unit_id = '" + to.unit().value() + "'"),
        count(to, "select count(*) from quarantine where unit_id = '" + to.unit().value() + "'"));
  }

  /**
   * Waits (up to {@code patience}) until every notice in {@code ids} is in {@code to}'s inbox and
   * DELIVERED on {@code from}'s view, then counts, records and returns the row.
   *
   * @param healed when the fault ended (System.nanoTime())
   */
  Row audit(
      String scenario,
      ProcessFederation.Site from,
      ProcessFederation.Site to,
      Collection<String> ids,
      Before before,
      long healed,
      Duration longestWait,
      Duration patience,
      String notes)
      throws Exception {
    Set<String> distinct = new HashSet<>(ids);
    String in = distinct.stream().map(i -> "'" + i + "'").collect(Collectors.joining(","));
    String unit = to.unit().value();
    long deadline = System.nanoTime() + patience.toNanos();
    long stored;
    long receipts;
    while (true) {
      stored =
          count(
              to,
              "select count(*) from inbox_notice where unit_id = '"
                  + unit
                  + "' and notice_id in ("
                  + in
                  + ")");
      receipts =
          count(
              from,
              "select count(*) from sent_recipient where recipient_unit = '"
                  + unit
                  + "' and state in ('DELIVERED', 'READ') and notice_id in ("
                  + in
                  + ")");
      if ((stored == distinct.size() && receipts == distinct.size())
          || System.nanoTime() > deadline) {
        break;
      }
      Thread.sleep(250);
    }
    Duration caughtUp = Duration.ofNanos(System.nanoTime() - healed);
    long inboxNow = count(to, "select count(*) from inbox_notice where unit_id = '" + unit + "'");
    long quarantineNow =
        count(to, "select count(*) from quarantine where unit_id = '" + unit + "'");
    // A key answered with two notice ids, or a notice stored that no key was answered with.
    long duplicated = (ids.size() - distinct.size()) + (inboxNow - before.inbox() - stored);
    Row row =
        new Row(
            scenario,
            ids.size(),
            stored,
            distinct.size() - stored,
            duplicated,
            quarantineNow - before.quarantine(),
            receipts,
            caughtUp,
            longestWait,
            notes);
    record(row);
    return row;
  }

  static synchronized void record(Row row) throws IOException {
    ROWS.add(row);
    write(row);
  }

  /** Replaces the notes of a recorded row (figures known only after the audit) and rewrites. */
  static synchronized Row replaceNotes(Row row, String notes) throws IOException {
    Row updated =
        new Row(
            row.scenario(),
            row.acked(),
            row.delivered(),
            row.missing(),
            row.duplicated(),
            row.quarantined(),
            row.receipts(),
            row.caughtUp(),
            row.longestWait(),
            notes);
    ROWS.set(ROWS.indexOf(row), updated);
    write(updated);
    return updated;
  }

  private static void write(Row row) throws IOException {
    StringBuilder table = new StringBuilder();
    table.append("# Fault scenarios: the audit (").append(Instant.now()).append(")\n\n");
    table.append(
        "| scenario | acked (202) | delivered once | missing | duplicated | quarantined |"
            + " DELIVERED on sender's view | caught up after the fault ended | longest wait for a"
            + " 202 | notes |\n");
    table.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row r : ROWS) {
      table
          .append("| ")
          .append(r.scenario())
          .append(" | ")
          .append(r.acked())
          .append(" | ")
          .append(r.delivered())
          .append(" | ")
          .append(r.missing())
          .append(" | ")
          .append(r.duplicated())
          .append(" | ")
          .append(r.quarantined())
          .append(" | ")
          .append(r.receipts())
          .append(" | ")
          .append(seconds(r.caughtUp()))
          .append(" | ")
          .append(seconds(r.longestWait()))
          .append(" | ")
          .append(r.notes())
          .append(" |\n");
    }
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, table, StandardCharsets.UTF_8);
    log.info("Fault audit, {}:\n{}", row.scenario(), table);
  }

  static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  long count(ProcessFederation.Site site, String sql) throws Exception {
    try (var c = DriverManager.getConnection(databases.jdbcUrl(site), "postgres", "");
        var s = c.createStatement();
        var r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
