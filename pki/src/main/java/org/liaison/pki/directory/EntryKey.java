package org.liaison.pki.directory;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.liaison.schemas.avro.EntryKind;

/**
 * What a directory entry is about, and its Kafka record key: {@code unit:NL.NCB}, {@code
 * crl:CN=Liaison Issuing CA,O=Liaison}, {@code policy:federation}. The topic is compacted on this
 * key, so that it keeps the newest entry of each.
 */
public record EntryKey(EntryKind kind, String subject) {

  /** The subject of the one federation policy entry. */
  public static final String FEDERATION = "federation";

  public EntryKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
  }

  public static EntryKey unit(String unitId) {
    return new EntryKey(EntryKind.UNIT, unitId);
  }

  public static EntryKey crl(String issuer) {
    return new EntryKey(EntryKind.CRL, issuer);
  }

  public static EntryKey policy() {
    return new EntryKey(EntryKind.POLICY, FEDERATION);
  }

  /** The record key; {@link #parse} reads it back. */
  public String recordKey() {
    return kind.name().toLowerCase(Locale.ROOT) + ":" + subject;
  }

  /** The key written as {@code <kind>:<subject>}, or empty when it is not one. */
  public static Optional<EntryKey> parse(String recordKey) {
    if (recordKey == null) {
      return Optional.empty();
    }
    int colon = recordKey.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    String kind = recordKey.substring(0, colon);
    for (EntryKind k : EntryKind.values()) {
      if (k.name().toLowerCase(Locale.ROOT).equals(kind)) {
        return Optional.of(new EntryKey(k, recordKey.substring(colon + 1)));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return recordKey();
  }
}
