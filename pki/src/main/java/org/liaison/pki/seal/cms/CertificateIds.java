package org.liaison.pki.seal.cms;

import java.lang.ref.WeakReference;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A certificate's IssuerAndSerialNumber (RFC 5652 section 10.2.4), DER-encoded once per certificate
 * object.
 *
 * <p>Why: the JDK's {@code X509Certificate} answers {@code getIssuerX500Principal} and {@code
 * getSerialNumber} with a fresh copy each time, and a sealer names the same few certificates in
 * every notice (its signer, its own encryption certificate, its usual recipients). Entries are
 * found by identity in a small direct-mapped table and hold the certificate weakly; a miss simply
 * encodes again. Thread-safe.
 */
public final class CertificateIds {

  static final int SLOTS = 64;

  private record Entry(WeakReference<X509Certificate> certificate, byte[] issuerAndSerial) {}

  private static final AtomicReferenceArray<Entry> ENTRIES = new AtomicReferenceArray<>(SLOTS);

  private CertificateIds() {}

  /**
   * The DER IssuerAndSerialNumber of {@code cert}: the issuer name exactly as the certificate
   * encodes it, and the serial number. The array is shared: callers write it out and never change
   * it.
   */
  static byte[] issuerAndSerialNumber(X509Certificate cert) {
    int slot = System.identityHashCode(cert) & (SLOTS - 1);
    Entry known = ENTRIES.get(slot);
    if (known != null && known.certificate().get() == cert) {
      return known.issuerAndSerial();
    }
    byte[] encoded =
        Der.constructed(
                Der.SEQUENCE,
                Der.encoded(cert.getIssuerX500Principal().getEncoded()),
                Der.encoded(Der.integer(cert.getSerialNumber())))
            .encode();
    ENTRIES.set(slot, new Entry(new WeakReference<>(cert), encoded));
    return encoded;
  }

  /**
   * A value equal for certificates with the same issuer and serial number (which CMS takes for the
   * same certificate), for telling recipients apart.
   */
  public static Object issuerAndSerialKey(X509Certificate cert) {
    byte[] encoded = issuerAndSerialNumber(cert);
    return new DerSlice(encoded, 0, encoded.length);
  }
}
