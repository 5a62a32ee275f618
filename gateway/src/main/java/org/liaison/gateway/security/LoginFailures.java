package org.liaison.gateway.security;

import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Failed logins in a row per account, in the database so that a restart or a second gateway node
 * does not forget them: after {@code maxFailures} the account is locked out for {@code lockout};
 * once that has passed the next attempt is judged afresh. A success forgets the failures.
 */
public class LoginFailures {

  private static final int TIMESTAMPTZ = Types.TIMESTAMP_WITH_TIMEZONE;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final int maxFailures;
  private final Duration lockout;

  public LoginFailures(JdbcClient jdbc, Clock clock, int maxFailures, Duration lockout) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.maxFailures = maxFailures;
    this.lockout = lockout;
  }

  /** Until when {@code account} is locked out, if it is now. */
  public Optional<Instant> lockedUntil(String account) {
    return jdbc.sql("select locked_until from login_failure where account = :account")
        .param("account", account)
        .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)))
        .optional()
        .flatMap(o -> o)
        .map(OffsetDateTime::toInstant)
        .filter(until -> until.isAfter(clock.instant()));
  }

  /** Counts a failure; returns true when this failure locked the account out. */
  public synchronized boolean failed(String account) {
    Instant now = clock.instant();
    Optional<Row> row =
        jdbc.sql("select failures, locked_until from login_failure where account = :account")
            .param("account", account)
            .query(
                (rs, n) ->
                    new Row(
                        rs.getInt(1),
                        Optional.ofNullable(rs.getObject(2, OffsetDateTime.class))
                            .map(OffsetDateTime::toInstant)
                            .orElse(null)))
            .optional();
    // A lock-out that has run out starts a fresh count.
    int failures =
        row.filter(r -> r.lockedUntil() == null || r.lockedUntil().isAfter(now))
                .map(Row::failures)
                .orElse(0)
            + 1;
    Instant until = failures >= maxFailures ? now.plus(lockout) : null;
    if (row.isPresent()) {
      jdbc.sql(
              "update login_failure set failures = :failures, locked_until = :until"
                  + " where account = :account")
          .param("failures", failures)
          .param("until", until == null ? null : until.atOffset(ZoneOffset.UTC), TIMESTAMPTZ)
          .param("account", account)
          .update();
    } else {
      jdbc.sql(
              "insert into login_failure (account, failures, locked_until)"
                  + " values (:account, :failures, :until)")
          .param("account", account)
          .param("failures", failures)
          .param("until", until == null ? null : until.atOffset(ZoneOffset.UTC), TIMESTAMPTZ)
          .update();
    }
    return until != null;
  }

  public void succeeded(String account) {
    jdbc.sql("delete from login_failure where account = :account")
        .param("account", account)
        .update();
  }

  private record Row(int failures, Instant lockedUntil) {}
}
