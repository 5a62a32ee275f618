package org.liaison.pki.validation;

import java.security.GeneralSecurityException;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A last look for revocation after the JDK has accepted a path: is a certificate listed on the
 * newest CRL that its issuer signed, even a stale one? The JDK uses only CRLs current at the
 * validation time, so with {@link RevocationPolicy#ALLOW_MISSING} it would accept a certificate
 * that a stale CRL lists as revoked; but a revocation does not expire with the list that announced
 * it. Only the newest CRL of the issuer counts, so that a hold lifted later is respected.
 */
final class RevocationEvidence {

  private RevocationEvidence() {}

  /** The refusal when a certificate of {@code path} (anchor last) is listed; empty otherwise. */
  static Optional<ValidationResult> revoked(List<X509Certificate> path, Collection<X509CRL> crls) {
    for (int i = 0; i + 1 < path.size(); i++) {
      X509Certificate cert = path.get(i);
      X509Certificate issuer = path.get(i + 1);
      Optional<X509CRL> newest =
          crls.stream()
              .filter(crl -> crl.getIssuerX500Principal().equals(cert.getIssuerX500Principal()))
              .filter(crl -> signedBy(crl, issuer))
              .max(Comparator.comparing(X509CRL::getThisUpdate));
      Optional<X509CRLEntry> entry =
          newest
              .map(crl -> crl.getRevokedCertificate(cert))
              .filter(e -> e.getRevocationReason() != CRLReason.REMOVE_FROM_CRL);
      if (entry.isPresent()) {
        return Optional.of(
            ValidationResult.refused(
                ValidationReason.REVOKED,
                "certificate '"
                    + Certificates.name(cert)
                    + "' was revoked at "
                    + entry.get().getRevocationDate().toInstant()
                    + (entry.get().getRevocationReason() == null
                        ? ""
                        : " (" + entry.get().getRevocationReason() + ")")
                    + " according to the newest CRL of '"
                    + Certificates.name(issuer)
                    + "', issued at "
                    + newest.get().getThisUpdate().toInstant(),
                path));
      }
    }
    return Optional.empty();
  }

  private static boolean signedBy(X509CRL crl, X509Certificate issuer) {
    try {
      crl.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
