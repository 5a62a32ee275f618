package org.liaison.pki.ca;

import java.util.Objects;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.schemas.UnitId;

/** A unit's three keys with their certificates: one per purpose, never shared. */
public record UnitKeys(
    UnitId unit, PrivateKeyHandle signing, PrivateKeyHandle encryption, PrivateKeyHandle tls) {
  public UnitKeys {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(signing, "signing");
    Objects.requireNonNull(encryption, "encryption");
    Objects.requireNonNull(tls, "tls");
  }

  /** The key for {@code profile}. */
  public PrivateKeyHandle forProfile(CertificateProfile profile) {
    return switch (profile) {
      case SIGNING -> signing;
      case ENCRYPTION -> encryption;
      case TLS -> tls;
      default -> throw new IllegalArgumentException(profile + " is not a unit profile");
    };
  }
}
