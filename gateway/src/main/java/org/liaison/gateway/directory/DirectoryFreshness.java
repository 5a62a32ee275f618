package org.liaison.gateway.directory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.liaison.pki.directory.EntryKey;
import org.liaison.pki.directory.VerifiedEntry;
import org.liaison.pki.seal.SenderCheck;
import org.liaison.schemas.UnitId;

/**
 * Which units the directory can no longer vouch for: those it lists with an entry issued more than
 * {@code liaison.directory.max-age} ago. The publisher re-publishes every entry well within that
 * age; an entry that old may hide a revocation or a suspension the gateway never saw, so the
 * gateway neither seals to such a unit ({@link DirectoryPeers}) nor accepts its notices (as the
 * opener's {@link SenderCheck}): it fails closed. Hosted units and units the directory does not
 * list are not judged here.
 */
public final class DirectoryFreshness implements SenderCheck {

  /** The code of a refusal to send to a stale unit (API) and of a stale sender (quarantine). */
  public static final String RECIPIENT_STALE = "RECIPIENT_DIRECTORY_STALE";

  private final Set<UnitId> hosted;
  private final FederationDirectory directory;
  private final Duration maxAge;

  public DirectoryFreshness(Set<UnitId> hosted, FederationDirectory directory, Duration maxAge) {
    this.hosted = Set.copyOf(hosted);
    this.directory = directory;
    this.maxAge = maxAge;
  }

  @Override
  public Optional<String> staleness(UnitId unit, Instant now) {
    if (hosted.contains(unit)) {
      return Optional.empty();
    }
    return directory.entry(EntryKey.unit(unit.value())).flatMap(e -> staleness(e, now));
  }

  private Optional<String> staleness(VerifiedEntry entry, Instant now) {
    if (!entry.issuedAt().plus(maxAge).isBefore(now)) {
      return Optional.empty();
    }
    return Optional.of(
        "the directory entry of "
            + entry.key().subject()
            + " was issued "
            + entry.issuedAt()
            + ", more than "
            + maxAge
            + " ago");
  }

  /** The units the directory lists as active whose entries are stale at {@code now}. */
  public List<String> staleUnits(Instant now) {
    return directory.entries().stream()
        .filter(VerifiedEntry::activeUnit)
        .filter(e -> !hosted.contains(UnitId.of(e.key().subject())))
        .filter(e -> staleness(e, now).isPresent())
        .map(e -> e.key().subject())
        .sorted()
        .toList();
  }

  /** How old an entry may be. */
  public Duration maxAge() {
    return maxAge;
  }
}
