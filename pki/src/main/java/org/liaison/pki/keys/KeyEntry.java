package org.liaison.pki.keys;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link PrivateKeyHandle} as a value: a software key (no required provider) or a token key (with
 * the token's provider).
 */
public record KeyEntry(
    String alias,
    PrivateKey privateKey,
    Optional<Provider> requiredProvider,
    List<X509Certificate> chain)
    implements PrivateKeyHandle {

  public KeyEntry {
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(requiredProvider, "requiredProvider");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a key entry needs its certificate");
    }
  }

  /** A software key that any provider may use. */
  public static KeyEntry software(String alias, PrivateKey key, List<X509Certificate> chain) {
    return new KeyEntry(alias, key, Optional.empty(), chain);
  }

  @Override
  public X509Certificate certificate() {
    return chain.get(0);
  }

  @Override
  public String toString() {
    // Never print the key itself.
    return "KeyEntry[" + alias + ", " + certificate().getSubjectX500Principal() + "]";
  }
}
