package org.liaison.pki.seal.cms;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.SecretKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Recovers the content key of an ECDH KeyAgreeRecipientInfo with any provider: raw ECDH in {@code
 * agreementProvider} (the private key's own provider when the key lives in a token), the X9.63 KDF
 * of {@link EcdhKdf} (hash from {@code digestProvider}), then the AES key unwrap in {@code
 * symmetricProvider}.
 */
public final class EcdhContentKey {

  private EcdhContentKey() {}

  /**
   * @param originatorKey the DER SubjectPublicKeyInfo of the originator's (ephemeral) key, with the
   *     curve named in its algorithm parameters
   * @param keyEncryptionAlgorithm the RecipientInfo's key-agreement scheme with its key-wrap
   *     algorithm as parameters
   * @param userKeyingMaterial the ukm, or null
   */
  public static SecretKey recover(
      PrivateKey privateKey,
      byte[] originatorKey,
      AlgorithmIdentifier keyEncryptionAlgorithm,
      byte[] userKeyingMaterial,
      byte[] encryptedKey,
      Provider agreementProvider,
      Provider digestProvider,
      Provider symmetricProvider)
      throws GeneralSecurityException {
    AlgorithmIdentifier keyWrap =
        AlgorithmIdentifier.getInstance(keyEncryptionAlgorithm.getParameters());
    if (keyWrap == null) {
      throw new GeneralSecurityException("no key-wrap algorithm");
    }
    PublicKey originator =
        KeyFactory.getInstance("EC", agreementProvider)
            .generatePublic(new X509EncodedKeySpec(originatorKey));
    KeyAgreement agreement = KeyAgreement.getInstance("ECDH", agreementProvider);
    agreement.init(privateKey);
    agreement.doPhase(originator, true);
    byte[] z = agreement.generateSecret();
    SecretKey kek;
    try {
      kek =
          EcdhKdf.derive(
              z,
              keyEncryptionAlgorithm.getAlgorithm(),
              keyWrap,
              userKeyingMaterial,
              digestProvider);
    } finally {
      Arrays.fill(z, (byte) 0);
    }
    Cipher unwrap = Cipher.getInstance("AESWrap", symmetricProvider);
    unwrap.init(Cipher.UNWRAP_MODE, kek);
    return (SecretKey) unwrap.unwrap(encryptedKey, "AES", Cipher.SECRET_KEY);
  }
}
