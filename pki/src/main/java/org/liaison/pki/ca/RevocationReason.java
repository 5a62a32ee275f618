package org.liaison.pki.ca;

import java.util.Locale;
import org.bouncycastle.asn1.x509.CRLReason;

/**
 * The RFC 5280 (section 5.3.1) reasons a CA may give when it revokes a certificate. {@code
 * certificateHold} and {@code removeFromCRL} are left out on purpose: revocation here is final, so
 * "revoking twice" is always an error and a CRL never un-revokes.
 */
public enum RevocationReason {
  UNSPECIFIED(CRLReason.unspecified),
  KEY_COMPROMISE(CRLReason.keyCompromise),
  CA_COMPROMISE(CRLReason.cACompromise),
  AFFILIATION_CHANGED(CRLReason.affiliationChanged),
  SUPERSEDED(CRLReason.superseded),
  CESSATION_OF_OPERATION(CRLReason.cessationOfOperation),
  PRIVILEGE_WITHDRAWN(CRLReason.privilegeWithdrawn),
  AA_COMPROMISE(CRLReason.aACompromise);

  private final int code;

  RevocationReason(int code) {
    this.code = code;
  }

  /** The CRLReason code that goes into the CRL entry. */
  public int code() {
    return code;
  }

  /**
   * Parses {@code key-compromise}, {@code keyCompromise} or {@code KEY_COMPROMISE}.
   *
   * @throws IllegalArgumentException naming the accepted reasons
   */
  public static RevocationReason parse(String text) {
    String wanted = text.trim().replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    for (RevocationReason reason : values()) {
      if (reason.name().replace("_", "").toLowerCase(Locale.ROOT).equals(wanted)) {
        return reason;
      }
    }
    throw new IllegalArgumentException(
        "unknown revocation reason '"
            + text
            + "': use one of unspecified, key-compromise, ca-compromise, affiliation-changed,"
            + " superseded, cessation-of-operation, privilege-withdrawn, aa-compromise");
  }

  /** The lower-case, dashed spelling used on the command line. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
