package org.liaison.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liaison.gateway.api.Role;
import org.liaison.schemas.UnitId;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;

/** The token bucket on a clock the test moves: no waiting, no timing. */
class RateLimitFilterTest {

  static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-11-28T10:00:00Z");

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

  final MovableClock clock = new MovableClock();
  // 60 a minute: one token a second; 3 at once.
  final RateLimitFilter filter = new RateLimitFilter(clock, 60, 3);

  @AfterEach
  void forget() {
    SecurityContextHolder.clearContext();
  }

  MockHttpServletResponse call(String account) throws Exception {
    SecurityContextHolder.getContext()
        .setAuthentication(
            new AccountAuthentication(
                Account.of(account, Set.of(UnitId.of("NL.NCB")), Set.of(Role.OFFICER)),
                WayIn.BEARER_TOKEN));
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(
        new MockHttpServletRequest("GET", "/api/v1/inbox"), response, new MockFilterChain());
    return response;
  }

  @Test
  void theBurstPassesThenA429SaysWhenToComeBack() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(call("alice").getStatus()).isEqualTo(200);
    }
    MockHttpServletResponse refused = call("alice");

    assertThat(refused.getStatus()).isEqualTo(429);
    assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
    assertThat(refused.getContentType()).isEqualTo("application/problem+json");
    assertThat(refused.getContentAsString()).contains("\"code\":\"RATE_LIMITED\"");
    // Another account has its own bucket.
    assertThat(call("bob").getStatus()).isEqualTo(200);
  }

  @Test
  void tokensComeBackWithTime() throws Exception {
    for (int i = 0; i < 3; i++) {
      call("alice");
    }
    assertThat(call("alice").getStatus()).isEqualTo(429);

    clock.now = clock.now.plus(Duration.ofMillis(1500));
    assertThat(call("alice").getStatus()).isEqualTo(200);
    assertThat(call("alice").getStatus()).isEqualTo(429);
    clock.now = clock.now.plus(Duration.ofSeconds(10));
    List<Integer> statuses = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      statuses.add(call("alice").getStatus());
    }
    assertThat(statuses).containsExactly(200, 200, 200, 429);
  }

  @Test
  void idleAccountsAreForgottenWhenManyAreTracked() throws Exception {
    for (int i = 0; i <= RateLimitFilter.MAX_TRACKED; i++) {
      call("account-" + i);
    }
    clock.now = clock.now.plus(Duration.ofMinutes(1));

    call("one-more");

    assertThat(filter.tracked()).isEqualTo(1);
  }
}
