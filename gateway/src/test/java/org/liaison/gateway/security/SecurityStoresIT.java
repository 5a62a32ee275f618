package org.liaison.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.liaison.gateway.testing.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;

/** Lock-out state and the security-event trail on both databases (the V2 migration). */
class SecurityStoresIT {

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-11-28T10:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void anAccountIsLockedOutAfterTheFailuresAndUnlockedAfterThePeriod(TestDatabase.Kind kind)
      throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      MovableClock clock = new MovableClock();
      LoginFailures failures =
          new LoginFailures(JdbcClient.create(db.dataSource()), clock, 3, Duration.ofMinutes(15));

      assertThat(failures.failed("alice")).isFalse();
      assertThat(failures.failed("alice")).isFalse();
      assertThat(failures.lockedUntil("alice")).isEmpty();
      assertThat(failures.failed("alice")).isTrue();
      assertThat(failures.lockedUntil("alice"))
          .contains(clock.instant().plus(Duration.ofMinutes(15)));
      assertThat(failures.lockedUntil("bob")).isEmpty();

      clock.advance(Duration.ofMinutes(14));
      assertThat(failures.lockedUntil("alice")).isPresent();
      clock.advance(Duration.ofMinutes(2));
      assertThat(failures.lockedUntil("alice")).isEmpty();
      // After the lock-out the count starts afresh: one failure does not lock again.
      assertThat(failures.failed("alice")).isFalse();
      failures.succeeded("alice");
      assertThat(failures.failed("alice")).isFalse();
      assertThat(failures.failed("alice")).isFalse();
      assertThat(failures.failed("alice")).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void theTrailKeepsWhoWhatWhenAndFromWhereNewestFirst(TestDatabase.Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      MovableClock clock = new MovableClock();
      SecurityEvents events = new SecurityEvents(JdbcClient.create(db.dataSource()), clock);
      MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/quarantine");
      request.setRemoteAddr("192.0.2.7");

      events.record(
          SecurityEvent.AUTHENTICATION_FAILED, "TOKEN_EXPIRED", null, WayIn.BEARER_TOKEN, request);
      clock.advance(Duration.ofSeconds(1));
      events.record(
          SecurityEvent.ACCESS_DENIED, "ACCESS_DENIED", "th.cib-officer", WayIn.LOGIN, request);

      var page = events.page(0, 10);
      assertThat(page).hasSize(2);
      SecurityEvent newest = page.get(0);
      assertThat(newest.kind()).isEqualTo("ACCESS_DENIED");
      assertThat(newest.account()).isEqualTo("th.cib-officer");
      assertThat(newest.wayIn()).isEqualTo("LOGIN");
      assertThat(newest.remoteAddress()).isEqualTo("192.0.2.7");
      assertThat(newest.method()).isEqualTo("GET");
      assertThat(newest.path()).isEqualTo("/api/v1/quarantine");
      assertThat(newest.occurredAt()).isEqualTo(clock.instant());
      assertThat(page.get(1).account()).isNull();
      assertThat(page.get(1).code()).isEqualTo("TOKEN_EXPIRED");
      assertThat(events.page(1, 1))
          .extracting(SecurityEvent::code)
          .containsExactly("TOKEN_EXPIRED");
    }
  }
}
