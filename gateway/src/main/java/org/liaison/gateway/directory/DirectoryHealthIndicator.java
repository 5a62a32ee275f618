package org.liaison.gateway.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The directory's age in health ({@code /actuator/health/directory}): how many entries the gateway
 * holds, how old the newest is, and which units' entries are stale. It is DOWN with the code {@code
 * DIRECTORY_STALE} when the newest entry is older than {@code liaison.directory.max-age} or any
 * active unit's entry is, as the gateway then neither seals to nor accepts notices from those units
 * (see {@link DirectoryFreshness}): it fails closed for them, and an operator must re-publish. A
 * gateway with no entry at all runs on its static files and is UP.
 */
public final class DirectoryHealthIndicator implements HealthIndicator {

  /** The code health gives when the directory is older than its maximum age. */
  public static final String STALE = "DIRECTORY_STALE";

  private final FederationDirectory directory;
  private final DirectoryFreshness freshness;
  private final Duration maxAge;
  private final Clock clock;

  public DirectoryHealthIndicator(
      FederationDirectory directory, DirectoryFreshness freshness, Duration maxAge, Clock clock) {
    this.directory = directory;
    this.freshness = freshness;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  @Override
  public Health health() {
    Optional<Instant> newest = directory.newestIssuedAt();
    if (newest.isEmpty()) {
      return Health.up()
          .withDetail("entries", 0)
          .withDetail("source", "static peers and crls files only")
          .build();
    }
    Instant now = clock.instant();
    Duration age = Duration.between(newest.get(), now);
    List<String> staleUnits = freshness.staleUnits(now);
    boolean stale = age.compareTo(maxAge) > 0 || !staleUnits.isEmpty();
    Health.Builder health = stale ? Health.down() : Health.up();
    if (stale) {
      health
          .withDetail("code", STALE)
          .withDetail(
              "refused",
              "no notice is sealed to or accepted from the stale units until their entries are"
                  + " published again");
    }
    return health
        .withDetail("entries", directory.entries().size())
        .withDetail("newestIssuedAt", newest.get().toString())
        .withDetail("ageSeconds", age.toSeconds())
        .withDetail("maxAgeSeconds", maxAge.toSeconds())
        .withDetail("staleUnits", staleUnits)
        .build();
  }
}
