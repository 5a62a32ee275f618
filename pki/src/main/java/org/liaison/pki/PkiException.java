package org.liaison.pki;

import java.util.Objects;

/**
 * Every refusal and failure of the PKI library, with a code a program can branch on and a message
 * an administrator can act on. Messages never contain key material or passwords.
 */
public class PkiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why an operation was refused or failed. */
  public enum Code {
    /** The request is not a well-formed PKCS#10 certification request. */
    CSR_MALFORMED,
    /** The request's proof-of-possession signature does not verify with its own key. */
    CSR_BAD_SIGNATURE,
    /** The unit id in the request's subject or subject alternative name is not the one asked. */
    CSR_UNIT_MISMATCH,
    /** The request's key type or size is not accepted (for example RSA below 3072 bits). */
    CSR_KEY_NOT_ALLOWED,
    /** The request asks for a usage or an extension that the profile does not give. */
    CSR_USAGE_NOT_ALLOWED,
    /** The CA certificate has expired (or is not valid yet) at the time of issuing. */
    CA_EXPIRED,
    /** The certificate has been revoked already. */
    ALREADY_REVOKED,
    /** The operation needs a certificate that is not revoked. */
    CERTIFICATE_REVOKED,
    /** No certificate with this serial number was issued by this CA. */
    UNKNOWN_CERTIFICATE,
    /** The CA folder does not exist, is incomplete, or already holds a CA. */
    CA_STATE_INVALID,
    /** The key store password (or PIN) is wrong. */
    WRONG_PASSWORD,
    /** A file that was named does not exist or cannot be read. */
    FILE_NOT_FOUND,
    /** A file could not be parsed (not PEM, not the expected object). */
    BAD_INPUT,
    /** An input is larger than its limit; only the limit plus one byte was read. */
    OVERSIZE,
    /** No password was given where one is needed (no file, no environment variable). */
    PASSWORD_MISSING,
    /** A key store has no entry with the requested alias. */
    KEY_NOT_FOUND,
    /** A private key is not the one its certificate certifies. */
    KEY_CERTIFICATE_MISMATCH,
    /** The PKCS#11 module or token cannot be used. */
    HSM_UNAVAILABLE,
    /** Reading or writing a file failed. */
    IO_FAILURE,
    /** A cryptographic primitive failed unexpectedly. */
    CRYPTO_FAILURE
  }

  private final Code code;

  public PkiException(Code code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code);
  }

  public PkiException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code);
  }

  /** Why the operation was refused. */
  public Code code() {
    return code;
  }
}
