package org.liaison.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The cache of checked tokens on its own: how long an entry serves, what is never kept, its bound.
 */
class VerifiedTokensTest {

  static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

  static Jwt jwt(Instant expires, Instant notBefore) {
    Jwt.Builder b =
        Jwt.withTokenValue("t").header("alg", "ES256").subject("alice").expiresAt(expires);
    if (notBefore != null) {
      b.notBefore(notBefore);
    }
    return b.claims(c -> c.putAll(Map.of("iss", "x"))).build();
  }

  @Test
  void anEntryServesUntilTheTokensExpiryAndNoLonger() {
    VerifiedTokens cache = new VerifiedTokens(10, Duration.ofMinutes(5));
    Jwt jwt = jwt(NOW.plusSeconds(10), null);
    cache.remember("token", jwt, NOW);

    assertThat(cache.find("token", NOW.plusSeconds(9))).isSameAs(jwt);
    assertThat(cache.find("token", NOW.plusSeconds(10))).isNull();
    assertThat(cache.size()).as("an expired entry found is dropped").isZero();
  }

  @Test
  void anEntryServesNoLongerThanTheMaximumAgeEvenForALongLivedToken() {
    VerifiedTokens cache = new VerifiedTokens(10, Duration.ofMinutes(5));
    cache.remember("token", jwt(NOW.plus(Duration.ofDays(365)), null), NOW);

    assertThat(cache.find("token", NOW.plusSeconds(299))).isNotNull();
    assertThat(cache.find("token", NOW.plusSeconds(300))).isNull();
  }

  @Test
  void onlyTheWholeTokenFindsItsEntry() {
    VerifiedTokens cache = new VerifiedTokens(10, Duration.ofMinutes(5));
    cache.remember("header.payload.signature", jwt(NOW.plusSeconds(60), null), NOW);

    assertThat(cache.find("header.payload.signaturf", NOW)).isNull();
    assertThat(cache.find("header.payload.signatur", NOW)).isNull();
    assertThat(cache.find("header.payload.signature ", NOW)).isNull();
    assertThat(cache.find("header.payload.signature", NOW)).isNotNull();
  }

  @Test
  void tokensNotYetValidOrExpiredOrWithoutExpiryAreNotKept() {
    VerifiedTokens cache = new VerifiedTokens(10, Duration.ofMinutes(5));

    // Accepted within the clock skew, but not yet valid: every request checks it again.
    cache.remember("early", jwt(NOW.plusSeconds(60), NOW.plusSeconds(30)), NOW);
    cache.remember("expired", jwt(NOW.minusSeconds(1), null), NOW);
    cache.remember(
        "no-exp", Jwt.withTokenValue("t").header("alg", "ES256").subject("alice").build(), NOW);

    assertThat(cache.size()).isZero();
  }

  @Test
  void theCacheNeverHoldsMoreThanItsBound() {
    VerifiedTokens cache = new VerifiedTokens(100, Duration.ofMinutes(5));
    for (int i = 0; i < 10_000; i++) {
      cache.remember("token-" + i, jwt(NOW.plusSeconds(60), null), NOW);
      assertThat(cache.size()).isLessThanOrEqualTo(100);
    }
    assertThat(cache.find("token-9999", NOW)).as("the newest is kept").isNotNull();
  }

  @Test
  void expiredEntriesAreTheFirstToGo() {
    VerifiedTokens cache = new VerifiedTokens(4, Duration.ofMinutes(5));
    cache.remember("short-1", jwt(NOW.plusSeconds(1), null), NOW);
    cache.remember("short-2", jwt(NOW.plusSeconds(1), null), NOW);
    cache.remember("long-1", jwt(NOW.plusSeconds(600), null), NOW);
    cache.remember("long-2", jwt(NOW.plusSeconds(600), null), NOW);

    cache.remember("new", jwt(NOW.plusSeconds(600), null), NOW.plusSeconds(2));

    assertThat(cache.find("long-1", NOW.plusSeconds(2))).isNotNull();
    assertThat(cache.find("long-2", NOW.plusSeconds(2))).isNotNull();
    assertThat(cache.find("new", NOW.plusSeconds(2))).isNotNull();
  }

  @Test
  void sizeZeroRemembersNothing() {
    VerifiedTokens cache = new VerifiedTokens(0, Duration.ofMinutes(5));
    cache.remember("token", jwt(NOW.plusSeconds(60), null), NOW);
    assertThat(cache.find("token", NOW)).isNull();
  }
}
