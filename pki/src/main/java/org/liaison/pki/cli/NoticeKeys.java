package org.liaison.pki.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.liaison.pki.PkiException;
import org.liaison.pki.keys.KeyEntry;
import org.liaison.pki.keys.Pkcs12Store;

/**
 * Finds a unit's signing and encryption keys in its PKCS#12 store: by alias when given, else by the
 * certificate's key usage (digitalSignature for signing; keyAgreement or keyEncipherment for
 * encryption).
 */
final class NoticeKeys {

  private static final int DIGITAL_SIGNATURE = 0;
  private static final int NON_REPUDIATION = 1;
  private static final int KEY_ENCIPHERMENT = 2;
  private static final int KEY_AGREEMENT = 4;

  private final List<KeyEntry> entries;
  private final Path store;

  private NoticeKeys(Path store, List<KeyEntry> entries) {
    this.store = store;
    this.entries = entries;
  }

  static NoticeKeys load(Path store, char[] password) {
    return new NoticeKeys(store, Pkcs12Store.read(store, password));
  }

  /** The signing key: digitalSignature with nonRepudiation (a TLS key has only the first). */
  KeyEntry signing(Optional<String> alias) {
    return pick(alias, "signing", c -> has(c, DIGITAL_SIGNATURE) && has(c, NON_REPUDIATION));
  }

  /** The encryption key: keyAgreement or keyEncipherment, and no digitalSignature. */
  KeyEntry encryption(Optional<String> alias) {
    return pick(
        alias,
        "encryption",
        c -> (has(c, KEY_AGREEMENT) || has(c, KEY_ENCIPHERMENT)) && !has(c, DIGITAL_SIGNATURE));
  }

  private KeyEntry pick(Optional<String> alias, String what, Predicate<X509Certificate> fits) {
    for (KeyEntry entry : entries) {
      if (alias.isPresent() ? entry.alias().equals(alias.get()) : fits.test(entry.certificate())) {
        return entry;
      }
    }
    throw new PkiException(
        PkiException.Code.KEY_NOT_FOUND,
        store
            + " has no "
            + what
            + " key"
            + alias.map(a -> " named '" + a + "'").orElse("")
            + "; it has "
            + entries.stream().map(KeyEntry::alias).toList());
  }

  private static boolean has(X509Certificate certificate, int bit) {
    boolean[] usage = certificate.getKeyUsage();
    return usage != null && usage.length > bit && usage[bit];
  }
}
