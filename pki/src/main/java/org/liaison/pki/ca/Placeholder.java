package org.liaison.pki.ca;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.liaison.schemas.UnitId;

/**
 * A self-signed stand-in certificate for a freshly generated key, because a PKCS#12 key entry needs
 * a certificate: it holds the key's place until the CA's certificate replaces it (as {@code keytool
 * -genkeypair} does). It is not a CA certificate and no federation member trusts it.
 */
public final class Placeholder {

  private Placeholder() {}

  /** A stand-in for {@code unit}'s key, valid for 90 days from {@code now}. */
  public static X509Certificate forKey(KeyPair keys, UnitId unit, Instant now) {
    return CertificateMaker.placeholder(
        UnitNames.subject(unit),
        SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()),
        BigInteger.ONE,
        Validity.starting(now, Duration.ofDays(90)),
        Signers.forKey(keys.getPrivate(), keys.getPublic(), Optional.empty()));
  }

  /**
   * Whether {@code certificate} is such a stand-in: self-signed with serial 1, not yet replaced by
   * the CA's certificate.
   */
  public static boolean is(X509Certificate certificate) {
    return certificate.getSerialNumber().equals(BigInteger.ONE)
        && certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
  }
}
