package org.liaison.pki.seal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JceGenericKey;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.KeyAlgorithm;

/**
 * An AuthEnvelopedData that really decrypts with the AES-256-GCM nonce and tag length it declares,
 * built with Bouncy Castle's generator: refusing it shows the length check, not a failed tag.
 */
final class ChosenGcmEnvelope {

  private ChosenGcmEnvelope() {}

  static byte[] encrypt(byte[] content, X509Certificate recipient, int nonceBytes, int tagBytes)
      throws CMSException, IOException, GeneralSecurityException {
    return encrypt(
        content,
        recipient,
        nonceBytes,
        tagBytes,
        CMSAlgorithm.ECDH_SHA256KDF,
        CMSAlgorithm.AES256_WRAP);
  }

  /** The same with a chosen key agreement and key wrap. */
  static byte[] encrypt(
      byte[] content,
      X509Certificate recipient,
      int nonceBytes,
      int tagBytes,
      ASN1ObjectIdentifier agreement,
      ASN1ObjectIdentifier wrap)
      throws CMSException, IOException, GeneralSecurityException {
    KeyPair ephemeral = KeyAlgorithm.EC_P256.generate();
    CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
    generator.addRecipientInfoGenerator(
        new JceKeyAgreeRecipientInfoGenerator(
                agreement, ephemeral.getPrivate(), ephemeral.getPublic(), wrap)
            .addRecipient(recipient)
            .setProvider(CryptoProviders.bouncyCastle()));
    return generator
        .generate(new CMSProcessableByteArray(content), new Encryptor(nonceBytes, tagBytes))
        .getEncoded();
  }

  /** AES-256-GCM over the whole content at close, the tag split off as the mac. */
  private static final class Encryptor implements OutputAEADEncryptor {
    private final AlgorithmIdentifier algorithm;
    private final SecretKeySpec key;
    private final Cipher cipher;
    private final int tagBytes;
    private byte[] mac;

    Encryptor(int nonceBytes, int tagBytes) {
      SecureRandom random = new SecureRandom();
      byte[] keyBytes = new byte[32];
      byte[] nonce = new byte[nonceBytes];
      random.nextBytes(keyBytes);
      random.nextBytes(nonce);
      this.key = new SecretKeySpec(keyBytes, "AES");
      this.tagBytes = tagBytes;
      // GCMParameters' constructor refuses what RFC 5084 does not allow; a forger does not ask it.
      this.algorithm =
          new AlgorithmIdentifier(
              CMSAlgorithm.AES256_GCM,
              new DERSequence(
                  tagBytes == 12
                      ? new ASN1Encodable[] {new DEROctetString(nonce)}
                      : new ASN1Encodable[] {
                        new DEROctetString(nonce), new ASN1Integer(tagBytes)
                      }));
      try {
        cipher = Cipher.getInstance("AES/GCM/NoPadding", CryptoProviders.bouncyCastle());
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(tagBytes * 8, nonce));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
      return algorithm;
    }

    @Override
    public GenericKey getKey() {
      return new JceGenericKey(algorithm, key);
    }

    @Override
    public OutputStream getOutputStream(OutputStream out) {
      return new ByteArrayOutputStream() {
        @Override
        public void close() throws IOException {
          byte[] sealed;
          try {
            sealed = cipher.doFinal(toByteArray());
          } catch (GeneralSecurityException e) {
            throw new IOException(e);
          }
          out.write(sealed, 0, sealed.length - tagBytes);
          mac = Arrays.copyOfRange(sealed, sealed.length - tagBytes, sealed.length);
          out.close();
        }
      };
    }

    @Override
    public OutputStream getAADStream() {
      return new OutputStream() {
        @Override
        public void write(int b) {
          cipher.updateAAD(new byte[] {(byte) b});
        }

        @Override
        public void write(byte[] b, int off, int len) {
          cipher.updateAAD(b, off, len);
        }
      };
    }

    @Override
    public byte[] getMAC() {
      return mac;
    }
  }
}
