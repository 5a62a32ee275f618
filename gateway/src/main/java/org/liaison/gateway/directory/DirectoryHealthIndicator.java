package org.liaison.gateway.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The directory's age in health ({@code /actuator/health/directory}): how many entries the gateway
 * holds and how old the newest is. Past {@code liaison.directory.max-age} it is DOWN with the code
 * {@code DIRECTORY_STALE}, as the gateway then seals to no unit whose entry is that old (see {@link
 * DirectoryPeers}). A gateway with no entry at all runs on its static files and is UP.
 */
public final class DirectoryHealthIndicator implements HealthIndicator {

  /** The code health gives when the directory is older than its maximum age. */
  public static final String STALE = "DIRECTORY_STALE";

  private final FederationDirectory directory;
  private final Duration maxAge;
  private final Clock clock;

  public DirectoryHealthIndicator(FederationDirectory directory, Duration maxAge, Clock clock) {
    this.directory = directory;
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
    Duration age = Duration.between(newest.get(), clock.instant());
    Health.Builder health = age.compareTo(maxAge) > 0 ? Health.down() : Health.up();
    if (age.compareTo(maxAge) > 0) {
      health.withDetail("code", STALE);
    }
    return health
        .withDetail("entries", directory.entries().size())
        .withDetail("newestIssuedAt", newest.get().toString())
        .withDetail("ageSeconds", age.toSeconds())
        .withDetail("maxAgeSeconds", maxAge.toSeconds())
        .build();
  }
}
