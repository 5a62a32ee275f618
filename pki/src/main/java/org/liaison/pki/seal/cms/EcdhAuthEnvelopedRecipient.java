package org.liaison.pki.seal.cms;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.Provider;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientOperator;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;

/**
 * Bouncy Castle's recipient interface over {@link EcdhContentKey} (opening reads the CMS itself and
 * calls that directly; the envelope benchmark compares this with Bouncy Castle's stock recipient).
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
      return EcdhContentKey.recover(
          privateKey,
          originatorKey(originatorKey).getEncoded(),
          keyEncryptionAlgorithm,
          userKeyingMaterial == null ? null : userKeyingMaterial.getOctets(),
          encryptedContentKey,
          agreementProvider,
          digestProvider,
          symmetricProvider);
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      throw new CMSException("cannot recover the content key: " + e.getMessage(), e);
    }
  }

  private SubjectPublicKeyInfo originatorKey(SubjectPublicKeyInfo originatorKey) {
    SubjectPublicKeyInfo info = originatorKey;
    if (info.getAlgorithm().getParameters() == null
        || info.getAlgorithm().getParameters() instanceof ASN1Null) {
      info = new SubjectPublicKeyInfo(ownKeyAlgorithm, originatorKey.getPublicKeyData().getBytes());
    }
    return info;
  }
}
