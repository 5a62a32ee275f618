package org.liaison.gateway.units;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.liaison.pki.PkiException;
import org.liaison.pki.keys.KeyEntry;
import org.liaison.pki.keys.Pkcs12Store;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.schemas.UnitId;

/**
 * Where a hosted unit's keys live: a PKCS#12 file, and the aliases of its signing and encryption
 * keys. Makes the unit's {@link HostedUnit} at start and again at each reload, the same way.
 *
 * <p>The keys a rotation kept ({@code liaison-pki unit rotate}) are every entry whose alias is the
 * encryption alias followed by a hyphen ({@code encryption-2026-12}), newest certificate first.
 */
public record UnitKeyStore(UnitId id, Path file, String signingAlias, String encryptionAlias) {

  /** The unit's keys in {@code bytes}, the content of {@link #file()}. */
  public HostedUnit load(byte[] bytes, char[] password) {
    List<KeyEntry> entries = Pkcs12Store.read(bytes, password, file.toString());
    String prefix = encryptionAlias.toLowerCase(Locale.ROOT) + "-";
    List<PrivateKeyHandle> older =
        entries.stream()
            .filter(e -> e.alias().toLowerCase(Locale.ROOT).startsWith(prefix))
            .sorted(Comparator.comparing((KeyEntry e) -> e.certificate().getNotBefore()).reversed())
            .map(PrivateKeyHandle.class::cast)
            .toList();
    return new HostedUnit(id, entry(entries, signingAlias), entry(entries, encryptionAlias), older);
  }

  private KeyEntry entry(List<KeyEntry> entries, String alias) {
    Optional<KeyEntry> found =
        entries.stream().filter(e -> e.alias().equalsIgnoreCase(alias)).findFirst();
    return found.orElseThrow(
        () ->
            new PkiException(
                PkiException.Code.KEY_NOT_FOUND,
                file
                    + " has no key '"
                    + alias
                    + "'; it has "
                    + entries.stream().map(KeyEntry::alias).toList()));
  }
}
