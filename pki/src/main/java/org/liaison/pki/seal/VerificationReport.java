package org.liaison.pki.seal;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.liaison.schemas.UnitId;

/**
 * What opening established about a notice, for the inbox, the receipt and the audit log.
 *
 * @param signerUnit the unit named in the signer's certificate (and the notice's originator)
 * @param signerCertificate the certificate that verified the signature
 * @param signingTime the signed signing time
 * @param digestAlgorithm e.g. {@code SHA-256}
 * @param signatureAlgorithm e.g. {@code ecdsa-with-SHA256}
 * @param contentEncryptionAlgorithm e.g. {@code AES-256-GCM}
 * @param keyManagementAlgorithm e.g. {@code dhSinglePass-stdDH-sha256kdf+aes256-wrap}
 * @param redelivery whether this was a redelivery of a record already opened (not a replay)
 */
public record VerificationReport(
    UnitId signerUnit,
    X509Certificate signerCertificate,
    Instant signingTime,
    String digestAlgorithm,
    String signatureAlgorithm,
    String contentEncryptionAlgorithm,
    String keyManagementAlgorithm,
    boolean redelivery) {

  /** The signer certificate's serial number. */
  public BigInteger signerSerial() {
    return signerCertificate.getSerialNumber();
  }
}
