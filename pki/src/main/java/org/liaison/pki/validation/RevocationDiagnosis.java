package org.liaison.pki.validation;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Says why no CRL settled a certificate's status, in the words an administrator needs ("publish a
 * new CRL of that CA"), where the JDK says only "could not determine revocation status".
 */
final class RevocationDiagnosis {

  private RevocationDiagnosis() {}

  static String explain(
      X509Certificate cert, Collection<X509CRL> crls, Instant at, String jdkMessage) {
    String subject = Certificates.name(cert);
    String issuer = Certificates.issuerName(cert);
    Optional<X509CRL> newest =
        crls.stream()
            .filter(crl -> crl.getIssuerX500Principal().equals(cert.getIssuerX500Principal()))
            .max(Comparator.comparing(X509CRL::getThisUpdate));
    if (newest.isEmpty()) {
      return "no CRL from '" + issuer + "' to check certificate '" + subject + "'";
    }
    X509CRL crl = newest.get();
    if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(at)) {
      return "the newest CRL from '"
          + issuer
          + "' is stale: its next update was due at "
          + crl.getNextUpdate().toInstant()
          + ", before the validation time "
          + at
          + "; certificate '"
          + subject
          + "' cannot be checked";
    }
    if (crl.getThisUpdate().toInstant().isAfter(at)) {
      return "the CRLs from '"
          + issuer
          + "' were issued after the validation time "
          + at
          + "; none covers that time for certificate '"
          + subject
          + "'";
    }
    return "no usable CRL for certificate '"
        + subject
        + "' (a CRL of '"
        + issuer
        + "' is present but was refused: bad signature, issuer without cRLSign, wrong scope or"
        + " unknown critical extension): "
        + Certificates.printable(String.valueOf(jdkMessage));
  }
}
