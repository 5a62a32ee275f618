package org.liaison.pki.seal.cms;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.ecc.ECCCMSSharedInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;

/**
 * The key-encryption key of an ECDH KeyAgreeRecipientInfo (RFC 5753 section 7.2): the ANSI X9.63
 * KDF over the shared secret Z and the DER {@code ECC-CMS-SharedInfo} naming the key-wrap
 * algorithm, the optional user keying material and the key length in bits.
 */
public final class EcdhKdf {

  /**
   * The {@code ECC-CMS-SharedInfo} of the plain AES key wraps (no parameters, no ukm), encoded
   * once, for aes128-wrap, aes192-wrap and aes256-wrap in this order.
   *
   * <p>Why: a plain AES wrap without ukm is what Liaison's sealer writes (RFC 3565: parameters
   * absent), and encoding the structure with Bouncy Castle at every opening cost about a
   * microsecond, a visible share of the Java work of opening. The encoding depends on the wrap OID
   * alone in this case, so it is the same bytes each time; other parameters (an explicit NULL
   * included) or a ukm are encoded as they come. Only the KDF reads these arrays.
   */
  private static final byte[][] PLAIN_AES_WRAP_SHARED_INFO = {
    encodePlain(NISTObjectIdentifiers.id_aes128_wrap),
    encodePlain(NISTObjectIdentifiers.id_aes192_wrap),
    encodePlain(NISTObjectIdentifiers.id_aes256_wrap)
  };

  private EcdhKdf() {}

  /**
   * Derives the key-encryption key.
   *
   * @param sharedSecret the raw ECDH output Z
   * @param scheme the key-agreement scheme OID (it names the KDF hash)
   * @param keyWrap the key-wrap algorithm exactly as it appears in the message
   * @param userKeyingMaterial the {@code ukm} of the RecipientInfo, or null
   * @param digestProvider where the hash comes from
   */
  public static SecretKey derive(
      byte[] sharedSecret,
      ASN1ObjectIdentifier scheme,
      AlgorithmIdentifier keyWrap,
      byte[] userKeyingMaterial,
      Provider digestProvider)
      throws GeneralSecurityException {
    int keyBits = wrapKeyBits(keyWrap.getAlgorithm());
    return derive(
        sharedSecret,
        kdfHash(scheme),
        kdfSharedInfo(keyWrap, userKeyingMaterial),
        keyBits,
        digestProvider);
  }

  /**
   * The {@code ECC-CMS-SharedInfo} the KDF reads for {@code keyWrap} and {@code
   * userKeyingMaterial}: the one encoded once for a plain AES wrap without ukm, else a fresh
   * encoding. The array may be shared: callers only read it.
   */
  static byte[] kdfSharedInfo(AlgorithmIdentifier keyWrap, byte[] userKeyingMaterial)
      throws GeneralSecurityException {
    if (userKeyingMaterial == null && keyWrap.getParameters() == null) {
      return PLAIN_AES_WRAP_SHARED_INFO[wrapKeyBits(keyWrap.getAlgorithm()) / 64 - 2];
    }
    return sharedInfo(keyWrap, userKeyingMaterial);
  }

  private static byte[] encodePlain(ASN1ObjectIdentifier wrap) {
    try {
      return sharedInfo(new AlgorithmIdentifier(wrap), null);
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * The DER {@code ECC-CMS-SharedInfo} for {@code keyWrap} and {@code userKeyingMaterial} (or
   * null): a sealer that always uses the same key wrap and no ukm encodes it once.
   */
  static byte[] sharedInfo(AlgorithmIdentifier keyWrap, byte[] userKeyingMaterial)
      throws GeneralSecurityException {
    try {
      return new ECCCMSSharedInfo(
              keyWrap, userKeyingMaterial, bigEndian(wrapKeyBits(keyWrap.getAlgorithm())))
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot encode ECC-CMS-SharedInfo", e);
    }
  }

  /**
   * Derives a key-encryption key of {@code keyBits} from {@code sharedSecret} and the encoded
   * {@code sharedInfo}, with the hash {@code hash} (a JCA name, e.g. "SHA-256").
   */
  static SecretKey derive(
      byte[] sharedSecret, String hash, byte[] sharedInfo, int keyBits, Provider digestProvider)
      throws GeneralSecurityException {
    MessageDigest digest = MessageDigest.getInstance(hash, digestProvider);
    byte[] out = new byte[keyBits / 8];
    int filled = 0;
    for (int counter = 1; filled < out.length; counter++) {
      digest.update(sharedSecret);
      digest.update(bigEndian(counter));
      digest.update(sharedInfo);
      byte[] block = digest.digest();
      int n = Math.min(block.length, out.length - filled);
      System.arraycopy(block, 0, out, filled, n);
      Arrays.fill(block, (byte) 0);
      filled += n;
    }
    SecretKey key = new SecretKeySpec(out, "AES");
    Arrays.fill(out, (byte) 0);
    return key;
  }

  /** The hash that the scheme's KDF uses; SHA-1 schemes are not offered. */
  static String kdfHash(ASN1ObjectIdentifier scheme) throws NoSuchAlgorithmException {
    if (CMSAlgorithm.ECDH_SHA256KDF.equals(scheme)) {
      return "SHA-256";
    }
    if (CMSAlgorithm.ECDH_SHA384KDF.equals(scheme)) {
      return "SHA-384";
    }
    if (CMSAlgorithm.ECDH_SHA512KDF.equals(scheme)) {
      return "SHA-512";
    }
    throw new NoSuchAlgorithmException("unsupported key-agreement scheme " + scheme);
  }

  /** The size of the key-encryption key that the wrap algorithm takes. */
  static int wrapKeyBits(ASN1ObjectIdentifier wrap) throws NoSuchAlgorithmException {
    if (NISTObjectIdentifiers.id_aes256_wrap.equals(wrap)) {
      return 256;
    }
    if (NISTObjectIdentifiers.id_aes192_wrap.equals(wrap)) {
      return 192;
    }
    if (NISTObjectIdentifiers.id_aes128_wrap.equals(wrap)) {
      return 128;
    }
    throw new NoSuchAlgorithmException("unsupported key wrap " + wrap);
  }

  private static byte[] bigEndian(int value) {
    return new byte[] {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
  }
}
