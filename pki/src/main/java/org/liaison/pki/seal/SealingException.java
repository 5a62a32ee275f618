package org.liaison.pki.seal;

/**
 * Sealing failed. Unlike opening, sealing works on our own notice and keys, so a failure is the
 * caller's mistake or a broken key store, not hostile input: an exception is the right answer.
 */
public final class SealingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SealingException(String message) {
    super(message);
  }

  public SealingException(String message, Throwable cause) {
    super(message, cause);
  }
}
