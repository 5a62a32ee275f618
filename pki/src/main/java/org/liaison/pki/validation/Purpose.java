package org.liaison.pki.validation;

/**
 * What the end-entity certificate is about to be used for. Each unit has separate keys per purpose,
 * so a certificate that fits one purpose is refused for another with {@link
 * ValidationReason#WRONG_KEY_USAGE}.
 */
public enum Purpose {
  /** Signing notices and receipts: keyUsage digitalSignature or nonRepudiation. */
  SIGNING,
  /** Receiving notices encrypted to the unit: keyUsage keyAgreement or keyEncipherment. */
  ENCRYPTION,
  /** TLS client (Kafka, API clients): digitalSignature, and clientAuth when EKU is present. */
  TLS_CLIENT,
  /** TLS server (HTTPS, brokers): digitalSignature, and serverAuth when EKU is present. */
  TLS_SERVER,
  /** Path, validity and revocation only; no key usage check on the end entity. */
  ANY
}
