package org.liaison.pki.seal.cms;

import java.security.Key;
import java.security.PrivateKey;
import java.security.Provider;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientOperator;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;

/**
 * Opens an RSA-OAEP KeyTransRecipientInfo: Bouncy Castle unwraps the content key with {@code
 * keyProvider}; the AES-GCM content step runs in {@code symmetricProvider} through {@link
 * GcmContentDecryptor} (see there for why not Bouncy Castle's content helper).
 */
public final class RsaOaepAuthEnvelopedRecipient extends JceKeyTransAuthEnvelopedRecipient {

  private final Provider symmetricProvider;

  public RsaOaepAuthEnvelopedRecipient(
      PrivateKey privateKey, Provider keyProvider, Provider symmetricProvider) {
    super(privateKey);
    setProvider(keyProvider);
    this.symmetricProvider = symmetricProvider;
  }

  /** The content key, unwrapped as Bouncy Castle's KeyTrans recipient does. */
  public Key contentKey(
      AlgorithmIdentifier keyEncryptionAlgorithm,
      AlgorithmIdentifier contentEncryptionAlgorithm,
      byte[] encryptedContentKey)
      throws CMSException {
    return extractSecretKey(
        keyEncryptionAlgorithm, contentEncryptionAlgorithm, encryptedContentKey);
  }

  @Override
  public RecipientOperator getRecipientOperator(
      AlgorithmIdentifier keyEncryptionAlgorithm,
      AlgorithmIdentifier contentEncryptionAlgorithm,
      byte[] encryptedContentKey)
      throws CMSException {
    Key contentKey =
        extractSecretKey(keyEncryptionAlgorithm, contentEncryptionAlgorithm, encryptedContentKey);
    return new RecipientOperator(
        GcmContentDecryptor.create(contentEncryptionAlgorithm, contentKey, symmetricProvider));
  }
}
