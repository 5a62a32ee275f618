package org.liaison.pki.keys;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.PkiException;

/**
 * Proves that a store's private key is the one its certificate certifies: the key signs a fresh
 * random challenge and the certificate's public key verifies it. It works the same for a software
 * key and a token handle whose bytes cannot be read (the token signs), and for encryption keys too
 * (an EC or RSA key signs whatever its certificate's key usage says).
 */
public final class KeyPossession {

  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyPossession() {}

  /**
   * Returns normally when {@code handle}'s private key matches its certificate; else
   * KEY_CERTIFICATE_MISMATCH (or CSR_KEY_NOT_ALLOWED for a key type the federation does not take).
   */
  public static void check(PrivateKeyHandle handle) {
    KeyAlgorithm algorithm =
        KeyAlgorithm.of(handle.certificate().getPublicKey())
            .orElseThrow(
                () ->
                    new PkiException(
                        PkiException.Code.CSR_KEY_NOT_ALLOWED,
                        "key '"
                            + handle.alias()
                            + "' is of a type the federation does not accept"));
    Provider provider = handle.requiredProvider().orElse(CryptoProviders.bouncyCastle());
    byte[] challenge = new byte[32];
    RANDOM.nextBytes(challenge);
    boolean matches;
    try {
      Signature signer = Signature.getInstance(algorithm.signatureAlgorithm(), provider);
      signer.initSign(handle.privateKey());
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier =
          Signature.getInstance(algorithm.signatureAlgorithm(), CryptoProviders.bouncyCastle());
      verifier.initVerify(handle.certificate().getPublicKey());
      verifier.update(challenge);
      matches = verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // A key of another type than its certificate's, or one on another curve, fails here.
      matches = false;
    }
    if (!matches) {
      throw new PkiException(
          PkiException.Code.KEY_CERTIFICATE_MISMATCH,
          "key '"
              + handle.alias()
              + "' is not the key of its certificate (serial "
              + handle.certificate().getSerialNumber().toString(16)
              + ")");
    }
  }
}
