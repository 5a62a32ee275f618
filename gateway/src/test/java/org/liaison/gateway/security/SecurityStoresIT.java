package org.liaison.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.liaison.gateway.testing.TestDatabase;
import org.liaison.schemas.UnitId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lock-out state and the security-event trail on both databases (the V2 and V6 migrations): the
 * trail kept, tagged with the units each event concerns, and listed per unit.
 */
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
      SecurityEvents events = events(db, clock);
      MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/quarantine");
      request.setRemoteAddr("192.0.2.7");

      events.record(
          SecurityEvent.AUTHENTICATION_FAILED,
          "TOKEN_EXPIRED",
          null,
          WayIn.BEARER_TOKEN,
          Set.of(),
          request);
      clock.advance(Duration.ofSeconds(1));
      events.record(
          SecurityEvent.ACCESS_DENIED,
          "ACCESS_DENIED",
          "th.cib-officer",
          WayIn.LOGIN,
          Set.of(CIB),
          request);

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
      assertThat(newest.units()).containsExactly("TH.CIB");
      assertThat(page.get(1).account()).isNull();
      assertThat(page.get(1).units()).isEmpty();
      assertThat(page.get(1).code()).isEqualTo("TOKEN_EXPIRED");
      assertThat(events.page(1, 1))
          .extracting(SecurityEvent::code)
          .containsExactly("TOKEN_EXPIRED");
    }
  }

  /**
   * A unit's page holds the events tagged with that unit and no other, newest first, and is full
   * while the unit has events left: the filter is in the query, not applied to a page afterwards.
   */
  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aUnitsPagesHoldItsEventsOnlyAndAreFull(TestDatabase.Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      MovableClock clock = new MovableClock();
      SecurityEvents events = events(db, clock);
      MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/inbox");
      // Oldest first: ncb-0, cib-0, wide-0, ncb-1, cib-1, wide-1, ..., and one event for both.
      for (int i = 0; i < 5; i++) {
        events.record(DENIED, "ACCESS_DENIED", "ncb-" + i, WayIn.LOGIN, Set.of(NCB), request);
        clock.advance(Duration.ofSeconds(1));
        events.record(DENIED, "ACCESS_DENIED", "cib-" + i, WayIn.LOGIN, Set.of(CIB), request);
        clock.advance(Duration.ofSeconds(1));
        events.record(DENIED, "ACCESS_DENIED", "wide-" + i, null, Set.of(), request);
        clock.advance(Duration.ofSeconds(1));
      }
      events.record(DENIED, "UNIT_NOT_YOURS", "both", WayIn.LOGIN, Set.of(NCB, CIB), request);

      assertThat(accounts(events.pageOf(NCB, 0, 2))).containsExactly("both", "ncb-4");
      assertThat(accounts(events.pageOf(NCB, 1, 2))).containsExactly("ncb-3", "ncb-2");
      assertThat(accounts(events.pageOf(NCB, 2, 2))).containsExactly("ncb-1", "ncb-0");
      assertThat(events.pageOf(NCB, 3, 2)).isEmpty();
      assertThat(accounts(events.pageOf(CIB, 0, 3))).containsExactly("both", "cib-4", "cib-3");
      assertThat(events.pageOf(UnitId.of("NL.ATT-BKK"), 0, 50)).isEmpty();
      assertThat(events.pageOf(NCB, 0, 1).get(0).units()).containsExactly("NL.NCB", "TH.CIB");
      // The whole trail has the untagged events too.
      assertThat(events.page(0, 50)).hasSize(16);
      assertThat(accounts(events.page(0, 4))).containsExactly("both", "wide-4", "cib-4", "ncb-4");
    }
  }

  /**
   * An event is written with its units or not at all: never kept untagged, which would make a
   * unit's event gateway-wide. Without a working tag table the event's row is rolled back too.
   */
  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void anEventWhoseUnitsCannotBeWrittenIsNotKeptUntagged(TestDatabase.Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      SecurityEvents events = events(db, new MovableClock());
      MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/inbox");
      events.record(DENIED, "ACCESS_DENIED", "before", WayIn.LOGIN, Set.of(NCB), request);
      JdbcClient.create(db.dataSource()).sql("drop table security_event_unit").update();

      events.record(DENIED, "ACCESS_DENIED", "torn", WayIn.LOGIN, Set.of(NCB), request);
      events.record(DENIED, "TOKEN_MALFORMED", null, null, Set.of(), request);

      List<String> kept =
          JdbcClient.create(db.dataSource())
              .sql("select code from security_event order by id")
              .query(String.class)
              .list();
      // "before", and the untagged event that needs no tag table; not "torn".
      assertThat(kept).containsExactly("ACCESS_DENIED", "TOKEN_MALFORMED");
    }
  }

  /** The Liaison-Unit header tags a refusal only with a unit this gateway hosts. */
  @Test
  void theRequestedUnitIsAddedOnlyWhenHosted() {
    SecurityEvents events =
        new SecurityEvents(
            null, TransactionOperations.withoutTransaction(), Clock.systemUTC(), HOSTED);
    MockHttpServletRequest hosted = new MockHttpServletRequest("GET", "/api/v1/inbox");
    hosted.addHeader("Liaison-Unit", " TH.CIB ");
    MockHttpServletRequest elsewhere = new MockHttpServletRequest("GET", "/api/v1/inbox");
    elsewhere.addHeader("Liaison-Unit", "SE.NOA");
    MockHttpServletRequest malformed = new MockHttpServletRequest("GET", "/api/v1/inbox");
    malformed.addHeader("Liaison-Unit", "not a unit");

    assertThat(events.concerning(Set.of(NCB), hosted)).containsExactly(NCB, CIB);
    assertThat(events.concerning(Set.of(NCB), elsewhere)).containsExactly(NCB);
    assertThat(events.concerning(Set.of(NCB), malformed)).containsExactly(NCB);
    assertThat(events.concerning(Set.of(), new MockHttpServletRequest())).isEmpty();
  }

  private static final String DENIED = SecurityEvent.ACCESS_DENIED;
  static final UnitId NCB = UnitId.of("NL.NCB");
  static final UnitId CIB = UnitId.of("TH.CIB");
  static final List<UnitId> HOSTED = List.of(NCB, CIB, UnitId.of("NL.ATT-BKK"));

  static SecurityEvents events(TestDatabase db, Clock clock) {
    return new SecurityEvents(
        JdbcClient.create(db.dataSource()),
        new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())),
        clock,
        HOSTED);
  }

  private static List<String> accounts(List<SecurityEvent> page) {
    return page.stream().map(SecurityEvent::account).toList();
  }
}
