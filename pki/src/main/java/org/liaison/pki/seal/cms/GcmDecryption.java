package org.liaison.pki.seal.cms;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.Provider;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * The AES-GCM content step of an AuthEnvelopedData in one {@code doFinal} over ciphertext and tag.
 *
 * <p>Why not a stream: Bouncy Castle's CMS layer decrypts through a {@code CipherInputStream} in
 * small reads with the tag appended by another stream, which cost more than the cipher itself for a
 * notice of a few kilobytes; a GCM decryption releases nothing before the tag is checked anyway.
 */
public final class GcmDecryption {

  private GcmDecryption() {}

  /**
   * @param aad the additional authenticated data (RFC 5083: the DER authAttrs), or null
   * @param ciphertextAndTag the encrypted content followed by the AuthEnvelopedData's mac, as
   *     Bouncy Castle appended it; the caller has checked that the mac is as long as the declared
   *     tag, which the concatenation no longer shows
   */
  public static byte[] decrypt(
      AlgorithmIdentifier algorithm,
      Key contentKey,
      byte[] aad,
      byte[] ciphertextAndTag,
      Provider provider)
      throws GeneralSecurityException {
    GCMParameters params = GCMParameters.getInstance(algorithm.getParameters());
    Key key =
        contentKey instanceof SecretKeySpec && "AES".equals(contentKey.getAlgorithm())
            ? contentKey
            : new SecretKeySpec(contentKey.getEncoded(), "AES");
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
    cipher.init(
        Cipher.DECRYPT_MODE, key, new GCMParameterSpec(params.getIcvLen() * 8, params.getNonce()));
    if (aad != null) {
      cipher.updateAAD(aad);
    }
    return cipher.doFinal(ciphertextAndTag);
  }
}
