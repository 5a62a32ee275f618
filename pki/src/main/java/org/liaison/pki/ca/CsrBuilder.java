package org.liaison.pki.ca;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.PkiException;
import org.liaison.schemas.UnitId;

/**
 * Makes a unit's certification request: its subject and SAN URI, and the usages of the profile it
 * asks for, signed with the key itself as proof of possession (inside the HSM for a token key).
 */
public final class CsrBuilder {

  private CsrBuilder() {}

  /** A CSR for {@code unit}'s key under {@code profile}. */
  public static PKCS10CertificationRequest create(
      UnitId unit,
      CertificateProfile profile,
      PublicKey publicKey,
      PrivateKey privateKey,
      Optional<Provider> provider) {
    KeyAlgorithm algorithm =
        KeyAlgorithm.of(publicKey)
            .orElseThrow(
                () ->
                    new PkiException(
                        PkiException.Code.CSR_KEY_NOT_ALLOWED,
                        "the federation does not accept this key type"));
    try {
      ExtensionsGenerator extensions = new ExtensionsGenerator();
      extensions.addExtension(
          Extension.subjectAlternativeName, false, UnitNames.alternativeNames(unit));
      extensions.addExtension(Extension.keyUsage, true, new KeyUsage(profile.keyUsage(algorithm)));
      if (!profile.extendedKeyUsages().isEmpty()) {
        extensions.addExtension(
            Extension.extendedKeyUsage,
            false,
            new ExtendedKeyUsage(profile.extendedKeyUsages().toArray(KeyPurposeId[]::new)));
      }
      return new JcaPKCS10CertificationRequestBuilder(UnitNames.subject(unit), publicKey)
          .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
          .build(Signers.forKey(privateKey, publicKey, provider));
    } catch (IOException e) {
      throw new PkiException(PkiException.Code.CRYPTO_FAILURE, "cannot encode the CSR", e);
    }
  }
}
