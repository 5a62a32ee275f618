package org.liaison.gateway.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Decodes and checks a bearer token, each refusal with its own code: TOKEN_UNSIGNED ({@code alg:
 * none}), TOKEN_MALFORMED, TOKEN_BAD_SIGNATURE (or signed by a key the issuer does not publish),
 * TOKEN_EXPIRED, TOKEN_NOT_YET_VALID, TOKEN_WRONG_ISSUER, TOKEN_WRONG_AUDIENCE. Only asymmetric
 * signatures are accepted (RSA and ECDSA), so a public key can never be used as an HMAC secret.
 */
final class TokenDecoder implements JwtDecoder {

  private static final Set<JWSAlgorithm> ASYMMETRIC =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512);

  /** How many checked tokens are remembered by default, and for how long at most. */
  static final int CACHE_SIZE = 10_000;

  static final Duration CACHE_MAX_AGE = Duration.ofMinutes(5);

  private final NimbusJwtDecoder delegate;
  private final Clock clock;
  private final VerifiedTokens verified;

  private TokenDecoder(
      NimbusJwtDecoder delegate,
      String issuer,
      String audience,
      Duration skew,
      Clock clock,
      VerifiedTokens verified) {
    this.delegate = delegate;
    this.clock = clock;
    this.verified = verified;
    delegate.setJwtValidator(validator(issuer, audience, skew, clock));
  }

  /** Tokens signed with the key of {@code publicKey} (RSA or EC), with the default cache. */
  static TokenDecoder forKey(
      PublicKey publicKey, String issuer, String audience, Duration skew, Clock clock) {
    return forKey(
        publicKey, issuer, audience, skew, clock, new VerifiedTokens(CACHE_SIZE, CACHE_MAX_AGE));
  }

  /** Tokens signed with the key of {@code publicKey} (RSA or EC). */
  static TokenDecoder forKey(
      PublicKey publicKey,
      String issuer,
      String audience,
      Duration skew,
      Clock clock,
      VerifiedTokens verified) {
    JWK jwk;
    if (publicKey instanceof RSAPublicKey rsa) {
      jwk = new RSAKey.Builder(rsa).build();
    } else if (publicKey instanceof ECPublicKey ec) {
      jwk = new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
    } else {
      throw new IllegalStateException(
          "a token key must be RSA or EC, not " + publicKey.getAlgorithm());
    }
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSVerifierFactory(new TokenVerifiers());
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(ASYMMETRIC, new ImmutableJWKSet<>(new JWKSet(jwk))));
    // The claims are judged by the validators below, each with its own code.
    processor.setJWTClaimsSetVerifier((claims, context) -> {});
    return new TokenDecoder(
        new NimbusJwtDecoder(processor), issuer, audience, skew, clock, verified);
  }

  /** Tokens signed with a key of the identity provider's JWK set, with the default cache. */
  static TokenDecoder forJwkSet(
      String jwkSetUri, String issuer, String audience, Duration skew, Clock clock) {
    return forJwkSet(
        jwkSetUri, issuer, audience, skew, clock, new VerifiedTokens(CACHE_SIZE, CACHE_MAX_AGE));
  }

  /** Tokens signed with a key of the identity provider's JWK set. */
  static TokenDecoder forJwkSet(
      String jwkSetUri,
      String issuer,
      String audience,
      Duration skew,
      Clock clock,
      VerifiedTokens verified) {
    NimbusJwtDecoder nimbus =
        NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
            .jwsAlgorithms(
                algorithms ->
                    ASYMMETRIC.forEach(a -> algorithms.add(SignatureAlgorithm.from(a.getName()))))
            .jwtProcessorCustomizer(p -> p.setJWSVerifierFactory(new TokenVerifiers()))
            .build();
    return new TokenDecoder(nimbus, issuer, audience, skew, clock, verified);
  }

  /**
   * The token's claims once its signature and every claim check passed; a token already checked in
   * whole, byte for byte, is answered from {@link VerifiedTokens} until its expiry.
   */
  @Override
  public Jwt decode(String token) throws JwtException {
    Jwt known = verified.find(token, clock.instant());
    if (known != null) {
      return known;
    }
    Jwt checked = check(token);
    verified.remember(token, checked, clock.instant());
    return checked;
  }

  private Jwt check(String token) {
    JWT parsed;
    try {
      parsed = JWTParser.parse(token);
    } catch (ParseException e) {
      throw new RefusedToken("TOKEN_MALFORMED", "The bearer token is not a JWT");
    }
    if (parsed instanceof PlainJWT) {
      throw new RefusedToken("TOKEN_UNSIGNED", "Unsigned tokens (alg: none) are refused");
    }
    try {
      return delegate.decode(token);
    } catch (JwtValidationException e) {
      OAuth2Error first = e.getErrors().iterator().next();
      throw new RefusedToken(first.getErrorCode(), first.getDescription());
    } catch (BadJwtException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof BadJOSEException) {
          throw new RefusedToken(
              "TOKEN_BAD_SIGNATURE",
              "The token's signature does not verify with a key of the configured issuer");
        }
      }
      throw new RefusedToken("TOKEN_MALFORMED", "The bearer token cannot be read");
    }
  }

  private static OAuth2TokenValidator<Jwt> validator(
      String issuer, String audience, Duration skew, Clock clock) {
    return jwt -> {
      List<OAuth2Error> errors = new ArrayList<>();
      Instant now = clock.instant();
      Instant expires = jwt.getExpiresAt();
      if (expires == null || now.minus(skew).isAfter(expires)) {
        errors.add(error("TOKEN_EXPIRED", "The token has expired or has no expiry"));
      }
      Instant notBefore = jwt.getNotBefore();
      if (notBefore != null && now.plus(skew).isBefore(notBefore)) {
        errors.add(error("TOKEN_NOT_YET_VALID", "The token is not valid yet"));
      }
      String iss = jwt.getClaimAsString("iss");
      if (!issuer.equals(iss)) {
        errors.add(error("TOKEN_WRONG_ISSUER", "The token is not from the configured issuer"));
      }
      List<String> aud = jwt.getAudience();
      if (aud == null || !aud.contains(audience)) {
        errors.add(error("TOKEN_WRONG_AUDIENCE", "The token is not meant for this gateway"));
      }
      return errors.isEmpty()
          ? OAuth2TokenValidatorResult.success()
          : OAuth2TokenValidatorResult.failure(errors);
    };
  }

  private static OAuth2Error error(String code, String description) {
    return new OAuth2Error(code, description, null);
  }
}
