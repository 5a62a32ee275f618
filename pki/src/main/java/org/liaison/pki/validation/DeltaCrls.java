package org.liaison.pki.validation;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Refuses a certificate whose issuer has published a delta CRL (RFC 5280 5.2.4). The JDK's
 * validator does not apply delta CRLs: it reads the base CRL alone, so a certificate revoked since
 * the base was issued, listed only on the delta, would pass (PKITS 4.15.4). Liaison's own CAs never
 * issue delta CRLs, so rather than merge base and delta (RFC 5280 6.3.3), a delta CRL signed by the
 * issuer of a certificate in the path is revocation information that cannot be used, and the answer
 * fails closed with its own reason, whatever the revocation policy.
 */
final class DeltaCrls {

  /** The deltaCRLIndicator extension. */
  static final String DELTA_CRL_INDICATOR = "2.5.29.27";

  private DeltaCrls() {}

  /** The refusal when an issuer in {@code path} (anchor last) signed a delta CRL; else empty. */
  static Optional<ValidationResult> unusable(List<X509Certificate> path, Collection<X509CRL> crls) {
    for (int i = 0; i + 1 < path.size(); i++) {
      X509Certificate cert = path.get(i);
      X509Certificate issuer = path.get(i + 1);
      for (X509CRL crl : crls) {
        if (crl.getExtensionValue(DELTA_CRL_INDICATOR) != null
            && crl.getIssuerX500Principal().equals(cert.getIssuerX500Principal())
            && Certificates.signedBy(crl, issuer)) {
          return Optional.of(
              ValidationResult.refused(
                  ValidationReason.DELTA_CRL_UNSUPPORTED,
                  "'"
                      + Certificates.name(issuer)
                      + "' publishes delta CRLs, which this validator does not apply; the status"
                      + " of certificate '"
                      + Certificates.name(cert)
                      + "' cannot be settled by its base CRL alone",
                  path));
        }
      }
    }
    return Optional.empty();
  }
}
