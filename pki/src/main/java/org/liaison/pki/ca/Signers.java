package org.liaison.pki.ca;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.util.Optional;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.PkiException;
import org.liaison.pki.keys.PrivateKeyHandle;

/**
 * Makes the Bouncy Castle content signer for a key, with the signature algorithm of its key type
 * and the provider that holds it (the HSM's for a token key, Bouncy Castle's otherwise).
 */
public final class Signers {

  private Signers() {}

  /** A signer for the key of {@code handle}. */
  public static ContentSigner forHandle(PrivateKeyHandle handle) {
    return forKey(
        handle.privateKey(), handle.certificate().getPublicKey(), handle.requiredProvider());
  }

  /** A signer for {@code key}, whose public half {@code publicKey} fixes the algorithm. */
  public static ContentSigner forKey(
      PrivateKey key, PublicKey publicKey, Optional<Provider> provider) {
    KeyAlgorithm algorithm =
        KeyAlgorithm.of(publicKey)
            .orElseThrow(
                () ->
                    new PkiException(
                        PkiException.Code.CSR_KEY_NOT_ALLOWED,
                        "the signing key is of a type the federation does not accept"));
    Provider chosen = provider.orElse(CryptoProviders.bouncyCastle());
    try {
      return new JcaContentSignerBuilder(algorithm.signatureAlgorithm())
          .setProvider(chosen)
          .build(key);
    } catch (OperatorCreationException e) {
      throw new PkiException(
          PkiException.Code.CRYPTO_FAILURE,
          "cannot sign with " + algorithm + " through provider " + chosen.getName(),
          e);
    }
  }
}
