package org.liaison.pki.ca;

import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.liaison.pki.KeyAlgorithm;

/**
 * What a certificate is for, which fixes its key usage and extended key usage. A unit has one
 * certificate per unit profile (signing, encryption, TLS) so that a key never serves two purposes.
 */
public enum CertificateProfile {
  /** A self-signed federation root. */
  ROOT_CA,
  /** A CA certified by the root that certifies units (path length 0). */
  ISSUING_CA,
  /** Signs notices and receipts: digitalSignature and nonRepudiation. */
  SIGNING,
  /** Receives content-encryption keys: keyAgreement (EC) or keyEncipherment (RSA). */
  ENCRYPTION,
  /** TLS client and server (Kafka, HTTPS). */
  TLS,
  /**
   * Signs the federation directory's entries: issued by the root only, keyUsage digitalSignature,
   * no extended key usage (so that OpenSSL's {@code cms -verify} accepts it with its default
   * purpose) and the certificate policy {@link #DIRECTORY_SIGNING_POLICY}, which no other
   * certificate of the federation carries.
   */
  DIRECTORY_SIGNING;

  /**
   * The certificate policy that marks a directory-signing certificate: an OID under the UUID arc
   * {@code 2.25} (ITU-T X.667), which needs no registration and cannot collide.
   */
  public static final String DIRECTORY_SIGNING_POLICY =
      "2.25.285764817198895406083718970711790468879.1";

  /** Whether units get certificates under this profile (rather than CAs). */
  public boolean forUnits() {
    return this == SIGNING || this == ENCRYPTION || this == TLS;
  }

  /** The key usage bits (Bouncy Castle {@link KeyUsage} constants) for a key of {@code alg}. */
  public int keyUsage(KeyAlgorithm alg) {
    boolean agreement = alg.keyEstablishment() == KeyAlgorithm.KeyEstablishment.AGREEMENT;
    return switch (this) {
      case ROOT_CA, ISSUING_CA -> KeyUsage.keyCertSign | KeyUsage.cRLSign;
      case SIGNING -> KeyUsage.digitalSignature | KeyUsage.nonRepudiation;
      case ENCRYPTION -> agreement ? KeyUsage.keyAgreement : KeyUsage.keyEncipherment;
      case TLS ->
          agreement
              ? KeyUsage.digitalSignature
              : KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
      case DIRECTORY_SIGNING -> KeyUsage.digitalSignature;
    };
  }

  /** The extended key usages, empty when the certificate carries none. */
  public List<KeyPurposeId> extendedKeyUsages() {
    return this == TLS
        ? List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth)
        : List.of();
  }

  /** Parses {@code signing}, {@code ENCRYPTION}, {@code tls}, and so on. */
  public static CertificateProfile parse(String name) {
    return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
