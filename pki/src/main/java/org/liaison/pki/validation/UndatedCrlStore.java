package org.liaison.pki.validation;

import java.security.InvalidAlgorithmParameterException;
import java.security.Security;
import java.security.cert.CRL;
import java.security.cert.CRLSelector;
import java.security.cert.CertSelector;
import java.security.cert.CertStore;
import java.security.cert.CertStoreSpi;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLSelector;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

/**
 * A certificate store for the JDK's validator that hands out its CRLs whatever the validation date.
 *
 * <p>Why. The JDK checks revocation with the CRLs whose thisUpdate..nextUpdate contains the
 * validation date. A signature is validated at its signing time, but the CRL that should judge it
 * is the newest one, issued after the signature: a CRL current at the signing time may predate a
 * revocation, and the CA may have published none that covers that moment. The caller therefore
 * chooses the CRLs (those current now, see {@link CertificateValidator#validateSignature}) and this
 * store serves them to a selector with its date removed; every other criterion of the selector
 * (issuer, certificate checked) still applies, and the JDK still verifies each CRL's signature,
 * scope, issuer key usage and critical extensions. The JDK compares revocation dates with the
 * validation date itself: an entry dated after the signing time does not refuse there, which is why
 * {@link RevocationEvidence#revokedForSignature} judges those entries afterwards.
 */
final class UndatedCrlStore extends CertStoreSpi {

  private final List<X509Certificate> certs;
  private final List<X509CRL> crls;

  private UndatedCrlStore(Collection<X509Certificate> certs, Collection<X509CRL> crls)
      throws InvalidAlgorithmParameterException {
    super(null);
    this.certs = List.copyOf(certs);
    this.crls = List.copyOf(crls);
  }

  /** A store of {@code certs} (for CRL signers and paths) and {@code crls}, served undated. */
  static CertStore of(Collection<X509Certificate> certs, Collection<X509CRL> crls)
      throws InvalidAlgorithmParameterException {
    return new CertStore(
        new UndatedCrlStore(certs, crls),
        Security.getProvider(Certificates.JDK_PROVIDER),
        "Collection",
        null) {};
  }

  @Override
  public Collection<? extends Certificate> engineGetCertificates(CertSelector selector) {
    return certs.stream().filter(c -> selector == null || selector.match(c)).toList();
  }

  @Override
  public Collection<? extends CRL> engineGetCRLs(CRLSelector selector) {
    CRLSelector undated = selector;
    if (selector instanceof X509CRLSelector dated) {
      X509CRLSelector copy = (X509CRLSelector) dated.clone();
      copy.setDateAndTime(null);
      undated = copy;
    }
    CRLSelector wanted = undated;
    return crls.stream().filter(crl -> wanted == null || wanted.match(crl)).toList();
  }
}
