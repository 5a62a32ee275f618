package org.liaison.pki.validation;

import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;

/**
 * A last look for revocation after the JDK has accepted a path: is a certificate listed on the
 * newest CRL that its issuer signed, even a stale one? The JDK uses only CRLs current at the
 * validation time, so with {@link RevocationPolicy#ALLOW_MISSING} it would accept a certificate
 * that a stale CRL lists as revoked; but a revocation does not expire with the list that announced
 * it. Only the newest CRL of the issuer counts, so that a hold lifted later is respected.
 *
 * <p>For a signature ({@link #revokedForSignature}) the JDK, validating at the signing time, lets
 * through every entry dated after it; this look decides those. A revocation after the signing time
 * spares the signature only when its reason says the key was not compromised and its holder is
 * still trusted: {@code superseded} (a key rotation) and {@code cessationOfOperation} (a retired
 * certificate), and only when no invalidity date puts the fault at or before the signing time.
 * Every other reason refuses whatever the dates: the signing time is the signer's own claim, so a
 * thief of the key ({@code keyCompromise}, {@code cACompromise}, {@code aACompromise}) could
 * backdate it to before the revocation, and so could a holder revoked for what it is or may do
 * ({@code affiliationChanged}, {@code privilegeWithdrawn}, {@code certificateHold}); an entry
 * without a reason ({@code unspecified}) cannot be told apart from those. The revocation date only
 * says when the CA learnt of the problem, not when it began.
 */
final class RevocationEvidence {

  /** The reasons after which a signature made before the revocation still stands. */
  static final Set<CRLReason> SPARING_SIGNATURES_BEFORE =
      EnumSet.of(CRLReason.SUPERSEDED, CRLReason.CESSATION_OF_OPERATION);

  private RevocationEvidence() {}

  /** The refusal when a certificate of {@code path} (anchor last) is listed; empty otherwise. */
  static Optional<ValidationResult> revoked(List<X509Certificate> path, Collection<X509CRL> crls) {
    return revoked(path, crls, entry -> true);
  }

  /**
   * The refusal when a certificate of {@code path} (anchor last) is listed in a way that condemns a
   * signature made at {@code signedAt} (see the class documentation); empty otherwise.
   */
  static Optional<ValidationResult> revokedForSignature(
      List<X509Certificate> path, Collection<X509CRL> crls, Instant signedAt) {
    return revoked(path, crls, entry -> condemns(entry, signedAt));
  }

  static boolean condemns(X509CRLEntry entry, Instant signedAt) {
    if (!SPARING_SIGNATURES_BEFORE.contains(entry.getRevocationReason())) {
      return true;
    }
    Optional<Instant> invalidity;
    try {
      invalidity = invalidityDate(entry);
    } catch (ParseException | RuntimeException unreadable) {
      return true;
    }
    Instant effective = entry.getRevocationDate().toInstant();
    if (invalidity.isPresent() && invalidity.get().isBefore(effective)) {
      effective = invalidity.get();
    }
    return !effective.isAfter(signedAt);
  }

  private static Optional<Instant> invalidityDate(X509CRLEntry entry) throws ParseException {
    byte[] value = entry.getExtensionValue(Extension.invalidityDate.getId());
    if (value == null) {
      return Optional.empty();
    }
    return Optional.of(
        ASN1GeneralizedTime.getInstance(ASN1OctetString.getInstance(value).getOctets())
            .getDate()
            .toInstant());
  }

  private static Optional<ValidationResult> revoked(
      List<X509Certificate> path, Collection<X509CRL> crls, Predicate<X509CRLEntry> condemns) {
    for (int i = 0; i + 1 < path.size(); i++) {
      X509Certificate cert = path.get(i);
      X509Certificate issuer = path.get(i + 1);
      Optional<X509CRL> newest =
          crls.stream()
              .filter(crl -> crl.getIssuerX500Principal().equals(cert.getIssuerX500Principal()))
              .filter(crl -> Certificates.signedBy(crl, issuer))
              .max(CrlAge.OLDEST_FIRST);
      Optional<X509CRLEntry> entry =
          newest
              .map(crl -> crl.getRevokedCertificate(cert))
              .filter(e -> e.getRevocationReason() != CRLReason.REMOVE_FROM_CRL)
              .filter(condemns);
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
}
