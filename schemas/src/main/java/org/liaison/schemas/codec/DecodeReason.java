package org.liaison.schemas.codec;

/** Why bytes could not be decoded. Stable codes: gateways put them in receipts and quarantine. */
public enum DecodeReason {
  /** The input is longer than {@link DecodeLimits#maxInputBytes()}. */
  TOO_LARGE,
  /** The input does not start with the single-object marker {@code C3 01}. */
  NOT_SINGLE_OBJECT,
  /** The fingerprint names no released version of the expected schema. */
  UNKNOWN_SCHEMA,
  /** The input ends before the value does. */
  TRUNCATED,
  /** A string, bytes field, collection, item total or nesting depth is over its limit. */
  LIMIT_EXCEEDED,
  /**
   * The body is not a value of the writer schema: negative length, bad union or enum index, bad
   * varint, a value the reader schema cannot accept (a uuid that is not one, say).
   */
  MALFORMED,
  /** Bytes are left over after the value. */
  TRAILING_BYTES
}
