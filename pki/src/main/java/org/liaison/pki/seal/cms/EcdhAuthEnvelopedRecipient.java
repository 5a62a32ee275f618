package org.liaison.pki.seal.cms;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.SecretKey;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientOperator;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;

/**
 * Opens an ECDH KeyAgreeRecipientInfo with any provider: raw ECDH in {@code agreementProvider}
 * (which must be the private key's own provider when the key lives in a token), our X9.63 KDF (hash
 * from {@code digestProvider}), the AES key unwrap and the AES-GCM content step in {@code
 * symmetricProvider}.
 */
public final class EcdhAuthEnvelopedRecipient extends JceKeyAgreeAuthEnvelopedRecipient {

  private final PrivateKey privateKey;
  private final AlgorithmIdentifier ownKeyAlgorithm;
  private final Provider agreementProvider;
  private final Provider digestProvider;
  private final Provider symmetricProvider;

  /**
   * @param ownKeyAlgorithm the algorithm identifier of our own certificate's public key; it names
   *     the curve when the originator's key comes without parameters (RFC 5753 allows that)
   */
  public EcdhAuthEnvelopedRecipient(
      PrivateKey privateKey,
      AlgorithmIdentifier ownKeyAlgorithm,
      Provider agreementProvider,
      Provider digestProvider,
      Provider symmetricProvider) {
    super(privateKey);
    this.privateKey = privateKey;
    this.ownKeyAlgorithm = ownKeyAlgorithm;
    this.agreementProvider = agreementProvider;
    this.digestProvider = digestProvider;
    this.symmetricProvider = symmetricProvider;
  }

  @Override
  public RecipientOperator getRecipientOperator(
      AlgorithmIdentifier keyEncryptionAlgorithm,
      AlgorithmIdentifier contentEncryptionAlgorithm,
      SubjectPublicKeyInfo originatorKey,
      ASN1OctetString userKeyingMaterial,
      byte[] encryptedContentKey)
      throws CMSException {
    Key contentKey =
        extractSecretKey(
            keyEncryptionAlgorithm,
            contentEncryptionAlgorithm,
            originatorKey,
            userKeyingMaterial,
            encryptedContentKey);
    return new RecipientOperator(
        GcmContentDecryptor.create(contentEncryptionAlgorithm, contentKey, symmetricProvider));
  }

  @Override
  protected Key extractSecretKey(
      AlgorithmIdentifier keyEncryptionAlgorithm,
      AlgorithmIdentifier contentEncryptionAlgorithm,
      SubjectPublicKeyInfo originatorKey,
      ASN1OctetString userKeyingMaterial,
      byte[] encryptedContentKey)
      throws CMSException {
    try {
      AlgorithmIdentifier keyWrap =
          AlgorithmIdentifier.getInstance(keyEncryptionAlgorithm.getParameters());
      PublicKey originator = originatorPublicKey(originatorKey);
      KeyAgreement agreement = KeyAgreement.getInstance("ECDH", agreementProvider);
      agreement.init(privateKey);
      agreement.doPhase(originator, true);
      byte[] z = agreement.generateSecret();
      SecretKey kek =
          EcdhKdf.derive(
              z,
              keyEncryptionAlgorithm.getAlgorithm(),
              keyWrap,
              userKeyingMaterial == null ? null : userKeyingMaterial.getOctets(),
              digestProvider);
      Arrays.fill(z, (byte) 0);
      Cipher unwrap = Cipher.getInstance("AESWrap", symmetricProvider);
      unwrap.init(Cipher.UNWRAP_MODE, kek);
      return unwrap.unwrap(encryptedContentKey, "AES", Cipher.SECRET_KEY);
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      throw new CMSException("cannot recover the content key: " + e.getMessage(), e);
    }
  }

  private PublicKey originatorPublicKey(SubjectPublicKeyInfo originatorKey)
      throws GeneralSecurityException, IOException {
    SubjectPublicKeyInfo info = originatorKey;
    if (info.getAlgorithm().getParameters() == null
        || info.getAlgorithm().getParameters() instanceof ASN1Null) {
      info = new SubjectPublicKeyInfo(ownKeyAlgorithm, originatorKey.getPublicKeyData().getBytes());
    }
    return KeyFactory.getInstance("EC", agreementProvider)
        .generatePublic(new X509EncodedKeySpec(info.getEncoded()));
  }
}
