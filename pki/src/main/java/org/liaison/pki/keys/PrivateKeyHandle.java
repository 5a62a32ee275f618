package org.liaison.pki.keys;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A private key held by a store. For PKCS#11 the PrivateKey is a token handle: its bytes can't be
 * read.
 */
public interface PrivateKeyHandle {

  /** The name of the key in its store. */
  String alias();

  /** The software key, or the HSM handle to it. */
  PrivateKey privateKey();

  /** The provider that must use the key (SunPKCS11 for HSM keys); empty = any provider. */
  Optional<Provider> requiredProvider();

  /** The key's certificate. */
  X509Certificate certificate();

  /** The certificate first, then its issuers (the root may be left out). */
  List<X509Certificate> chain();
}
