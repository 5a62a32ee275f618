package org.liaison.gateway.outbound;

/**
 * Another request with the same idempotency key and body is being sent and did not answer in the
 * time a request waits for it: the caller retries later and gets that request's answer.
 */
public final class IdempotencyInFlightException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public IdempotencyInFlightException() {
    super(
        "A request with this Idempotency-Key is still being sent; retry to get its answer",
        null,
        false,
        false);
  }
}
