package org.liaison.gateway.directory;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.liaison.gateway.units.PeerDirectory;
import org.liaison.pki.directory.EntryKey;
import org.liaison.pki.directory.VerifiedEntry;
import org.liaison.pki.validation.Purpose;
import org.liaison.pki.validation.ValidationResult;
import org.liaison.schemas.UnitId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encryption certificate to seal to: a hosted unit's own; else, when the directory holds an
 * entry for the unit, the newest of its certificates that validates now (a key rotation takes
 * effect as soon as the entry with the new certificate arrives), and none at all when the unit is
 * suspended or withdrawn or its entry is older than the maximum age (the directory is then the
 * authority, whatever a static file says: it fails closed); else the static peers files, which
 * remain a bootstrap for small setups.
 */
public final class DirectoryPeers implements PeerDirectory {

  private static final Logger log = LoggerFactory.getLogger(DirectoryPeers.class);

  private final Set<UnitId> hosted;
  private final PeerDirectory fromFiles;
  private final FederationDirectory directory;
  private final DirectoryFreshness freshness;

  public DirectoryPeers(
      Set<UnitId> hosted, PeerDirectory fromFiles, FederationDirectory directory) {
    this(hosted, fromFiles, directory, Duration.ofHours(24));
  }

  /**
   * @param maxAge how old a unit's entry may be: older, the unit is sealed to no more (fail closed:
   *     the publisher is expected to publish every entry again well within it)
   */
  public DirectoryPeers(
      Set<UnitId> hosted, PeerDirectory fromFiles, FederationDirectory directory, Duration maxAge) {
    this.hosted = Set.copyOf(hosted);
    this.fromFiles = fromFiles;
    this.directory = directory;
    this.freshness = new DirectoryFreshness(hosted, directory, maxAge);
  }

  @Override
  public Optional<String> refusal(UnitId unit) {
    return freshness
        .staleness(unit, Instant.now())
        .map(stale -> DirectoryFreshness.RECIPIENT_STALE);
  }

  @Override
  public Optional<X509Certificate> encryptionCertificate(UnitId unit) {
    if (hosted.contains(unit)) {
      return fromFiles.encryptionCertificate(unit);
    }
    Optional<VerifiedEntry> entry = directory.entry(EntryKey.unit(unit.value()));
    if (entry.isEmpty()) {
      return fromFiles.encryptionCertificate(unit);
    }
    if (!entry.get().activeUnit()) {
      log.warn(
          "Not sealing to {}: the directory lists it as {}",
          unit,
          entry.get().unit().orElseThrow().getStatus());
      return Optional.empty();
    }
    Instant now = Instant.now();
    Optional<String> stale = freshness.staleness(unit, now);
    if (stale.isPresent()) {
      log.warn("Not sealing to {} [{}]: {}", unit, DirectoryFreshness.RECIPIENT_STALE, stale.get());
      return Optional.empty();
    }
    for (X509Certificate cert : newestFirst(entry.get().encryptionCertificates())) {
      ValidationResult result =
          directory.validator().validate(cert, entry.get().chain(), Purpose.ENCRYPTION, now);
      if (result.valid()) {
        return Optional.of(cert);
      }
      log.warn(
          "Directory encryption certificate {} of {} not usable: {}",
          cert.getSerialNumber().toString(16),
          unit,
          result.reason());
    }
    return Optional.empty();
  }

  /**
   * A unit that rotated its encryption key lists the new certificate beside the old one until the
   * old expires: senders switch to the newest as soon as it validates, whatever order the entry
   * gives them in.
   */
  private static List<X509Certificate> newestFirst(List<X509Certificate> certificates) {
    return certificates.stream()
        .sorted(Comparator.comparing(X509Certificate::getNotBefore).reversed())
        .toList();
  }

  /** The hosted units, those of the peer files and every active unit the directory lists. */
  @Override
  public Set<UnitId> known() {
    Set<UnitId> units = new java.util.TreeSet<>(Comparator.comparing(UnitId::value));
    units.addAll(hosted);
    units.addAll(fromFiles.known());
    for (VerifiedEntry entry : directory.entries()) {
      if (entry.activeUnit() && UnitId.isValid(entry.key().subject())) {
        units.add(UnitId.of(entry.key().subject()));
      }
    }
    return units;
  }
}
