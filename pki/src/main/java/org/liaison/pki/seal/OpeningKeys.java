package org.liaison.pki.seal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.schemas.UnitId;

/**
 * What a unit opens with: its id (it must be among the notice's signed recipients), its current
 * encryption key with certificate and the older ones it still holds after key rotations. A notice
 * opens with the one whose certificate a RecipientInfo names, so that what was sealed to an older
 * key before the federation learned of the new one stays readable.
 */
public record OpeningKeys(UnitId unit, PrivateKeyHandle encryption, List<PrivateKeyHandle> older) {

  public OpeningKeys {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(encryption, "encryption");
    older = List.copyOf(older);
  }

  /** A unit that holds only its current encryption key. */
  public OpeningKeys(UnitId unit, PrivateKeyHandle encryption) {
    this(unit, encryption, List.of());
  }

  /** The current key first, then the older ones. */
  public List<PrivateKeyHandle> encryptionKeys() {
    List<PrivateKeyHandle> all = new ArrayList<>(older.size() + 1);
    all.add(encryption);
    all.addAll(older);
    return all;
  }
}
