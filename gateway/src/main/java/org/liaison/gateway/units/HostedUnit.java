package org.liaison.gateway.units;

import java.util.List;
import java.util.Objects;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.pki.seal.OpeningKeys;
import org.liaison.schemas.UnitId;

/**
 * A unit this gateway hosts: its id and its keys, which never leave their key store (for an HSM the
 * handles are token references).
 *
 * @param olderEncryption the encryption keys the unit used before its last rotations, still held so
 *     that notices sealed to them (a backlog in Kafka, stored copies) open
 */
public record HostedUnit(
    UnitId id,
    PrivateKeyHandle signing,
    PrivateKeyHandle encryption,
    List<PrivateKeyHandle> olderEncryption) {

  public HostedUnit {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(signing, "signing");
    Objects.requireNonNull(encryption, "encryption");
    olderEncryption = List.copyOf(olderEncryption);
  }

  /** A unit that holds only its current keys. */
  public HostedUnit(UnitId id, PrivateKeyHandle signing, PrivateKeyHandle encryption) {
    this(id, signing, encryption, List.of());
  }

  /** What the opener needs of this unit. */
  public OpeningKeys openingKeys() {
    return new OpeningKeys(id, encryption, olderEncryption);
  }
}
