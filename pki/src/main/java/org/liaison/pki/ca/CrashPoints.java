package org.liaison.pki.ca;

/**
 * Named points between the durable steps of a CA operation. Production code passes {@link #NONE};
 * the crash-safety tests throw at one point to stop an operation there, as a power cut would, and
 * then restart the CA from its folder.
 */
@FunctionalInterface
public interface CrashPoints {

  /** The points, in the order an issuance or a revocation passes them. */
  enum Step {
    /** The serial is durably reserved; nothing is signed yet. */
    SERIAL_RESERVED,
    /** The certificate is signed but not recorded. */
    CERTIFICATE_SIGNED,
    /** A file's new content is written and synced under a temporary name, not yet renamed. */
    FILE_WRITTEN_BEFORE_RENAME,
    /** The certificate is recorded; the caller has not received it yet. */
    CERTIFICATE_RECORDED,
    /** A revocation is recorded; no CRL includes it yet. */
    REVOCATION_RECORDED,
    /** A CRL number is durably reserved; the CRL is not written yet. */
    CRL_NUMBER_RESERVED
  }

  /** No crash points: what production uses. */
  CrashPoints NONE = step -> {};

  /** Called when an operation reaches {@code step}. */
  void reached(Step step);
}
