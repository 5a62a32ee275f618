package org.liaison.pki.seal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.pki.validation.Purpose;
import org.liaison.pki.validation.ValidationReason;
import org.liaison.pki.validation.ValidationResult;

/**
 * Validates the signer's certificate for signing, via the PKI library, twice.
 *
 * <ul>
 *   <li>At the signing time: path, key usage and validity period. A certificate that expired after
 *       it signed still opens (within the signing-time window).
 *   <li>At {@code now}, for revocation only: the signing time is the signer's own claim, so a thief
 *       of a signing key could backdate it to before the revocation. A certificate that the current
 *       CRL lists is refused whatever the signing time says, and a CRL that is stale now fails
 *       closed.
 * </ul>
 *
 * The second answer also settles one case of the first: a CRL covers only the times from its
 * thisUpdate on, so a notice signed before the CA's latest CRL finds no CRL covering its signing
 * time (REVOCATION_UNKNOWN at the signing time); a valid answer at {@code now} then stands.
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
    ValidationResult atSigning = validator.validate(signer, extra, Purpose.SIGNING, signingTime);
    ValidationResult atNow =
        signingTime.isBefore(now)
            ? validator.validate(signer, extra, Purpose.SIGNING, now)
            : atSigning;
    if (atNow.reason() == ValidationReason.REVOKED
        || atNow.reason() == ValidationReason.REVOCATION_UNKNOWN) {
      throw refusal(atNow, "now");
    }
    if (atSigning.valid()
        || (atSigning.reason() == ValidationReason.REVOCATION_UNKNOWN && atNow.valid())) {
      return;
    }
    throw refusal(atSigning, "at the signing time");
  }

  private static Refusal refusal(ValidationResult result, String when) {
    return new Refusal(
        RejectReason.SIGNER_CERTIFICATE_INVALID,
        result.reason() + " (" + when + "): " + result.detail());
  }
}
