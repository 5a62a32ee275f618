package org.liaison.pki.seal;

/**
 * Why a sealed notice was refused: one code per check of {@link NoticeOpener}, in the order the
 * checks run. The codes are stable; receipts, quarantine records and the audit log carry them.
 */
public enum RejectReason {
  /** More bytes than the opening policy accepts; nothing was parsed. */
  OVERSIZE,
  /**
   * Not a DER/BER CMS ContentInfo holding an AuthEnvelopedData (garbage, truncation, BER bombs).
   */
  MALFORMED_CMS,
  /** No RecipientInfo names this unit's encryption certificate. */
  NO_RECIPIENT_INFO,
  /**
   * An algorithm outside the allow-list: in the envelope (checked before any decryption) or in the
   * SignedData (checked before the signature is verified), e.g. AES-CBC, a SHA-1 KDF or digest.
   */
  ALGORITHM_NOT_ALLOWED,
  /** The content key could not be unwrapped, or the AES-GCM tag did not verify. */
  DECRYPTION_FAILED,
  /** The decrypted content is not a SignedData with exactly one signer and encapsulated content. */
  MALFORMED_SIGNED_DATA,
  /** The signer signed the content directly, or left out content type, digest or signing time. */
  SIGNED_ATTRIBUTES_MISSING,
  /** The RFC 6211 algorithm-protection attribute disagrees with the SignerInfo's algorithms. */
  ALGORITHM_PROTECTION_MISMATCH,
  /** The signature or the message-digest attribute does not verify. */
  BAD_SIGNATURE,
  /** The signer's certificate is not valid for signing at the signing time (detail: sub-code). */
  SIGNER_CERTIFICATE_INVALID,
  /** The signed content is not a notice the codec can decode within its limits. */
  NOT_A_NOTICE,
  /** The signer's certificate names no unit, or another unit than the notice's originator. */
  SIGNER_NOT_ORIGINATOR,
  /** The transport said the notice came from another unit than the one that signed it. */
  SENDER_MISMATCH,
  /**
   * The federation directory lists the signer's unit with an entry older than the maximum age: its
   * certificates and status cannot be vouched for, and the gateway fails closed.
   */
  SENDER_DIRECTORY_STALE,
  /** This unit is not among the notice's signed recipients (surreptitious forwarding). */
  NOT_A_RECIPIENT,
  /** The signing time lies outside the accepted window around now. */
  SIGNING_TIME_OUT_OF_WINDOW,
  /** The notice's createdAt is after its signing time, or after now, by more than the skew. */
  CREATED_AT_OUT_OF_WINDOW,
  /** The notice's expiresAt is not after the opening time: the information must not be stored. */
  NOTICE_EXPIRED,
  /** A notice with this id was already opened from another delivery. */
  REPLAY,
  /** The notice breaks the notice rules (handling code, expiry, attachment digests, limits). */
  NOTICE_RULES_VIOLATED,
  /** The signed content of a receipt is not a Receipt the codec can decode within its limits. */
  NOT_A_RECEIPT
}
