package org.liaison.pki.seal;

import java.lang.ref.WeakReference;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.liaison.pki.UnitCertificates;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.crypto.ProviderKeys;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.pki.seal.cms.SignatureAlgorithms;
import org.liaison.schemas.UnitId;

/** What notices and receipts alike ask of a signing key before they sign with it. */
final class SigningKeys {

  /** A signing certificate and the unit it names, the certificate held weakly. */
  private record KnownUnit(WeakReference<X509Certificate> certificate, Optional<UnitId> unit) {}

  /**
   * The units of recently used signing certificates, found by identity in a direct-mapped table:
   * reading the unit out of a certificate (its subject alternative names, then the unit URI) showed
   * in the profile of sealing, and a sealer signs with the same few certificates again and again. A
   * certificate object cannot change, so the answer for it cannot either.
   */
  static final int SLOTS = 16;

  private static final AtomicReferenceArray<KnownUnit> UNITS = new AtomicReferenceArray<>(SLOTS);

  private SigningKeys() {}

  /**
   * Refuses to sign unless {@code signing}'s certificate names {@code unit}.
   *
   * @param role how the message names {@code unit}, e.g. "the notice's originator is"
   */
  static void requireUnit(PrivateKeyHandle signing, String unit, String role) {
    Optional<UnitId> signerUnit = unitOf(signing.certificate());
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

  /** {@link UnitCertificates#unitOf}, remembered per certificate object. */
  static Optional<UnitId> unitOf(X509Certificate cert) {
    if (cert == null) {
      return Optional.empty();
    }
    int slot = System.identityHashCode(cert) & (SLOTS - 1);
    KnownUnit known = UNITS.get(slot);
    if (known != null && known.certificate().get() == cert) {
      return known.unit();
    }
    Optional<UnitId> unit = UnitCertificates.unitOf(cert);
    UNITS.set(slot, new KnownUnit(new WeakReference<>(cert), unit));
    return unit;
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
