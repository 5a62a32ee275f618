package org.liaison.pki.validation;

/** The one answer of a validation: {@link #VALID}, or the first reason found to refuse. */
public enum ValidationReason {
  VALID,
  /** No path to a trust anchor: an issuer is neither a known intermediate nor an anchor. */
  UNKNOWN_ISSUER,
  /** A signature in the path does not verify with its issuer's key. */
  BAD_SIGNATURE,
  /** A certificate in the path expired before the validation time. */
  EXPIRED,
  /** A certificate in the path is not yet valid at the validation time. */
  NOT_YET_VALID,
  /** A certificate in the path is listed on a valid CRL of its issuer. */
  REVOKED,
  /** The end entity's key usage does not fit the purpose, or a CA lacks keyCertSign. */
  WRONG_KEY_USAGE,
  /** A certificate that issued another one is not a CA (basic constraints). */
  NOT_A_CA,
  /** A CA's pathLenConstraint is exceeded. */
  PATH_TOO_LONG,
  /**
   * No usable CRL (missing, stale, badly signed, out of scope) under {@link
   * RevocationPolicy#REQUIRE}.
   */
  REVOCATION_UNKNOWN,
  /** A certificate names an issuer other than the certificate whose key signed it. */
  NAME_CHAINING,
  /**
   * The certificate or an argument cannot be read or is missing; also the rare failure that the
   * JDK's validator reports without a structured reason (the detail then gives its message).
   */
  MALFORMED,
  /** A certificate carries a critical extension that the validator does not process. */
  UNSUPPORTED_CRITICAL_EXTENSION,
  /** A signature or key algorithm (or key size) that the JDK's certpath constraints disallow. */
  ALGORITHM_NOT_ALLOWED,
  /** The certificate policies of the path do not satisfy the policy constraints. */
  INVALID_POLICY,
  /** A name in the path is outside a CA's name constraints. */
  NAME_CONSTRAINTS,
  /**
   * An issuer in the path publishes delta CRLs, which the validator does not apply: the status
   * cannot be settled by the base CRL alone, so the answer fails closed.
   */
  DELTA_CRL_UNSUPPORTED
}
