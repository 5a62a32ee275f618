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

  /**
   * A signature object this thread used before, lent to one verifier at a time and given back when
   * it has verified.
   *
   * <p>Why: a new {@code Signature} per notice (a provider lookup, and for ACCP a native context
   * registered for cleanup) cost more than the Java work of the verification around it. A verifier
   * takes the spare out of the slot, so that two verifiers in use at once never share one; one that
   * is never asked to verify (a refusal before the signature) simply keeps its object. Every use
   * starts with {@code initVerify}, which resets whatever state a previous use left; the object
   * holds nothing but a public key.
   */
  private static final ThreadLocal<Spare> SPARE = new ThreadLocal<>();

  private record Spare(Provider provider, String name, Signature signature) {}

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
      Signature signature = borrow(name);
      signature.initVerify(key);
      return new Verifier(algorithm, new Spare(provider, name, signature));
    } catch (GeneralSecurityException e) {
      throw new OperatorCreationException("cannot verify " + name + ": " + e.getMessage(), e);
    }
  }

  private Signature borrow(String name) throws GeneralSecurityException {
    Spare spare = SPARE.get();
    if (spare != null && spare.provider() == provider && spare.name().equals(name)) {
      SPARE.set(null);
      return spare.signature();
    }
    return Signature.getInstance(name, provider);
  }

  private static final class Verifier implements ContentVerifier {

    private final AlgorithmIdentifier algorithm;
    private final Spare lent;

    /** Null once verified: the object is then given back and may be lent to another verifier. */
    private Signature signature;

    Verifier(AlgorithmIdentifier algorithm, Spare lent) {
      this.algorithm = algorithm;
      this.lent = lent;
      this.signature = lent.signature();
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

    private Signature signature() {
      if (signature == null) {
        throw new IllegalStateException("this verifier has verified already");
      }
      return signature;
    }

    private void update(byte[] b, int off, int len) {
      try {
        signature().update(b, off, len);
      } catch (SignatureException e) {
        throw new RuntimeOperatorException("signature update failed: " + e.getMessage(), e);
      }
    }

    @Override
    public boolean verify(byte[] expected) {
      Signature used = signature();
      signature = null;
      try {
        return used.verify(expected);
      } catch (SignatureException e) {
        throw new RuntimeOperatorException("signature does not verify: " + e.getMessage(), e);
      } finally {
        SPARE.set(lent);
      }
    }
  }
}
