package org.liaison.pki.seal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.pki.validation.Purpose;
import org.liaison.pki.validation.ValidationReason;
import org.liaison.pki.validation.ValidationResult;

/**
 * Validates the signer's certificate for signing, via the PKI library's {@link
 * CertificateValidator#validateSignature}: path, key usage and validity at the signing time, so
 * that a certificate that expired after it signed still opens within the signing-time window;
 * revocation from the CRLs current now, so that a certificate that the current CRL lists is refused
 * whatever the signing time says (the signing time is the signer's own claim, and a thief of a
 * signing key could backdate it to before the revocation), except a revocation after the signing
 * time for superseded or cessationOfOperation (a key rotation, a retired certificate: the backlog
 * signed before still opens). A CRL that is stale now fails closed.
 */
final class SignerCertificateCheck {

  private SignerCertificateCheck() {}

  static void check(
      CertificateValidator validator,
      X509Certificate signer,
      List<X509Certificate> extra,
      Instant signingTime,
      Instant now)
      throws Refusal {
    ValidationResult result =
        validator.validateSignature(signer, extra, Purpose.SIGNING, signingTime, now);
    if (result.valid()) {
      return;
    }
    boolean revocation =
        result.reason() == ValidationReason.REVOKED
            || result.reason() == ValidationReason.REVOCATION_UNKNOWN
            || result.reason() == ValidationReason.DELTA_CRL_UNSUPPORTED;
    throw new Refusal(
        RejectReason.SIGNER_CERTIFICATE_INVALID,
        result.reason()
            + (revocation ? " (now)" : " (at the signing time)")
            + ": "
            + result.detail());
  }
}
