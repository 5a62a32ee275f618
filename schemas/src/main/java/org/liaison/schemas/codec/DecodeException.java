package org.liaison.schemas.codec;

import java.util.Objects;

/**
 * Bytes that could not be decoded. The message says where and why, never what the content was, so
 * that it can be logged.
 */
public final class DecodeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final DecodeReason reason;

  public DecodeException(DecodeReason reason, String message) {
    super(reason + ": " + message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public DecodeException(DecodeReason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The stable reason code. */
  public DecodeReason reason() {
    return reason;
  }
}
