package org.liaison.pki.keys;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.liaison.pki.BoundedRead;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.PkiException;

/**
 * PKCS#12 files of private keys with their certificate chains, read and written with the JDK's
 * PKCS#12 key store (PBES2 with AES-256 and an HMAC-SHA-256 integrity check on Java 17, which
 * OpenSSL 3 reads). One password protects the file and its keys.
 */
public final class Pkcs12Store {

  /** A unit's store holds a few keys and chains; far below this. */
  private static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

  private Pkcs12Store() {}

  /** Writes {@code entries} to {@code file} (replacing it atomically). */
  public static void write(
      Path file, char[] password, Collection<? extends PrivateKeyHandle> entries) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12", CryptoProviders.certificates());
      store.load(null, null);
      for (PrivateKeyHandle entry : entries) {
        store.setKeyEntry(
            entry.alias(), entry.privateKey(), password, entry.chain().toArray(Certificate[]::new));
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      store.store(bytes, password);
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(temp, bytes.toByteArray());
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new PkiException(PkiException.Code.IO_FAILURE, "cannot write " + file + ": " + e, e);
    } catch (GeneralSecurityException e) {
      throw new PkiException(PkiException.Code.CRYPTO_FAILURE, "cannot make " + file, e);
    }
  }

  /** Every key entry in {@code file}. */
  public static List<KeyEntry> read(Path file, char[] password) {
    return entries(load(file, password), password, file.toString());
  }

  /**
   * Every key entry of a PKCS#12 file already read as {@code bytes} (so that a caller who compares
   * a file's digest parses exactly the bytes it digested); {@code source} names it in messages.
   */
  public static List<KeyEntry> read(byte[] bytes, char[] password, String source) {
    if (bytes.length > MAX_FILE_BYTES) {
      throw new PkiException(
          PkiException.Code.OVERSIZE, source + " is larger than " + MAX_FILE_BYTES + " bytes");
    }
    return entries(parse(bytes, password, source), password, source);
  }

  private static List<KeyEntry> entries(KeyStore store, char[] password, String source) {
    try {
      List<KeyEntry> entries = new ArrayList<>();
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          entries.add(entry(store, alias, password));
        }
      }
      return entries;
    } catch (GeneralSecurityException e) {
      throw new PkiException(PkiException.Code.BAD_INPUT, source + ": unreadable key entry", e);
    }
  }

  /** The key entry {@code alias} in {@code file}; KEY_NOT_FOUND when absent. */
  public static KeyEntry read(Path file, char[] password, String alias) {
    KeyStore store = load(file, password);
    try {
      if (!store.isKeyEntry(alias)) {
        throw new PkiException(
            PkiException.Code.KEY_NOT_FOUND,
            file + " has no key '" + alias + "'; it has " + Collections.list(store.aliases()));
      }
      return entry(store, alias, password);
    } catch (GeneralSecurityException e) {
      throw new PkiException(PkiException.Code.BAD_INPUT, file + ": unreadable key entry", e);
    }
  }

  private static KeyEntry entry(KeyStore store, String alias, char[] password)
      throws GeneralSecurityException {
    Key key = store.getKey(alias, password);
    if (!(key instanceof PrivateKey privateKey)) {
      throw new PkiException(
          PkiException.Code.BAD_INPUT, "entry " + alias + " is not a private key");
    }
    List<X509Certificate> chain =
        Arrays.stream(store.getCertificateChain(alias)).map(X509Certificate.class::cast).toList();
    return KeyEntry.software(alias, privateKey, chain);
  }

  private static KeyStore load(Path file, char[] password) {
    return parse(
        BoundedRead.file(file, MAX_FILE_BYTES, "the key store"), password, file.toString());
  }

  private static KeyStore parse(byte[] bytes, char[] password, String file) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12", CryptoProviders.certificates());
      store.load(new ByteArrayInputStream(bytes), password);
      return store;
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException
          || String.valueOf(e.getMessage()).contains("password")) {
        throw new PkiException(
            PkiException.Code.WRONG_PASSWORD, "wrong password for the key store " + file, e);
      }
      throw new PkiException(PkiException.Code.BAD_INPUT, file + " is not a PKCS#12 file", e);
    } catch (GeneralSecurityException e) {
      throw new PkiException(PkiException.Code.BAD_INPUT, file + " is not a PKCS#12 file", e);
    }
  }
}
