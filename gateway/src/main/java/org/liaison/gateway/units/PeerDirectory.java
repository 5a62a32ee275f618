package org.liaison.gateway.units;

import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;
import org.liaison.schemas.UnitId;

/**
 * Where the gateway finds a unit's current encryption certificate, to seal notices for it. The
 * federation directory topic will be one source; configured certificate files and the hosted units
 * themselves are others.
 */
public interface PeerDirectory {

  /** The encryption certificate to seal for {@code unit}, if the gateway knows one. */
  Optional<X509Certificate> encryptionCertificate(UnitId unit);

  /**
   * Why no certificate is given for {@code unit}, when the reason is more than not knowing one: a
   * stable code a client can act on (the directory's entry for the unit is stale, say).
   */
  default Optional<String> refusal(UnitId unit) {
    return Optional.empty();
  }

  /**
   * The units this directory can name, to offer as recipients: whether a notice to one can be
   * sealed is still decided by {@link #encryptionCertificate} at the time it is sent.
   */
  default Set<UnitId> known() {
    return Set.of();
  }
}
