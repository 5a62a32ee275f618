package org.liaison.gateway.units;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.pki.validation.RevocationPolicy;
import org.liaison.pki.validation.TrustContext;

/** The federation's trust anchors, intermediates and CRLs, and the validator they make. */
public record TrustMaterial(
    List<X509Certificate> anchors,
    List<X509Certificate> intermediates,
    List<X509CRL> crls,
    RevocationPolicy revocation) {

  public TrustMaterial {
    anchors = List.copyOf(anchors);
    intermediates = List.copyOf(intermediates);
    crls = List.copyOf(crls);
    if (anchors.isEmpty()) {
      throw new IllegalArgumentException("at least one trust anchor is needed");
    }
  }

  public CertificateValidator validator() {
    return new CertificateValidator(new TrustContext(anchors, intermediates, crls, revocation));
  }
}
