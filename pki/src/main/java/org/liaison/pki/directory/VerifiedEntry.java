package org.liaison.pki.directory;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.liaison.schemas.avro.DirectoryEntry;
import org.liaison.schemas.avro.UnitEntry;
import org.liaison.schemas.avro.UnitStatus;

/**
 * A directory entry whose signature, signer and content have been checked, with its certificates or
 * CRL already parsed.
 *
 * @param signed the signed entry exactly as received: what a state file keeps and re-verifies
 */
public record VerifiedEntry(
    EntryKey key,
    DirectoryEntry entry,
    byte[] signed,
    X509Certificate signer,
    Instant signingTime,
    List<X509Certificate> encryptionCertificates,
    List<X509Certificate> signingCertificates,
    List<X509Certificate> chain,
    Optional<X509CRL> crl) {

  public VerifiedEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(entry, "entry");
    signed = signed.clone();
    encryptionCertificates = List.copyOf(encryptionCertificates);
    signingCertificates = List.copyOf(signingCertificates);
    chain = List.copyOf(chain);
  }

  @Override
  public byte[] signed() {
    return signed.clone();
  }

  public long sequence() {
    return entry.getSequence();
  }

  public Instant issuedAt() {
    return entry.getIssuedAt();
  }

  /** The unit entry, when this is one. */
  public Optional<UnitEntry> unit() {
    return entry.getBody() instanceof UnitEntry u ? Optional.of(u) : Optional.empty();
  }

  /** Whether this is a unit entry whose status is ACTIVE. */
  public boolean activeUnit() {
    return unit().map(u -> u.getStatus() == UnitStatus.ACTIVE).orElse(false);
  }
}
