package org.liaison.pki.seal.cms;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.Provider;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.InputStreamWithMAC;
import org.bouncycastle.jcajce.io.CipherInputStream;
import org.bouncycastle.operator.InputAEADDecryptor;

/**
 * The AES-GCM content step of an AuthEnvelopedData, done with any JCA provider.
 *
 * <p>Why: Bouncy Castle's {@code JceKeyAgreeAuthEnvelopedRecipient} and {@code
 * JceKeyTransAuthEnvelopedRecipient} take a content provider, but build the cipher through {@code
 * AlgorithmParameters.getInstance("2.16.840.1.101.3.4.1.46")}, which the JDK's SunJCE (the fastest
 * AES-GCM here) does not register under that OID. The content step fails with "can't find
 * algorithm". This decryptor reads the GCM parameters itself and asks for {@code
 * AES/GCM/NoPadding}, which every provider has. Bouncy Castle's {@code CipherInputStream} turns a
 * bad tag into an exception rather than silently truncated output.
 */
final class GcmContentDecryptor implements InputAEADDecryptor {

  private final AlgorithmIdentifier algorithm;
  private final Cipher cipher;
  private InputStream source;

  private GcmContentDecryptor(AlgorithmIdentifier algorithm, Cipher cipher) {
    this.algorithm = algorithm;
    this.cipher = cipher;
  }

  static GcmContentDecryptor create(AlgorithmIdentifier algorithm, Key key, Provider provider)
      throws CMSException {
    try {
      GCMParameters params = GCMParameters.getInstance(algorithm.getParameters());
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key.getEncoded(), "AES"),
          new GCMParameterSpec(params.getIcvLen() * 8, params.getNonce()));
      return new GcmContentDecryptor(algorithm, cipher);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CMSException("cannot set up AES-GCM: " + e.getMessage(), e);
    }
  }

  @Override
  public AlgorithmIdentifier getAlgorithmIdentifier() {
    return algorithm;
  }

  @Override
  public InputStream getInputStream(InputStream in) {
    this.source = in;
    return new CipherInputStream(in, cipher);
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
    return source instanceof InputStreamWithMAC withMac ? withMac.getMAC() : null;
  }
}
