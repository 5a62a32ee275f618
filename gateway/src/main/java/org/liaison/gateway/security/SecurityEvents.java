package org.liaison.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.liaison.gateway.api.Caller;
import org.liaison.schemas.UnitId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The security-event trail: each refused authentication and each denial goes to the {@code
 * security_event} table and to the log (logger {@code liaison.security}), with who (when known),
 * what, when and from where; never a password, token or certificate. A failure to write the row is
 * logged and does not turn the refusal into an error.
 *
 * <p>Each event is tagged with the units it concerns ({@code security_event_unit}), so that a
 * unit's auditor lists its own unit's events and no other's; an event without a unit is
 * gateway-wide, for the gateway's auditor only. The event and its tags are written in one
 * transaction: an event is never seen untagged, and so never wrongly gateway-wide.
 */
public class SecurityEvents {

  private static final Logger log = LoggerFactory.getLogger("liaison.security");
  private static final int MAX_PATH = 500;
  private static final String COLUMNS =
      "e.id, e.occurred_at, e.kind, e.code, e.account, e.way_in, e.remote_address, e.http_method,"
          + " e.path";

  private final JdbcClient jdbc;
  private final TransactionOperations transactions;
  private final Clock clock;
  private final Set<UnitId> hosted;

  /**
   * @param hosted the units this gateway hosts: a unit that a request merely names is tagged only
   *     when it is one of them
   */
  public SecurityEvents(
      JdbcClient jdbc, TransactionOperations transactions, Clock clock, Collection<UnitId> hosted) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
    this.hosted = Set.copyOf(hosted);
  }

  /**
   * The units a refusal of an authenticated account's request concerns: the account's own (from the
   * configuration or the signed claims of its token), and the unit the request asked to act for in
   * the {@code Liaison-Unit} header when this gateway hosts it, so that the auditor of a unit that
   * another unit's account tried to act for sees the attempt. The header of a request that did not
   * authenticate tags nothing: anyone could write it.
   */
  public Set<UnitId> concerning(Set<UnitId> accountUnits, HttpServletRequest request) {
    Set<UnitId> units = new TreeSet<>(accountUnits);
    String header = request.getHeader(Caller.UNIT_HEADER);
    if (header != null && UnitId.isValid(header.strip())) {
      UnitId asked = UnitId.of(header.strip());
      if (hosted.contains(asked)) {
        units.add(asked);
      }
    }
    return units;
  }

  /** Records a refusal of {@code request} that concerns {@code units} (none: gateway-wide). */
  public void record(
      String kind,
      String code,
      String account,
      WayIn way,
      Set<UnitId> units,
      HttpServletRequest request) {
    Instant now = clock.instant();
    String path = clip(request.getRequestURI());
    String from = clip(request.getRemoteAddr());
    Set<UnitId> tags = new TreeSet<>(units);
    log.warn(
        "Security event {} code={} account={} units={} way={} from={} {} {}",
        kind,
        code,
        account == null ? "-" : printable(account),
        tags,
        way == null ? "-" : way,
        from,
        request.getMethod(),
        printable(path));
    try {
      transactions.executeWithoutResult(
          status -> {
            KeyHolder key = new GeneratedKeyHolder();
            jdbc.sql(
                    "insert into security_event (occurred_at, kind, code, account, way_in,"
                        + " remote_address, http_method, path) values (:at, :kind, :code,"
                        + " :account, :way, :from, :method, :path)")
                .param("at", now.atOffset(ZoneOffset.UTC))
                .param("kind", kind)
                .param("code", code)
                .param("account", account == null ? null : clip(account), Types.VARCHAR)
                .param("way", way == null ? null : way.name(), Types.VARCHAR)
                .param("from", from == null ? "unknown" : from)
                .param("method", clip(request.getMethod()))
                .param("path", path == null ? "" : path)
                .update(key, "id");
            long id = key.getKeyAs(Long.class);
            for (UnitId unit : tags) {
              jdbc.sql("insert into security_event_unit (event_id, unit_id) values (:id, :unit)")
                  .param("id", id)
                  .param("unit", unit.value())
                  .update();
            }
          });
    } catch (RuntimeException e) {
      log.error("Could not store the security event {} {}", kind, code, e);
    }
  }

  /** A page of the whole gateway's trail, newest first: every unit's events and untagged ones. */
  public List<SecurityEvent> page(int page, int size) {
    return withUnits(
        jdbc.sql(
                "select "
                    + COLUMNS
                    + " from security_event e order by e.occurred_at desc, e.id desc"
                    + " limit :limit offset :offset")
            .param("limit", size)
            .param("offset", (long) page * size)
            .query(SecurityEvents::row)
            .list());
  }

  /**
   * A page of the events that concern {@code unit}, newest first. Filtered in the query, so that a
   * page is full as long as the unit has events left, and no other unit's event is ever read.
   */
  public List<SecurityEvent> pageOf(UnitId unit, int page, int size) {
    return withUnits(
        jdbc.sql(
                "select "
                    + COLUMNS
                    + " from security_event e where exists (select 1 from security_event_unit u"
                    + " where u.event_id = e.id and u.unit_id = :unit)"
                    + " order by e.occurred_at desc, e.id desc limit :limit offset :offset")
            .param("unit", unit.value())
            .param("limit", size)
            .param("offset", (long) page * size)
            .query(SecurityEvents::row)
            .list());
  }

  /** The events with the units each concerns, read in one query for the page. */
  private List<SecurityEvent> withUnits(List<SecurityEvent> events) {
    if (events.isEmpty()) {
      return events;
    }
    Map<Long, List<String>> units = new HashMap<>();
    jdbc.sql(
            "select event_id, unit_id from security_event_unit where event_id in (:ids)"
                + " order by unit_id")
        .param("ids", events.stream().map(SecurityEvent::id).toList())
        .query(
            (ResultSet rs) -> {
              units
                  .computeIfAbsent(rs.getLong("event_id"), id -> new ArrayList<>())
                  .add(rs.getString("unit_id"));
            });
    return events.stream().map(e -> e.withUnits(units.getOrDefault(e.id(), List.of()))).toList();
  }

  private static SecurityEvent row(ResultSet rs, int n) throws SQLException {
    return new SecurityEvent(
        rs.getLong("id"),
        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
        rs.getString("kind"),
        rs.getString("code"),
        rs.getString("account"),
        List.of(),
        rs.getString("way_in"),
        rs.getString("remote_address"),
        rs.getString("http_method"),
        rs.getString("path"));
  }

  private static String clip(String value) {
    if (value == null) {
      return null;
    }
    return value.length() <= MAX_PATH ? value : value.substring(0, MAX_PATH);
  }

  /** No control characters in the log: a path or a name cannot forge a log line. */
  private static String printable(String value) {
    return value.replaceAll("\\p{Cntrl}", "?");
  }
}
