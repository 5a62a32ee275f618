package org.liaison.pki.directory;

/** Why a directory entry was refused. Stable codes: logs and metrics carry them. */
public enum DirectoryReason {
  /** The signed entry is larger than the limit, or a field of it is. */
  OVERSIZE,
  /** Not a CMS SignedData with one signer over encapsulated data, or not a decodable entry. */
  MALFORMED,
  /** The signature does not verify, or its digest does not match the content. */
  FORGED,
  /** A digest or signature algorithm outside the allow-list (SHA-1, say). */
  WEAK_ALGORITHM,
  /** The signer's certificate is not in the entry, or does not chain to the federation root. */
  UNKNOWN_SIGNER,
  /**
   * The signer's certificate is valid but is not a directory-signing certificate issued by the root
   * itself (a unit's signing key, an issuing CA's key, a TLS key).
   */
  NOT_DIRECTORY_SIGNER,
  /** The signer's certificate, or one above it, is revoked. */
  SIGNER_REVOKED,
  /** The signer's certificate was not valid at the signing time or is not valid now. */
  SIGNER_EXPIRED,
  /** No current CRL says whether the signer is revoked (fails closed). */
  SIGNER_REVOCATION_UNKNOWN,
  /** The signing time lies in the future, beyond the accepted clock skew. */
  SIGNING_TIME_IN_FUTURE,
  /**
   * The record key is not the entry's kind and subject, or the subject is not what the body
   * describes (another unit, another CA).
   */
  KEY_MISMATCH,
  /**
   * A unit entry's certificates name another unit than the entry, or its country is not the id's.
   */
  UNIT_MISMATCH,
  /**
   * A CRL entry's CRL is unreadable, not signed by a CA of the federation, or disagrees with it.
   */
  BAD_CRL,
  /** The entry's sequence is not above that of the entry already held for its key. */
  ROLLBACK
}
