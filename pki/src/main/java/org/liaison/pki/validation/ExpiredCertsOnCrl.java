package org.liaison.pki.validation;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;

/**
 * Whether the CRL that judged a certificate which has expired by now can be trusted to still list
 * it. RFC 5280 lets a CA drop a certificate from its CRLs once it expires, so the absence of an
 * expired certificate from a CRL proves nothing, unless the CRL carries the ExpiredCertsOnCRL
 * extension (X.509 9.6.2.9) with a date no later than the certificate's notAfter: then the CA keeps
 * revoked certificates that expired since that date. Liaison's CAs always write it (see {@code
 * CrlMaker}). Without it, the signature of a certificate that has since expired gets
 * REVOCATION_UNKNOWN under {@link RevocationPolicy#REQUIRE}.
 */
final class ExpiredCertsOnCrl {

  private ExpiredCertsOnCrl() {}

  /**
   * The refusal when a certificate of {@code path} (anchor last) has expired by {@code now} and the
   * newest of {@code currentCrls} signed by its issuer does not vouch for keeping it; else empty.
   */
  static Optional<ValidationResult> unknown(
      List<X509Certificate> path, Collection<X509CRL> currentCrls, Instant now) {
    for (int i = 0; i + 1 < path.size(); i++) {
      X509Certificate cert = path.get(i);
      Instant notAfter = cert.getNotAfter().toInstant();
      if (!notAfter.isBefore(now)) {
        continue;
      }
      X509Certificate issuer = path.get(i + 1);
      Optional<X509CRL> newest =
          currentCrls.stream()
              .filter(crl -> crl.getIssuerX500Principal().equals(cert.getIssuerX500Principal()))
              .filter(crl -> Certificates.signedBy(crl, issuer))
              .max(CrlAge.OLDEST_FIRST);
      Optional<Instant> keptSince = newest.flatMap(ExpiredCertsOnCrl::keptSince);
      if (keptSince.isEmpty() || keptSince.get().isAfter(notAfter)) {
        return Optional.of(
            ValidationResult.refused(
                ValidationReason.REVOCATION_UNKNOWN,
                "certificate '"
                    + Certificates.name(cert)
                    + "' expired at "
                    + notAfter
                    + " and the current CRL of '"
                    + Certificates.name(issuer)
                    + "' does not say that it keeps expired certificates (ExpiredCertsOnCRL)"
                    + " since then: a revocation may have been dropped from it",
                path));
      }
    }
    return Optional.empty();
  }

  private static Optional<Instant> keptSince(X509CRL crl) {
    byte[] value = crl.getExtensionValue(Extension.expiredCertsOnCRL.getId());
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          ASN1GeneralizedTime.getInstance(ASN1OctetString.getInstance(value).getOctets())
              .getDate()
              .toInstant());
    } catch (ParseException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }
}
