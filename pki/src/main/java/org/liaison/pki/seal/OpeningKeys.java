package org.liaison.pki.seal;

import java.util.Objects;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.schemas.UnitId;

/**
 * What a unit opens with: its id (it must be among the notice's signed recipients) and its
 * encryption key with certificate (the RecipientInfo is found by that certificate).
 */
public record OpeningKeys(UnitId unit, PrivateKeyHandle encryption) {
  public OpeningKeys {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(encryption, "encryption");
  }
}
