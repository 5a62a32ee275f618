package org.liaison.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The security-event trail: each refused authentication and each denial goes to the {@code
 * security_event} table and to the log (logger {@code liaison.security}), with who (when known),
 * what, when and from where; never a password, token or certificate. A failure to write the row is
 * logged and does not turn the refusal into an error.
 */
public class SecurityEvents {

  private static final Logger log = LoggerFactory.getLogger("liaison.security");
  private static final int MAX_PATH = 500;

  private final JdbcClient jdbc;
  private final Clock clock;

  public SecurityEvents(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Records a refusal of {@code request}. */
  public void record(
      String kind, String code, String account, WayIn way, HttpServletRequest request) {
    Instant now = clock.instant();
    String path = clip(request.getRequestURI());
    String from = clip(request.getRemoteAddr());
    log.warn(
        "Security event {} code={} account={} way={} from={} {} {}",
        kind,
        code,
        account == null ? "-" : printable(account),
        way == null ? "-" : way,
        from,
        request.getMethod(),
        printable(path));
    try {
      jdbc.sql(
              "insert into security_event (occurred_at, kind, code, account, way_in,"
                  + " remote_address, http_method, path) values (:at, :kind, :code, :account,"
                  + " :way, :from, :method, :path)")
          .param("at", now.atOffset(ZoneOffset.UTC))
          .param("kind", kind)
          .param("code", code)
          .param("account", account == null ? null : clip(account), Types.VARCHAR)
          .param("way", way == null ? null : way.name(), Types.VARCHAR)
          .param("from", from == null ? "unknown" : from)
          .param("method", clip(request.getMethod()))
          .param("path", path == null ? "" : path)
          .update();
    } catch (RuntimeException e) {
      log.error("Could not store the security event {} {}", kind, code, e);
    }
  }

  /** A page of the trail, newest first. */
  public List<SecurityEvent> page(int page, int size) {
    return jdbc.sql(
            "select id, occurred_at, kind, code, account, way_in, remote_address, http_method, path"
                + " from security_event order by occurred_at desc, id desc"
                + " limit :limit offset :offset")
        .param("limit", size)
        .param("offset", (long) page * size)
        .query(SecurityEvents::row)
        .list();
  }

  private static SecurityEvent row(ResultSet rs, int n) throws SQLException {
    return new SecurityEvent(
        rs.getLong("id"),
        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
        rs.getString("kind"),
        rs.getString("code"),
        rs.getString("account"),
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
