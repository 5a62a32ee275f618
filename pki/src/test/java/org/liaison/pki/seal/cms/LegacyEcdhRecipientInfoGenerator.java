package org.liaison.pki.seal.cms;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientIdentifier;
import org.bouncycastle.asn1.cms.RecipientEncryptedKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyAgreeRecipientInfoGenerator;
import org.bouncycastle.operator.GenericKey;
import org.liaison.pki.crypto.ProviderKeys;

/**
 * (The reference for {@link AuthEnvelopedEncryptor}, as sealing used it before.) One
 * KeyAgreeRecipientInfo (ephemeral-static ECDH, RFC 5753) for recipients on one curve: a fresh
 * ephemeral key, raw ECDH in {@code agreementProvider}, our X9.63 KDF, and the AES key wrap in
 * {@code wrapProvider}. Recipients are named by issuer and serial number, as OpenSSL does by
 * default.
 */
final class LegacyEcdhRecipientInfoGenerator extends KeyAgreeRecipientInfoGenerator {

  private final KeyPair ephemeral;
  private final List<X509Certificate> recipients;
  private final Provider agreementProvider;
  private final Provider wrapProvider;

  /**
   * @param scheme the key-agreement scheme, e.g. {@code CMSAlgorithm.ECDH_SHA256KDF}
   * @param ephemeral a key pair made for this message only, on the recipients' curve
   * @param keyWrap e.g. {@code CMSAlgorithm.AES256_WRAP}
   */
  LegacyEcdhRecipientInfoGenerator(
      ASN1ObjectIdentifier scheme,
      KeyPair ephemeral,
      ASN1ObjectIdentifier keyWrap,
      List<X509Certificate> recipients,
      Provider agreementProvider,
      Provider wrapProvider) {
    super(scheme, SubjectPublicKeyInfo.getInstance(ephemeral.getPublic().getEncoded()), keyWrap);
    this.ephemeral = ephemeral;
    this.recipients = List.copyOf(recipients);
    this.agreementProvider = agreementProvider;
    this.wrapProvider = wrapProvider;
  }

  @Override
  protected ASN1Sequence generateRecipientEncryptedKeys(
      AlgorithmIdentifier keyAgreeAlgorithm,
      AlgorithmIdentifier keyEncAlgorithm,
      GenericKey contentEncryptionKey)
      throws CMSException {
    ASN1EncodableVector keys = new ASN1EncodableVector();
    Key contentKey = jceKey(contentEncryptionKey);
    for (X509Certificate recipient : recipients) {
      try {
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH", agreementProvider);
        agreement.init(ephemeral.getPrivate());
        agreement.doPhase(
            ProviderKeys.forProvider(recipient.getPublicKey(), agreementProvider), true);
        byte[] z = agreement.generateSecret();
        SecretKey kek =
            EcdhKdf.derive(
                z, keyAgreeAlgorithm.getAlgorithm(), keyEncAlgorithm, null, agreementProvider);
        Arrays.fill(z, (byte) 0);
        Cipher wrap = Cipher.getInstance("AESWrap", wrapProvider);
        wrap.init(Cipher.WRAP_MODE, kek);
        byte[] wrapped = wrap.wrap(contentKey);
        // The issuer name as encoded in the certificate (the JDK keeps its DER), without parsing
        // the whole certificate again into a Bouncy Castle holder.
        keys.add(
            new RecipientEncryptedKey(
                new KeyAgreeRecipientIdentifier(
                    new IssuerAndSerialNumber(
                        X500Name.getInstance(recipient.getIssuerX500Principal().getEncoded()),
                        recipient.getSerialNumber())),
                new DEROctetString(wrapped)));
      } catch (GeneralSecurityException | RuntimeException e) {
        throw new CMSException("cannot wrap the content key for a recipient: " + e.getMessage(), e);
      }
    }
    return new DERSequence(keys);
  }

  @Override
  protected byte[] getUserKeyingMaterial(AlgorithmIdentifier keyAgreeAlgorithm) {
    return null;
  }

  static Key jceKey(GenericKey key) {
    Object representation = key.getRepresentation();
    if (representation instanceof Key jce) {
      return jce;
    }
    return new SecretKeySpec((byte[]) representation, "AES");
  }
}
