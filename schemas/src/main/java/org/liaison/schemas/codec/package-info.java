/**
 * Reads and writes {@code CaseNotice} and {@code Receipt} in Avro's single-object encoding (the
 * {@code C3 01} marker, the writer schema's CRC-64-AVRO fingerprint, then the body), with explicit
 * limits checked before Avro allocates anything, and every failure reported as one {@link
 * org.liaison.schemas.codec.DecodeException} with a {@link org.liaison.schemas.codec.DecodeReason}.
 */
package org.liaison.schemas.codec;
