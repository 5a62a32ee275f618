package org.liaison.pki.validation;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/** Reading certificates the way the JDK's PKIX validator will, and naming them in messages. */
final class Certificates {

  /** The JDK's provider: the same parser as the validator, whatever provider made the object. */
  static final String JDK_PROVIDER = "SUN";

  private static final int MAX_NAME = 120;

  private Certificates() {}

  /**
   * The certificate re-read from its DER encoding by the JDK's strict parser, so that a certificate
   * object made by a lenient parser (one that reads extensions only on demand) cannot carry into
   * the validator something the JDK cannot read.
   */
  static X509Certificate reparse(X509Certificate cert) throws CertificateException {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509", JDK_PROVIDER);
      return (X509Certificate)
          factory.generateCertificate(new ByteArrayInputStream(cert.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new CertificateException(e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new CertificateException("unreadable certificate: " + e, e);
    }
  }

  /**
   * The certificates that the JDK can read; the others are left out. An intermediate that cannot be
   * read can only fail to build a path, which the end entity's refusal then reports.
   */
  static List<X509Certificate> readable(Collection<X509Certificate> certs) {
    List<X509Certificate> out = new ArrayList<>();
    for (X509Certificate cert : certs) {
      tryReparse(cert).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<X509Certificate> tryReparse(X509Certificate cert) {
    if (cert == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(reparse(cert));
    } catch (CertificateException unreadable) {
      return Optional.empty();
    }
  }

  /**
   * The CRLs as the JDK's own objects, those it can read. Besides strict parsing this matters for
   * speed: a JDK CRL remembers the key it was verified with, so a validator that lives long
   * verifies each CRL signature once instead of at every validation.
   */
  static List<X509CRL> readableCrls(Collection<X509CRL> crls) {
    List<X509CRL> out = new ArrayList<>();
    for (X509CRL crl : crls) {
      tryReparse(crl).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<X509CRL> tryReparse(X509CRL crl) {
    if (crl == null) {
      return Optional.empty();
    }
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509", JDK_PROVIDER);
      return Optional.of((X509CRL) factory.generateCRL(new ByteArrayInputStream(crl.getEncoded())));
    } catch (GeneralSecurityException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /** The subject for a message: RFC 2253, control characters masked, long names cut. */
  static String name(X509Certificate cert) {
    return printable(cert.getSubjectX500Principal().getName());
  }

  /** The issuer name for a message. */
  static String issuerName(X509Certificate cert) {
    return printable(cert.getIssuerX500Principal().getName());
  }

  static String printable(String text) {
    String cut = text.length() > MAX_NAME ? text.substring(0, MAX_NAME) + "..." : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  /**
   * Whether {@code issuer} may hold the key that signed {@code cert}: the authority key identifier
   * of one equals the subject key identifier of the other, or one of them is absent. A mismatch
   * tells a CA apart from another CA of the same name (another federation, an impostor) before any
   * signature is checked.
   */
  static boolean keyIdsAgree(X509Certificate cert, X509Certificate issuer) {
    byte[] authority = authorityKeyId(cert);
    byte[] subject = subjectKeyId(issuer);
    return authority == null || subject == null || Arrays.equals(authority, subject);
  }

  private static byte[] authorityKeyId(X509Certificate cert) {
    try {
      byte[] value = cert.getExtensionValue(Extension.authorityKeyIdentifier.getId());
      return value == null
          ? null
          : AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(value).getOctets())
              .getKeyIdentifier();
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  private static byte[] subjectKeyId(X509Certificate cert) {
    try {
      byte[] value = cert.getExtensionValue(Extension.subjectKeyIdentifier.getId());
      return value == null
          ? null
          : SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(value).getOctets())
              .getKeyIdentifier();
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  /** Whether {@code cert} verifies with the public key of {@code issuer}. */
  static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
    try {
      cert.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** Whether {@code crl} verifies with the public key of {@code issuer}. */
  static boolean signedBy(X509CRL crl, X509Certificate issuer) {
    try {
      crl.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
