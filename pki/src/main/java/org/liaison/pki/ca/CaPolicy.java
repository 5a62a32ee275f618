package org.liaison.pki.ca;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.liaison.pki.KeyAlgorithm;

/**
 * How a CA issues: validity of the certificates it makes, how long its CRLs last, where its CRL is
 * published (written into what it issues), and which key types it certifies.
 *
 * @param unitValidity unit certificates: 1 year by default
 * @param caValidity certificates of issuing CAs it certifies: 5 years by default
 * @param crlLifetime from a CRL's thisUpdate to its nextUpdate: 7 days by default
 * @param crlDistributionPoint where relying parties fetch this CA's CRL, if anywhere
 * @param allowedKeys key types it certifies: all of {@link KeyAlgorithm} by default
 */
public record CaPolicy(
    Duration unitValidity,
    Duration caValidity,
    Duration crlLifetime,
    Optional<URI> crlDistributionPoint,
    Set<KeyAlgorithm> allowedKeys) {

  /** A root's own validity: 20 years. */
  public static final Duration ROOT_VALIDITY = Duration.ofDays(20 * 365 + 5);

  public CaPolicy {
    unitValidity = Objects.requireNonNullElse(unitValidity, Duration.ofDays(365));
    caValidity = Objects.requireNonNullElse(caValidity, Duration.ofDays(5 * 365 + 1));
    crlLifetime = Objects.requireNonNullElse(crlLifetime, Duration.ofDays(7));
    crlDistributionPoint = Objects.requireNonNullElse(crlDistributionPoint, Optional.empty());
    allowedKeys =
        allowedKeys == null || allowedKeys.isEmpty()
            ? Set.copyOf(EnumSet.allOf(KeyAlgorithm.class))
            : Set.copyOf(allowedKeys);
  }

  /** The defaults, with no CRL distribution point. */
  public static CaPolicy defaults() {
    return new CaPolicy(null, null, null, null, null);
  }

  /** The defaults, with the CRL published at {@code crlUri}. */
  public static CaPolicy withCrlAt(URI crlUri) {
    return new CaPolicy(null, null, null, Optional.of(crlUri), null);
  }
}
