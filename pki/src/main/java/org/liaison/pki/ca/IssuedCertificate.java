package org.liaison.pki.ca;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A certificate in a CA's register: who holds it (a unit id, or a CA's name), under which profile,
 * and its revocation if any.
 */
public record IssuedCertificate(
    X509Certificate certificate,
    String holder,
    CertificateProfile profile,
    Optional<Revocation> revocation) {

  public IssuedCertificate {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(revocation, "revocation");
  }

  /** The certificate's serial number. */
  public BigInteger serial() {
    return certificate.getSerialNumber();
  }

  /** When the certificate expires. */
  public Instant notAfter() {
    return certificate.getNotAfter().toInstant();
  }

  /** The status at {@code at}: revocation first, then the validity period. */
  public CertificateStatus status(Instant at) {
    if (revocation.isPresent()) {
      return CertificateStatus.REVOKED;
    }
    if (at.isBefore(certificate.getNotBefore().toInstant())) {
      return CertificateStatus.NOT_YET_VALID;
    }
    if (at.isAfter(notAfter())) {
      return CertificateStatus.EXPIRED;
    }
    return CertificateStatus.VALID;
  }

  /** This record, revoked. */
  public IssuedCertificate revoked(Revocation r) {
    return new IssuedCertificate(certificate, holder, profile, Optional.of(r));
  }
}
