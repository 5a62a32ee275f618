package org.liaison.pki.seal.cms;

import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.RuntimeOperatorException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Verifies ECDSA signatures once.
 *
 * <p>Why: for ECDSA, Bouncy Castle's {@code JcaContentVerifierProviderBuilder} hands out a verifier
 * that also holds a raw ({@code NONEwithECDSA}) signature and, after the real check, verifies the
 * signature a second time with it and ignores the answer (so that some PKCS#11 libraries free a
 * session). A public key in software needs no such thing, and the second verification doubled the
 * cost of the most expensive step of opening a notice. The answer is the same: Bouncy Castle
 * returns the first verification's result. Other algorithms (RSASSA-PSS with its parameters) go to
 * Bouncy Castle's builder as before.
 */
public final class EcdsaVerifierProvider implements ContentVerifierProvider {

  private static final Map<ASN1ObjectIdentifier, String> ECDSA =
      Map.of(
          X9ObjectIdentifiers.ecdsa_with_SHA256, "SHA256withECDSA",
          X9ObjectIdentifiers.ecdsa_with_SHA384, "SHA384withECDSA",
          X9ObjectIdentifiers.ecdsa_with_SHA512, "SHA512withECDSA");

  private final PublicKey key;
  private final Provider provider;

  /** Bouncy Castle's verifiers, built only when an algorithm needs them (it is not cheap). */
  private ContentVerifierProvider others;

  public EcdsaVerifierProvider(PublicKey key, Provider provider) {
    this.key = key;
    this.provider = provider;
  }

  private ContentVerifierProvider others() throws OperatorCreationException {
    if (others == null) {
      others = new JcaContentVerifierProviderBuilder().setProvider(provider).build(key);
    }
    return others;
  }

  @Override
  public boolean hasAssociatedCertificate() {
    return false;
  }

  @Override
  public X509CertificateHolder getAssociatedCertificate() {
    return null;
  }

  @Override
  public ContentVerifier get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
    String name = ECDSA.get(algorithm.getAlgorithm());
    if (name == null || algorithm.getParameters() != null) {
      return others().get(algorithm);
    }
    try {
      Signature signature = Signature.getInstance(name, provider);
      signature.initVerify(key);
      return new Verifier(algorithm, signature);
    } catch (GeneralSecurityException e) {
      throw new OperatorCreationException("cannot verify " + name + ": " + e.getMessage(), e);
    }
  }

  private static final class Verifier implements ContentVerifier {

    private final AlgorithmIdentifier algorithm;
    private final Signature signature;

    Verifier(AlgorithmIdentifier algorithm, Signature signature) {
      this.algorithm = algorithm;
      this.signature = signature;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
      return algorithm;
    }

    @Override
    public OutputStream getOutputStream() {
      return new OutputStream() {
        @Override
        public void write(int b) {
          update(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          update(b, off, len);
        }
      };
    }

    private void update(byte[] b, int off, int len) {
      try {
        signature.update(b, off, len);
      } catch (SignatureException e) {
        throw new RuntimeOperatorException("signature update failed: " + e.getMessage(), e);
      }
    }

    @Override
    public boolean verify(byte[] expected) {
      try {
        return signature.verify(expected);
      } catch (SignatureException e) {
        throw new RuntimeOperatorException("signature does not verify: " + e.getMessage(), e);
      }
    }
  }
}
