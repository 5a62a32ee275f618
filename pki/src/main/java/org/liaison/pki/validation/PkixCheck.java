package org.liaison.pki.validation;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the JDK's RFC 5280 validator ("SUN" PKIX) on one candidate path: signatures, validity at the
 * given time, name chaining, basic constraints and path length, CA key usage, critical extensions,
 * the JDK's algorithm constraints, and revocation from the given CRLs only (CRLs first, no fallback
 * to OCSP, and no fetching: the JDK fetches CRL distribution points only when the system property
 * {@code com.sun.security.enableCRLDP} is set, which Liaison never sets).
 */
final class PkixCheck {

  private final CertStore store;
  private final Collection<X509CRL> allCrls;
  private final RevocationPolicy policy;
  private final Instant crlTime;

  /**
   * @param certs the certificates the JDK may use, also to find CRL signers
   * @param usableCrls the CRLs the JDK may use, those current at the validation time
   * @param allCrls every CRL of the context, to explain a refusal
   */
  PkixCheck(
      Collection<X509Certificate> certs,
      Collection<X509CRL> usableCrls,
      Collection<X509CRL> allCrls,
      RevocationPolicy policy)
      throws GeneralSecurityException {
    List<Object> content = new ArrayList<>(certs);
    content.addAll(usableCrls);
    // The store also serves the JDK's search for CRL signers (separate CRL keys, indirect CRLs).
    this.store =
        CertStore.getInstance(
            "Collection", new CollectionCertStoreParameters(content), Certificates.JDK_PROVIDER);
    this.allCrls = allCrls;
    this.policy = policy;
    this.crlTime = null;
  }

  private PkixCheck(
      CertStore store, Collection<X509CRL> allCrls, RevocationPolicy policy, Instant crlTime) {
    this.store = store;
    this.allCrls = allCrls;
    this.policy = policy;
    this.crlTime = crlTime;
  }

  /**
   * A check whose revocation information is the CRLs current at {@code crlTime}, used whatever the
   * validation time (see {@link UndatedCrlStore}).
   */
  static PkixCheck withCrlsOf(
      Instant crlTime,
      Collection<X509Certificate> certs,
      Collection<X509CRL> crlsCurrentThen,
      Collection<X509CRL> allCrls,
      RevocationPolicy policy)
      throws GeneralSecurityException {
    return new PkixCheck(UndatedCrlStore.of(certs, crlsCurrentThen), allCrls, policy, crlTime);
  }

  /** Empty when the path validates; otherwise the refusal. */
  Optional<ValidationResult> check(PathBuilder.Candidate candidate, Instant at) {
    try {
      CertPathValidator validator =
          CertPathValidator.getInstance("PKIX", Certificates.JDK_PROVIDER);
      CertPath path =
          CertificateFactory.getInstance("X.509", Certificates.JDK_PROVIDER)
              .generateCertPath(candidate.certs());
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(candidate.anchor(), null)));
      params.setDate(Date.from(at));
      params.addCertStore(store);
      params.setRevocationEnabled(true);
      params.addCertPathChecker(revocationChecker(validator));
      validator.validate(path, params);
      return Optional.empty();
    } catch (CertPathValidatorException e) {
      return Optional.of(
          PkixReasons.refusal(e, candidate, at, crlTime == null ? at : crlTime, allCrls));
    } catch (GeneralSecurityException e) {
      return Optional.of(
          ValidationResult.refused(
              ValidationReason.MALFORMED,
              "the path could not be checked: "
                  + Certificates.printable(String.valueOf(e.getMessage())),
              candidate.withAnchor()));
    }
  }

  private PKIXRevocationChecker revocationChecker(CertPathValidator validator) {
    PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
    EnumSet<PKIXRevocationChecker.Option> options =
        EnumSet.of(
            PKIXRevocationChecker.Option.PREFER_CRLS, PKIXRevocationChecker.Option.NO_FALLBACK);
    if (policy == RevocationPolicy.ALLOW_MISSING) {
      // SOFT_FAIL accepts only an undetermined status; a CRL that lists the certificate still wins.
      options.add(PKIXRevocationChecker.Option.SOFT_FAIL);
    }
    checker.setOptions(options);
    return checker;
  }
}
