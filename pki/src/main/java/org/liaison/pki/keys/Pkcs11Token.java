package org.liaison.pki.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.PkiException;

/**
 * A PKCS#11 token (an HSM, or SoftHSM2 in tests) through the JDK's SunPKCS11 provider. Keys are
 * generated inside the token as persistent, sensitive, non-extractable objects; the handles it
 * gives out sign through the token, and their key bytes cannot be read.
 */
public final class Pkcs11Token {

  private final Provider provider;
  private final KeyStore store;
  private final char[] pin;

  private Pkcs11Token(Provider provider, KeyStore store, char[] pin) {
    this.provider = provider;
    this.store = store;
    this.pin = pin.clone();
  }

  /**
   * Logs in to the token in {@code slot} (or the first slot) of the PKCS#11 module {@code library}.
   *
   * @throws PkiException HSM_UNAVAILABLE when the module cannot be loaded, WRONG_PASSWORD for a
   *     wrong PIN
   */
  public static Pkcs11Token open(Path library, OptionalLong slot, char[] pin) {
    if (!Files.isReadable(library)) {
      throw new PkiException(
          PkiException.Code.HSM_UNAVAILABLE, "PKCS#11 module not found: " + library);
    }
    Provider provider;
    try {
      provider = Security.getProvider("SunPKCS11").configure(config(library, slot));
    } catch (RuntimeException e) {
      throw new PkiException(
          PkiException.Code.HSM_UNAVAILABLE,
          "cannot load the PKCS#11 module " + library + ": " + e.getMessage(),
          e);
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS11", provider);
      store.load(null, pin);
      return new Pkcs11Token(provider, store, pin);
    } catch (IOException e) {
      if (causedBy(e, FailedLoginException.class) || String.valueOf(e).contains("PIN_INCORRECT")) {
        throw new PkiException(PkiException.Code.WRONG_PASSWORD, "wrong PIN for the token", e);
      }
      throw new PkiException(
          PkiException.Code.HSM_UNAVAILABLE, "cannot open the token: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new PkiException(
          PkiException.Code.HSM_UNAVAILABLE, "cannot open the token: " + e.getMessage(), e);
    }
  }

  /**
   * Logs the process out of the token. PKCS#11 login is per process and token, not per session:
   * until this is called, the token stays open to every handle in the process (and a later {@link
   * #open} does not check its PIN again).
   */
  public void logout() {
    try {
      ((AuthProvider) provider).logout();
    } catch (LoginException e) {
      throw new PkiException(PkiException.Code.HSM_UNAVAILABLE, "cannot log out of the token", e);
    }
  }

  /** The token's provider, which must do every operation with its keys. */
  public Provider provider() {
    return provider;
  }

  /** A new key pair made inside the token; the private key never leaves it. */
  public KeyPair generateKeyPair(KeyAlgorithm algorithm) {
    return algorithm.generate(provider);
  }

  /**
   * Stores {@code chain} beside the token key {@code key} under {@code alias}, so that the key can
   * be found again by name, and returns its handle.
   */
  public PrivateKeyHandle store(String alias, PrivateKey key, List<X509Certificate> chain) {
    try {
      store.setKeyEntry(alias, key, null, chain.toArray(Certificate[]::new));
    } catch (GeneralSecurityException e) {
      throw new PkiException(
          PkiException.Code.HSM_UNAVAILABLE, "cannot store the certificate in the token", e);
    }
    return key(alias);
  }

  /** The key named {@code alias}; KEY_NOT_FOUND when the token has none. */
  public PrivateKeyHandle key(String alias) {
    try {
      Key key = store.getKey(alias, pin);
      if (!(key instanceof PrivateKey privateKey)) {
        throw new PkiException(
            PkiException.Code.KEY_NOT_FOUND,
            "the token has no private key '" + alias + "'; it has " + aliases());
      }
      List<X509Certificate> chain =
          Arrays.stream(store.getCertificateChain(alias)).map(X509Certificate.class::cast).toList();
      return new KeyEntry(alias, privateKey, Optional.of(provider), chain);
    } catch (GeneralSecurityException e) {
      throw new PkiException(
          PkiException.Code.HSM_UNAVAILABLE, "cannot read key " + alias + " from the token", e);
    }
  }

  /** The names of the token's entries. */
  public List<String> aliases() {
    try {
      return Collections.list(store.aliases());
    } catch (GeneralSecurityException e) {
      throw new PkiException(PkiException.Code.HSM_UNAVAILABLE, "cannot list the token", e);
    }
  }

  private static String config(Path library, OptionalLong slot) {
    StringBuilder config =
        new StringBuilder("--name=Liaison\nlibrary=").append(library.toAbsolutePath()).append('\n');
    if (slot.isPresent()) {
      config.append("slot=").append(slot.getAsLong()).append('\n');
    }
    // Generated keys are persistent token objects that never leave the token.
    config.append("attributes(generate, *, *) = {\n  CKA_TOKEN = true\n}\n");
    config.append(
        "attributes(generate, CKO_PRIVATE_KEY, *) = {\n"
            + "  CKA_PRIVATE = true\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n}\n");
    return config.toString();
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
