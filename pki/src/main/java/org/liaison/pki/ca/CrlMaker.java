package org.liaison.pki.ca;

import java.io.IOException;
import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.PkiException;
import org.liaison.pki.keys.PrivateKeyHandle;

/**
 * Builds and signs a CA's CRL: CRL number, AKI, thisUpdate/nextUpdate, one entry per revocation.
 */
final class CrlMaker {

  private CrlMaker() {}

  static X509CRL create(
      PrivateKeyHandle ca,
      Collection<IssuedCertificate> revoked,
      BigInteger number,
      Instant thisUpdate,
      Instant nextUpdate) {
    try {
      X509v2CRLBuilder builder =
          new X509v2CRLBuilder(
              X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
              Date.from(thisUpdate));
      builder.setNextUpdate(Date.from(nextUpdate));
      for (IssuedCertificate entry : revoked) {
        Revocation revocation = entry.revocation().orElseThrow();
        builder.addCRLEntry(
            entry.serial(), Date.from(revocation.revokedAt()), revocation.reason().code());
      }
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          new JcaX509ExtensionUtils()
              .createAuthorityKeyIdentifier(ca.certificate().getPublicKey()));
      return new JcaX509CRLConverter()
          .setProvider(CryptoProviders.certificates())
          .getCRL(builder.build(Signers.forHandle(ca)));
    } catch (IOException | NoSuchAlgorithmException | CRLException e) {
      throw new PkiException(PkiException.Code.CRYPTO_FAILURE, "cannot build the CRL", e);
    }
  }
}
