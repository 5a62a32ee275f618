package org.liaison.pki.ca;

import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An independent check of what the CA makes: the JDK's own PKIX validator (not ours, not Bouncy
 * Castle's) with CRL checking on. Returns the failure reason, or empty when the path is valid.
 */
final class PkixCheck {

  private PkixCheck() {}

  static Optional<String> validate(
      X509Certificate anchor, List<X509Certificate> path, List<X509CRL> crls, Instant at)
      throws Exception {
    CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
    parameters.setRevocationEnabled(true);
    parameters.addCertStore(
        CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
    parameters.setDate(Date.from(at));
    try {
      CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
      return Optional.empty();
    } catch (CertPathValidatorException e) {
      return Optional.of(e.getReason() + ": " + e.getMessage());
    }
  }
}
