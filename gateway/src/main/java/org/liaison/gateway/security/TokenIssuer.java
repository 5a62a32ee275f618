package org.liaison.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.UUID;
import org.liaison.gateway.api.Role;
import org.liaison.schemas.UnitId;

/**
 * A small issuer of ES256 bearer tokens with Liaison's default claims: development mode's own
 * identity provider (its key lives in the data folder), and the tests'. A production gateway trusts
 * the operator's identity provider instead and never issues tokens.
 */
public final class TokenIssuer {

  /** The audience development mode and the tests use. */
  public static final String AUDIENCE = "liaison-gateway";

  private final String issuer;
  private final ECPrivateKey privateKey;
  private final ECPublicKey publicKey;

  public TokenIssuer(String issuer, KeyPair keys) {
    this.issuer = issuer;
    this.privateKey = (ECPrivateKey) keys.getPrivate();
    this.publicKey = (ECPublicKey) keys.getPublic();
  }

  public String issuer() {
    return issuer;
  }

  public ECPublicKey publicKey() {
    return publicKey;
  }

  /** A token for {@code account}, valid from now for {@code lifetime}, for {@link #AUDIENCE}. */
  public String issue(
      String account, Collection<UnitId> units, Collection<Role> roles, Duration lifetime) {
    Instant now = Instant.now();
    return sign(
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(AUDIENCE)
            .subject(account)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(lifetime)))
            .jwtID(UUID.randomUUID().toString())
            .claim("liaison_units", units.stream().map(UnitId::value).toList())
            .claim("liaison_roles", roles.stream().map(Role::name).toList())
            .build());
  }

  /** Signs any claims: for tests of what the gateway refuses. */
  public String sign(JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), claims);
      jwt.sign(new ECDSASigner(privateKey));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
  }
}
