package org.liaison.gateway.outbound;

/** An idempotency key used again with another request body: the caller's mistake. */
public class IdempotencyConflictException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public IdempotencyConflictException(String key) {
    super(
        "Idempotency key '"
            + key
            + "' was used before with a different request; use a new key for a new notice",
        null,
        false,
        false);
  }
}
