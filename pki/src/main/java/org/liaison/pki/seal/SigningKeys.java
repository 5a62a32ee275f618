package org.liaison.pki.seal;

import java.security.PrivateKey;
import java.security.Provider;
import java.util.Optional;
import org.liaison.pki.UnitCertificates;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.crypto.ProviderKeys;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.pki.seal.cms.SignatureAlgorithms;
import org.liaison.schemas.UnitId;

/** What notices and receipts alike ask of a signing key before they sign with it. */
final class SigningKeys {

  private SigningKeys() {}

  /**
   * Refuses to sign unless {@code signing}'s certificate names {@code unit}.
   *
   * @param role how the message names {@code unit}, e.g. "the notice's originator is"
   */
  static void requireUnit(PrivateKeyHandle signing, String unit, String role) {
    Optional<UnitId> signerUnit = UnitCertificates.unitOf(signing.certificate());
    if (signerUnit.isEmpty() || !signerUnit.get().value().equals(unit)) {
      throw new SealingException(
          "the signing certificate names "
              + signerUnit.map(UnitId::value).orElse("no unit")
              + ", "
              + role
              + " "
              + unit);
    }
  }

  /**
   * The key to sign with: an HSM's handle as it is, a software key as the signing provider's own
   * key object (converted once, see {@link ProviderKeys}).
   */
  static PrivateKey key(ProviderChoice providers, PrivateKeyHandle signing) {
    return signing.requiredProvider().isPresent()
        ? signing.privateKey()
        : ProviderKeys.forProvider(signing.privateKey(), provider(providers, signing));
  }

  /** The provider to sign with: the key store's own (an HSM), else the measured choice. */
  static Provider provider(ProviderChoice providers, PrivateKeyHandle signing) {
    return signing
        .requiredProvider()
        .orElse(
            SignatureAlgorithms.isEc(signing.certificate().getPublicKey())
                ? providers.asymmetric()
                : providers.fallback());
  }
}
