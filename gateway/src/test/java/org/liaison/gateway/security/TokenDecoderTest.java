package org.liaison.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liaison.gateway.api.Role;
import org.liaison.schemas.UnitId;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The token checks one by one, with a key file and with a JWK set served over HTTP as an identity
 * provider publishes it; and the mapping of claims to an account.
 */
class TokenDecoderTest {

  static final String ISSUER = "https://idp.example";
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, java.time.ZoneOffset.UTC);

  static KeyPair keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience("liaison-gateway")
        .subject("alice")
        .expirationTime(Date.from(NOW.plusSeconds(300)))
        .claim("liaison_units", "NL.NCB NL.ATT-BKK")
        .claim("liaison_roles", List.of("OFFICER", "NOT_A_ROLE"));
  }

  static String refusal(TokenDecoder decoder, String token) {
    try {
      decoder.decode(token);
      return "ACCEPTED";
    } catch (RefusedToken e) {
      return e.code();
    }
  }

  @Test
  void eachRefusalHasItsCode() throws Exception {
    KeyPair keys = keys();
    TokenIssuer issuer = new TokenIssuer(ISSUER, keys);
    TokenDecoder decoder =
        TokenDecoder.forKey(
            keys.getPublic(), ISSUER, "liaison-gateway", Duration.ofSeconds(60), CLOCK);

    assertThat(refusal(decoder, issuer.sign(claims().build()))).isEqualTo("ACCEPTED");
    assertThat(
            refusal(
                decoder,
                issuer.sign(claims().expirationTime(Date.from(NOW.minusSeconds(61))).build())))
        .isEqualTo("TOKEN_EXPIRED");
    // Within the clock skew a just-expired token is still accepted.
    assertThat(
            refusal(
                decoder,
                issuer.sign(claims().expirationTime(Date.from(NOW.minusSeconds(30))).build())))
        .isEqualTo("ACCEPTED");
    assertThat(
            refusal(
                decoder,
                issuer.sign(claims().notBeforeTime(Date.from(NOW.plusSeconds(600))).build())))
        .isEqualTo("TOKEN_NOT_YET_VALID");
    assertThat(refusal(decoder, issuer.sign(claims().issuer("https://other.example").build())))
        .isEqualTo("TOKEN_WRONG_ISSUER");
    assertThat(refusal(decoder, issuer.sign(claims().audience("other").build())))
        .isEqualTo("TOKEN_WRONG_AUDIENCE");
    assertThat(refusal(decoder, new TokenIssuer(ISSUER, keys()).sign(claims().build())))
        .isEqualTo("TOKEN_BAD_SIGNATURE");
    assertThat(refusal(decoder, new com.nimbusds.jwt.PlainJWT(claims().build()).serialize()))
        .isEqualTo("TOKEN_UNSIGNED");
    assertThat(refusal(decoder, "not.a.token")).isEqualTo("TOKEN_MALFORMED");
  }

  @Test
  void keysComeFromTheIdentityProvidersJwkSet() throws Exception {
    KeyPair keys = keys();
    String jwks =
        new JWKSet(
                new ECKey.Builder(Curve.P_256, (ECPublicKey) keys.getPublic()).keyID("k1").build())
            .toString();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/jwks",
        exchange -> {
          byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      TokenDecoder decoder =
          TokenDecoder.forJwkSet(
              "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks",
              ISSUER,
              "liaison-gateway",
              Duration.ofSeconds(60),
              CLOCK);

      assertThat(refusal(decoder, new TokenIssuer(ISSUER, keys).sign(claims().build())))
          .isEqualTo("ACCEPTED");
      assertThat(refusal(decoder, new TokenIssuer(ISSUER, keys()).sign(claims().build())))
          .isEqualTo("TOKEN_BAD_SIGNATURE");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void claimsBecomeAnAccount() throws Exception {
    KeyPair keys = keys();
    Jwt jwt =
        TokenDecoder.forKey(
                keys.getPublic(), ISSUER, "liaison-gateway", Duration.ofSeconds(60), CLOCK)
            .decode(new TokenIssuer(ISSUER, keys).sign(claims().build()));
    var claims = new SecurityProperties(null, null, null, null, null, false).jwt();

    var authentication = (AccountAuthentication) new TokenAccounts(claims).convert(jwt);

    assertThat(authentication.account().name()).isEqualTo("alice");
    assertThat(authentication.account().units())
        .containsExactlyInAnyOrder(UnitId.of("NL.NCB"), UnitId.of("NL.ATT-BKK"));
    assertThat(authentication.account().roles()).containsExactly(Role.OFFICER);
    assertThat(authentication.getAuthorities())
        .extracting(a -> a.getAuthority())
        .containsExactly("ROLE_OFFICER");
    assertThat(authentication.way()).isEqualTo(WayIn.BEARER_TOKEN);

    Jwt noUnit =
        TokenDecoder.forKey(
                keys.getPublic(), ISSUER, "liaison-gateway", Duration.ofSeconds(60), CLOCK)
            .decode(
                new TokenIssuer(ISSUER, keys)
                    .sign(claims().claim("liaison_units", List.of()).build()));
    assertThatThrownBy(() -> new TokenAccounts(claims).convert(noUnit))
        .isInstanceOfSatisfying(
            CodedAuthenticationException.class,
            e -> assertThat(e.code()).isEqualTo("TOKEN_NO_UNIT"));
  }

  /** A clock the test moves. */
  static final class MovingClock extends Clock {
    private Instant now;

    MovingClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  /** {@code token} with the character at {@code index} replaced by another base64url character. */
  static String changed(String token, int index) {
    char c = token.charAt(index);
    char other = c == 'Q' ? 'R' : 'Q';
    return token.substring(0, index) + other + token.substring(index + 1);
  }

  @Test
  void aCheckedTokenIsRememberedUntilItsExpiryAndOnlyByItsWholeText() throws Exception {
    KeyPair keys = keys();
    TokenIssuer issuer = new TokenIssuer(ISSUER, keys);
    MovingClock clock = new MovingClock(NOW);
    VerifiedTokens verified = new VerifiedTokens(100, Duration.ofMinutes(5));
    TokenDecoder decoder =
        TokenDecoder.forKey(
            keys.getPublic(), ISSUER, "liaison-gateway", Duration.ofSeconds(60), clock, verified);
    String token = issuer.sign(claims().expirationTime(Date.from(NOW.plusSeconds(120))).build());

    Jwt first = decoder.decode(token);
    assertThat(verified.size()).isEqualTo(1);
    assertThat(decoder.decode(token)).as("answered from the cache").isSameAs(first);

    // One changed character anywhere is another token: checked in full, and refused.
    int signature = token.lastIndexOf('.') + 20;
    int payload = token.indexOf('.') + 20;
    assertThat(refusal(decoder, changed(token, signature))).isEqualTo("TOKEN_BAD_SIGNATURE");
    assertThat(refusal(decoder, changed(token, payload)))
        .isIn("TOKEN_BAD_SIGNATURE", "TOKEN_MALFORMED");
    assertThat(refusal(decoder, token + "A")).isNotEqualTo("ACCEPTED");
    assertThat(verified.size()).as("refusals are not remembered").isEqualTo(1);

    // Past its expiry and the clock skew the cached token is refused like any expired one.
    clock.advance(Duration.ofSeconds(181));
    assertThat(refusal(decoder, token)).isEqualTo("TOKEN_EXPIRED");
  }

  @Test
  void ecdsaTokensAreVerifiedWithTheNativeProviderWhereItLoads() throws Exception {
    TokenVerifiers verifiers = new TokenVerifiers();
    assertThat(verifiers.ecdsaProvider().getName())
        .isEqualTo(org.liaison.pki.crypto.ProviderChoice.select().asymmetric().getName());
    // And a token verifies through it (ES256), as does one through Bouncy Castle.
    KeyPair keys = keys();
    String token = new TokenIssuer(ISSUER, keys).sign(claims().build());
    for (TokenVerifiers v :
        List.of(verifiers, new TokenVerifiers(org.liaison.pki.CryptoProviders.bouncyCastle()))) {
      var jws = com.nimbusds.jose.JWSObject.parse(token);
      assertThat(jws.verify(v.createJWSVerifier(jws.getHeader(), keys.getPublic()))).isTrue();
      var forged = com.nimbusds.jose.JWSObject.parse(changed(token, token.lastIndexOf('.') + 20));
      assertThat(forged.verify(v.createJWSVerifier(forged.getHeader(), keys.getPublic())))
          .isFalse();
    }
  }
}
