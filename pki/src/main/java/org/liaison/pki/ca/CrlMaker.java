package org.liaison.pki.ca;

import java.io.IOException;
import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
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
 *
 * <p>A revoked certificate stays on every later CRL, also after it expires: a signature is
 * validated at its signing time against the newest CRL, so a certificate that expired after it
 * signed must still show its revocation there. The CRL says so with the ExpiredCertsOnCRL extension
 * (X.509 9.6.2.9), dated at the CA certificate's notBefore: every certificate this CA ever issued
 * is covered, and a relying party need not assume that an expired certificate missing from the list
 * was never revoked.
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
          Extension.expiredCertsOnCRL,
          false,
          new ASN1GeneralizedTime(ca.certificate().getNotBefore(), Locale.ROOT));
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
