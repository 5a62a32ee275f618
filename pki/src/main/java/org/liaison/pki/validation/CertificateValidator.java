package org.liaison.pki.validation;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * Validates a certificate for a purpose at a time against a {@link TrustContext}: a path to a trust
 * anchor, every certificate valid at that time, CAs that are CAs with keyCertSign and within their
 * path length, revocation of every certificate from the context's CRLs, and key usage fitting the
 * purpose. The answer is VALID or exactly one reason; no exception escapes, whatever the input.
 *
 * <p>Safe to share between threads. Its trust context is fixed: a newly published CRL means a new
 * validator. It remembers its VALID answers for the validation times in which they provably hold
 * (see {@link ValidationCache}), so that a long-lived validator checks a known signer's path once
 * rather than twice per notice.
 */
public final class CertificateValidator {

  /**
   * The most extra intermediates one certificate may bring. Real paths have two or three; a message
   * carrying hundreds is an attempt to make path building expensive.
   */
  public static final int MAX_EXTRA_INTERMEDIATES = 32;

  private final TrustContext trust;
  private final List<X509Certificate> anchors;
  private final List<X509Certificate> intermediates;
  private final List<X509CRL> crls;
  private final ValidationCache cache;

  public CertificateValidator(TrustContext trust) {
    this.trust = Objects.requireNonNull(trust, "trust context");
    this.anchors = Certificates.readable(trust.anchors());
    this.intermediates = Certificates.readable(trust.intermediates());
    this.crls = Certificates.readableCrls(trust.crls());
    this.cache = new ValidationCache(anchors, intermediates, crls);
  }

  /**
   * Validates {@code cert}.
   *
   * @param cert the end-entity certificate
   * @param extraIntermediates intermediates that came with it (for example in a CMS message); they
   *     help build a path but are never trusted by themselves
   * @param purpose what the certificate is about to be used for
   * @param at the validation time (for example a notice's signing time)
   */
  public ValidationResult validate(
      X509Certificate cert,
      Collection<X509Certificate> extraIntermediates,
      Purpose purpose,
      Instant at) {
    try {
      Optional<ValidationCache.Key> key =
          at == null ? Optional.empty() : cache.key(cert, extraIntermediates, purpose);
      if (key.isPresent()) {
        Optional<ValidationResult> remembered = cache.get(key.get(), at);
        if (remembered.isPresent()) {
          return remembered.get();
        }
      }
      return validateChecked(cert, extraIntermediates, purpose, at, null, key);
    } catch (GeneralSecurityException | RuntimeException e) {
      return unreadable(e);
    }
  }

  /**
   * Whether {@code crl} is signed by a CA this validator trusts or knows (an anchor or an
   * intermediate of its context) under the CRL's issuer name: a CRL from anyone else is no news.
   */
  public boolean isIssuedByKnownCa(X509CRL crl) {
    if (crl == null) {
      return false;
    }
    List<X509Certificate> cas = new ArrayList<>(anchors);
    cas.addAll(intermediates);
    for (X509Certificate ca : cas) {
      if (ca.getSubjectX500Principal().equals(crl.getIssuerX500Principal())
          && Certificates.signedBy(crl, ca)) {
        return true;
      }
    }
    return false;
  }

  /** The promise is an answer, never an exception: whatever slipped through is unreadable input. */
  private static ValidationResult unreadable(Exception e) {
    return ValidationResult.refused(
        ValidationReason.MALFORMED,
        "could not validate: " + Certificates.printable(String.valueOf(e)),
        List.of());
  }

  /**
   * Validates the certificate that made a signature at {@code signedAt}, judged at {@code now}: RFC
   * 5280 validation at the signing time (path, validity, key usage), with revocation from the CRLs
   * current <em>now</em>, whatever their thisUpdate. So a certificate that expired after it signed
   * still validates (its CA keeps revoked certificates on its CRL after they expire, see {@code
   * CrlMaker}), a CRL published after the signature is the one that counts, and a CRL that is stale
   * now fails closed under {@link RevocationPolicy#REQUIRE}. A listed certificate is refused if it
   * was revoked at or before the signing time, or for any reason other than {@code superseded} and
   * {@code cessationOfOperation} whatever the dates (see {@link RevocationEvidence}).
   *
   * <p>The common case, a certificate valid both at the signing time and now, is answered by two
   * plain validations, which the validator remembers; only the others take the full check.
   *
   * @param signedAt the signing time the signature claims
   * @param now the time of judgement, which chooses the CRLs
   */
  public ValidationResult validateSignature(
      X509Certificate cert,
      Collection<X509Certificate> extraIntermediates,
      Purpose purpose,
      Instant signedAt,
      Instant now) {
    if (signedAt == null || now == null) {
      return ValidationResult.refused(ValidationReason.MALFORMED, "no time given", List.of());
    }
    ValidationResult atSigning = validate(cert, extraIntermediates, purpose, signedAt);
    if (atSigning.valid()) {
      ValidationResult atNow =
          signedAt.isBefore(now) ? validate(cert, extraIntermediates, purpose, now) : atSigning;
      if (atNow.valid()) {
        return atSigning;
      }
    }
    try {
      return validateChecked(cert, extraIntermediates, purpose, signedAt, now, Optional.empty());
    } catch (GeneralSecurityException | RuntimeException e) {
      return unreadable(e);
    }
  }

  /**
   * @param at the validation time
   * @param crlTime the time whose current CRLs judge revocation, or null for {@code at} itself;
   *     when given, a listed certificate is judged as the signer of a signature made at {@code at}
   */
  private ValidationResult validateChecked(
      X509Certificate cert,
      Collection<X509Certificate> extraIntermediates,
      Purpose purpose,
      Instant at,
      Instant crlTime,
      Optional<ValidationCache.Key> key)
      throws GeneralSecurityException {
    if (cert == null || purpose == null || at == null) {
      return ValidationResult.refused(
          ValidationReason.MALFORMED,
          cert == null
              ? "no certificate given"
              : purpose == null ? "no purpose given" : "no time given",
          List.of());
    }
    X509Certificate leaf;
    try {
      leaf = Certificates.reparse(cert);
    } catch (CertificateException e) {
      return ValidationResult.refused(
          ValidationReason.MALFORMED,
          "the certificate cannot be read: "
              + Certificates.printable(String.valueOf(e.getMessage())),
          List.of());
    }
    if (extraIntermediates != null && extraIntermediates.size() > MAX_EXTRA_INTERMEDIATES) {
      return ValidationResult.refused(
          ValidationReason.MALFORMED,
          extraIntermediates.size()
              + " extra intermediates given, more than the "
              + MAX_EXTRA_INTERMEDIATES
              + " accepted",
          List.of());
    }
    List<X509Certificate> extras =
        extraIntermediates == null ? List.of() : Certificates.readable(extraIntermediates);
    List<X509Certificate> pool = new ArrayList<>(intermediates);
    pool.addAll(extras);
    if (anchors.contains(leaf)) {
      return remember(key, at, leaf, extras, anchorItself(leaf, purpose, at));
    }
    PathBuilder.Outcome outcome = new PathBuilder(anchors, pool).build(leaf);
    if (outcome.candidates().isEmpty()) {
      return ValidationResult.refused(outcome.reason(), outcome.detail(), outcome.partial());
    }
    List<X509Certificate> storeContent = new ArrayList<>(pool);
    storeContent.addAll(anchors);
    PkixCheck pkix =
        crlTime == null
            ? new PkixCheck(storeContent, currentCrls(at), crls, trust.revocation())
            : PkixCheck.withCrlsOf(
                crlTime, storeContent, currentCrls(crlTime), crls, trust.revocation());
    ValidationResult firstRefusal = null;
    for (PathBuilder.Candidate candidate : outcome.candidates()) {
      Optional<ValidationResult> refusal =
          pkix.check(candidate, at)
              .or(
                  () ->
                      crlTime == null
                          ? listed(candidate)
                          : RevocationEvidence.revokedForSignature(
                              candidate.withAnchor(), crls, at))
              .or(() -> DeltaCrls.unusable(candidate.withAnchor(), crls))
              .or(() -> expiredSinceSigning(candidate, crlTime));
      if (refusal.isEmpty()) {
        return remember(key, at, leaf, extras, forPurpose(leaf, purpose, candidate.withAnchor()));
      }
      if (firstRefusal == null) {
        firstRefusal = refusal.get();
      }
    }
    return firstRefusal;
  }

  /**
   * For a signature judged at {@code crlTime}, under {@link RevocationPolicy#REQUIRE}: a
   * certificate of the path that has expired since must be one its CA's current CRL still covers.
   */
  private Optional<ValidationResult> expiredSinceSigning(
      PathBuilder.Candidate candidate, Instant crlTime) {
    return crlTime == null || trust.revocation() != RevocationPolicy.REQUIRE
        ? Optional.empty()
        : ExpiredCertsOnCrl.unknown(candidate.withAnchor(), currentCrls(crlTime), crlTime);
  }

  /** A VALID answer is remembered for the validation times in which it provably holds. */
  private ValidationResult remember(
      Optional<ValidationCache.Key> key,
      Instant at,
      X509Certificate leaf,
      List<X509Certificate> extras,
      ValidationResult result) {
    key.ifPresent(k -> cache.put(k, at, leaf, extras, result));
    return result;
  }

  /** How many answers this validator took from its cache of VALID answers. */
  long cacheHits() {
    return cache.hits();
  }

  /**
   * Under {@link RevocationPolicy#ALLOW_MISSING}, whether a CRL the JDK did not use (a stale one)
   * lists a certificate of the path. Under REQUIRE the JDK has already used the current CRL of
   * every issuer, and a stale one cannot be newer, so the check would only cost signatures.
   */
  private Optional<ValidationResult> listed(PathBuilder.Candidate candidate) {
    return trust.revocation() == RevocationPolicy.ALLOW_MISSING
        ? RevocationEvidence.revoked(candidate.withAnchor(), crls)
        : Optional.empty();
  }

  /**
   * The CRLs the JDK is shown at {@code at}: not stale, already issued (within the JDK's skew), and
   * of each issuer and scope only the newest (see {@link CrlAge}). The JDK tolerates a clock skew
   * of minutes on a CRL's nextUpdate; Liaison's rule is exact (a CRL past its nextUpdate is stale),
   * so stale CRLs are not even shown to it. And once one complete CRL of an issuer has verified,
   * the JDK stops looking at the others: with an older and a newer current CRL of the same issuer,
   * it would consult whichever its set happens to give first and could miss a revocation that only
   * the newer one lists.
   */
  private List<X509CRL> currentCrls(Instant at) {
    Map<CrlScope, X509CRL> newest = new LinkedHashMap<>();
    for (X509CRL crl : crls) {
      if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(at)) {
        continue;
      }
      if (crl.getThisUpdate().toInstant().isAfter(at.plus(ValidationCache.JDK_CRL_SKEW))) {
        // Not yet issued at that time: as the newest it would hide the CRL that was current.
        continue;
      }
      newest.merge(
          CrlScope.of(crl),
          crl,
          (kept, other) -> CrlAge.OLDEST_FIRST.compare(other, kept) > 0 ? other : kept);
    }
    return List.copyOf(newest.values());
  }

  /**
   * What a CRL covers: its issuer, and its issuing distribution point and delta indicator when it
   * has them (a partitioned CRL covers only part of the issuer's certificates, so the newest CRL of
   * one partition does not replace that of another).
   */
  private record CrlScope(X500Principal issuer, String distributionPoint, String delta) {
    static CrlScope of(X509CRL crl) {
      return new CrlScope(
          crl.getIssuerX500Principal(),
          hex(crl.getExtensionValue("2.5.29.28")),
          hex(crl.getExtensionValue("2.5.29.27")));
    }

    private static String hex(byte[] value) {
      return value == null ? "" : HexFormat.of().formatHex(value);
    }
  }

  private static ValidationResult forPurpose(
      X509Certificate leaf, Purpose purpose, List<X509Certificate> path) {
    Optional<String> problem = PurposeCheck.problem(leaf, purpose);
    if (problem.isPresent()) {
      return ValidationResult.refused(
          ValidationReason.WRONG_KEY_USAGE,
          "certificate '"
              + Certificates.name(leaf)
              + "' does not fit "
              + purpose
              + ": "
              + problem.get(),
          path);
    }
    return ValidationResult.valid(path);
  }

  /** A trust anchor asked about itself: trusted by definition, but still bound by its dates. */
  private static ValidationResult anchorItself(
      X509Certificate anchor, Purpose purpose, Instant at) {
    List<X509Certificate> path = List.of(anchor);
    if (at.isAfter(anchor.getNotAfter().toInstant())) {
      return ValidationResult.refused(
          ValidationReason.EXPIRED,
          "trust anchor '"
              + Certificates.name(anchor)
              + "' expired at "
              + anchor.getNotAfter().toInstant(),
          path);
    }
    if (at.isBefore(anchor.getNotBefore().toInstant())) {
      return ValidationResult.refused(
          ValidationReason.NOT_YET_VALID,
          "trust anchor '"
              + Certificates.name(anchor)
              + "' is valid only from "
              + anchor.getNotBefore().toInstant(),
          path);
    }
    return forPurpose(anchor, purpose, path);
  }
}
