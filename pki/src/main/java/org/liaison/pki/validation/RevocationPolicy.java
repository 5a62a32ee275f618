package org.liaison.pki.validation;

/** What to do when there is no usable CRL for a certificate in the path. */
public enum RevocationPolicy {
  /**
   * Fail closed: a certificate without a CRL from its issuer that covers the validation time (a
   * missing CRL, or a stale one whose nextUpdate is before that time) is refused with {@link
   * ValidationReason#REVOCATION_UNKNOWN}.
   */
  REQUIRE,
  /**
   * Accept a certificate whose revocation status cannot be determined. A CRL that is present and
   * lists the certificate still refuses it with {@link ValidationReason#REVOKED}. For callers that
   * have explicitly decided so, such as a first contact before the directory is loaded.
   */
  ALLOW_MISSING
}
