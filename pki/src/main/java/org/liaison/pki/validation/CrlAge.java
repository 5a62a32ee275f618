package org.liaison.pki.validation;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.util.Comparator;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;

/**
 * Which of two CRLs of one issuer is the newer: the later thisUpdate, and at equal thisUpdate the
 * higher CRL number. The tie is real: a CA that revokes right after publishing its scheduled CRL
 * issues two CRLs within the same second (thisUpdate has whole seconds), and the one that lists the
 * revocation must win, not whichever came first in the list.
 */
final class CrlAge {

  /** Orders CRLs from older to newer. */
  static final Comparator<X509CRL> OLDEST_FIRST =
      Comparator.comparing(X509CRL::getThisUpdate).thenComparing(CrlAge::number);

  private CrlAge() {}

  /** The CRL number, or -1 when it is absent or unreadable (such a CRL loses a tie). */
  static BigInteger number(X509CRL crl) {
    byte[] value = crl.getExtensionValue(Extension.cRLNumber.getId());
    if (value == null) {
      return BigInteger.ONE.negate();
    }
    try {
      return ASN1Integer.getInstance(ASN1OctetString.getInstance(value).getOctets())
          .getPositiveValue();
    } catch (RuntimeException unreadable) {
      return BigInteger.ONE.negate();
    }
  }
}
