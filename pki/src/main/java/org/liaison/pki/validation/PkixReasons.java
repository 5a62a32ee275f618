package org.liaison.pki.validation;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.PKIXReason;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Turns the JDK validator's structured reason into one {@link ValidationReason} and a sentence. */
final class PkixReasons {

  private PkixReasons() {}

  static ValidationResult refusal(
      CertPathValidatorException e,
      PathBuilder.Candidate candidate,
      Instant at,
      Instant crlTime,
      Collection<X509CRL> crls) {
    List<X509Certificate> certs = candidate.certs();
    int index = e.getIndex();
    X509Certificate culprit = index >= 0 && index < certs.size() ? certs.get(index) : null;
    String who = culprit == null ? "the path" : "certificate '" + Certificates.name(culprit) + "'";
    ValidationReason reason = reasonOf(e.getReason(), e.getMessage());
    String detail =
        switch (reason) {
          case EXPIRED ->
              who
                  + " expired at "
                  + (culprit == null ? "?" : culprit.getNotAfter().toInstant())
                  + ", before the validation time "
                  + at;
          case NOT_YET_VALID ->
              who
                  + " is valid only from "
                  + (culprit == null ? "?" : culprit.getNotBefore().toInstant())
                  + ", after the validation time "
                  + at;
          case REVOCATION_UNKNOWN ->
              culprit == null
                  ? "revocation status unknown: " + e.getMessage()
                  : RevocationDiagnosis.explain(culprit, crls, crlTime, e.getMessage());
          default -> who + ": " + message(e);
        };
    return ValidationResult.refused(reason, detail, candidate.withAnchor());
  }

  /**
   * The reason code for the JDK's reason. The JDK leaves a few failures UNSPECIFIED; the one that
   * matters, a CRL entry with an unknown critical extension (PKITS 4.4.8), can then only be told by
   * its message: such a CRL cannot settle the status, so the revocation is unknown.
   */
  static ValidationReason reasonOf(CertPathValidatorException.Reason reason, String message) {
    if (reason == BasicReason.UNSPECIFIED && message != null && message.contains("CRL")) {
      return ValidationReason.REVOCATION_UNKNOWN;
    }
    return reasonOf(reason);
  }

  static ValidationReason reasonOf(CertPathValidatorException.Reason reason) {
    if (reason instanceof BasicReason basic) {
      return switch (basic) {
        case EXPIRED -> ValidationReason.EXPIRED;
        case NOT_YET_VALID -> ValidationReason.NOT_YET_VALID;
        case REVOKED -> ValidationReason.REVOKED;
        case INVALID_SIGNATURE -> ValidationReason.BAD_SIGNATURE;
        case UNDETERMINED_REVOCATION_STATUS -> ValidationReason.REVOCATION_UNKNOWN;
        case ALGORITHM_CONSTRAINED -> ValidationReason.ALGORITHM_NOT_ALLOWED;
        case UNSPECIFIED -> ValidationReason.MALFORMED;
      };
    }
    if (reason instanceof PKIXReason pkix) {
      return switch (pkix) {
        case NAME_CHAINING -> ValidationReason.NAME_CHAINING;
        case INVALID_KEY_USAGE -> ValidationReason.WRONG_KEY_USAGE;
        case INVALID_POLICY -> ValidationReason.INVALID_POLICY;
        case NO_TRUST_ANCHOR -> ValidationReason.UNKNOWN_ISSUER;
        case UNRECOGNIZED_CRIT_EXT -> ValidationReason.UNSUPPORTED_CRITICAL_EXTENSION;
        case NOT_CA_CERT -> ValidationReason.NOT_A_CA;
        case PATH_TOO_LONG -> ValidationReason.PATH_TOO_LONG;
        case INVALID_NAME -> ValidationReason.NAME_CONSTRAINTS;
      };
    }
    return ValidationReason.MALFORMED;
  }

  private static String message(CertPathValidatorException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return Certificates.printable(message);
  }
}
