package org.liaison.gateway.units;

import java.util.Objects;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.pki.seal.OpeningKeys;
import org.liaison.schemas.UnitId;

/**
 * A unit this gateway hosts: its id and its keys, which never leave their key store (for an HSM the
 * handles are token references).
 */
public record HostedUnit(UnitId id, PrivateKeyHandle signing, PrivateKeyHandle encryption) {

  public HostedUnit {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(signing, "signing");
    Objects.requireNonNull(encryption, "encryption");
  }

  /** What the opener needs of this unit. */
  public OpeningKeys openingKeys() {
    return new OpeningKeys(id, encryption);
  }
}
