package org.liaison.gateway.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.liaison.gateway.api.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the API lets callers in, under {@code liaison.security.*}. Every way in is optional; a
 * gateway with none configured refuses every request with 401.
 *
 * @param accounts the accounts that log in with a password or a client certificate
 * @param jwt bearer tokens from the operator's identity provider
 * @param clientCertificates TLS client certificates
 * @param login lock-out of password logins
 * @param limits request size and rate
 * @param allowPlainHttp let a production gateway serve plain HTTP: for tests, or behind a
 *     TLS-terminating proxy on the same host; never on a network
 */
@ConfigurationProperties("liaison.security")
public record SecurityProperties(
    List<AccountConfig> accounts,
    Jwt jwt,
    ClientCertificates clientCertificates,
    Login login,
    Limits limits,
    boolean allowPlainHttp) {

  public SecurityProperties {
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
    jwt = jwt == null ? new Jwt(null, null, null, null, null, null, null, null, null, null) : jwt;
    clientCertificates =
        clientCertificates == null ? new ClientCertificates(null, null, null) : clientCertificates;
    login = login == null ? new Login(0, null) : login;
    limits = limits == null ? new Limits(0, 0, 0, 0, null) : limits;
  }

  /**
   * One account.
   *
   * @param name unique; what the trail and the rate limit know it by
   * @param units the unit ids it may act for
   * @param roles what it may do
   * @param passwordHash an Argon2id ({@code $argon2id$...}) or bcrypt ({@code $2b$...}) hash, made
   *     with {@code PasswordHash}; absent for an account that never logs in with a password
   * @param certificates the client certificates that are this account
   */
  public record AccountConfig(
      String name,
      List<String> units,
      List<Role> roles,
      String passwordHash,
      List<CertificateBinding> certificates) {
    public AccountConfig {
      units = units == null ? List.of() : List.copyOf(units);
      roles = roles == null ? List.of() : List.copyOf(roles);
      certificates = certificates == null ? List.of() : List.copyOf(certificates);
    }
  }

  /**
   * Which client certificates are an account: those of {@code issuer} (a distinguished name) with
   * this {@code subject} distinguished name, or with the SAN URI {@code urn:liaison:unit:<unit>}.
   * One of subject and unit is given; a common name alone never identifies anyone.
   */
  public record CertificateBinding(String issuer, String subject, String unit) {}

  /**
   * @param issuer the {@code iss} every token must carry; tokens are not accepted without it
   * @param audience the value {@code aud} must contain
   * @param jwkSetUri the identity provider's JWK set, or
   * @param publicKeyFile its public key (PEM, RSA or EC)
   * @param nameClaim the claim naming the account (default {@code sub})
   * @param unitsClaim the claim listing the units (default {@code liaison_units})
   * @param rolesClaim the claim listing the roles (default {@code liaison_roles})
   * @param clockSkew tolerance on {@code exp} and {@code nbf} (default 60 s)
   * @param verifiedCacheSize how many checked tokens are remembered, each by its whole text, so
   *     that a client repeating its token is not verified again at every request (default 10,000; 0
   *     remembers none)
   * @param verifiedCacheMaxAge how long a checked token is remembered at most; never past its
   *     {@code exp} (default 5 minutes: a key withdrawn from the identity provider's JWK set is
   *     honoured no longer than the gateway keeps the set itself)
   */
  public record Jwt(
      String issuer,
      String audience,
      String jwkSetUri,
      Path publicKeyFile,
      String nameClaim,
      String unitsClaim,
      String rolesClaim,
      Duration clockSkew,
      Integer verifiedCacheSize,
      Duration verifiedCacheMaxAge) {
    public Jwt {
      nameClaim = nameClaim == null ? "sub" : nameClaim;
      unitsClaim = unitsClaim == null ? "liaison_units" : unitsClaim;
      rolesClaim = rolesClaim == null ? "liaison_roles" : rolesClaim;
      clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
      verifiedCacheSize = verifiedCacheSize == null ? 10_000 : verifiedCacheSize;
      verifiedCacheMaxAge =
          verifiedCacheMaxAge == null ? Duration.ofMinutes(5) : verifiedCacheMaxAge;
    }
  }

  /**
   * Client certificates are validated against the federation's trust material (liaison.trust) plus
   * these PEM files: the CAs of police systems that are not in the federation PKI.
   */
  public record ClientCertificates(List<Path> anchors, List<Path> intermediates, List<Path> crls) {
    public ClientCertificates {
      anchors = anchors == null ? List.of() : List.copyOf(anchors);
      intermediates = intermediates == null ? List.of() : List.copyOf(intermediates);
      crls = crls == null ? List.of() : List.copyOf(crls);
    }
  }

  /**
   * @param maxFailures failed logins in a row that lock an account out (default 5)
   * @param lockout how long (default 15 minutes)
   */
  public record Login(int maxFailures, Duration lockout) {
    public Login {
      maxFailures = maxFailures <= 0 ? 5 : maxFailures;
      lockout = lockout == null ? Duration.ofMinutes(15) : lockout;
    }
  }

  /**
   * @param maxBodyBytes the largest request body (default 4 MiB)
   * @param requestsPerMinute each account's sustained rate (default 600)
   * @param burst how many requests an account may make at once (default 100)
   * @param inFlightBodyBytes request bodies worked on at once, each counted at 64 KiB at least
   *     (default 32 MiB, a sixteenth of a 512 MiB heap: a publish holds a few copies of its body);
   *     a request that finds no room is answered 503 OVERLOADED
   * @param inFlightWait how long a request waits for room before that answer (default 100 ms)
   */
  public record Limits(
      long maxBodyBytes,
      int requestsPerMinute,
      int burst,
      long inFlightBodyBytes,
      java.time.Duration inFlightWait) {
    public Limits {
      maxBodyBytes = maxBodyBytes <= 0 ? 4L * 1024 * 1024 : maxBodyBytes;
      requestsPerMinute = requestsPerMinute <= 0 ? 600 : requestsPerMinute;
      burst = burst <= 0 ? 100 : burst;
      inFlightBodyBytes = inFlightBodyBytes <= 0 ? 32L * 1024 * 1024 : inFlightBodyBytes;
      inFlightWait = inFlightWait == null ? java.time.Duration.ofMillis(100) : inFlightWait;
    }
  }
}
