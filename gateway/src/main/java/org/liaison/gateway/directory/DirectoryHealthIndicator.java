package org.liaison.gateway.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The directory's age in health ({@code /actuator/health/directory}): how many entries the gateway
 * holds, how old the newest is, and which units' entries are stale. It is DOWN with the code {@code
 * DIRECTORY_STALE} when the newest entry is older than {@code liaison.directory.max-age} or any
 * active unit's entry is, as the gateway then neither seals to nor accepts notices from those units
 * (see {@link DirectoryFreshness}): it fails closed for them, and an operator must re-publish. It
 * also gives the days left of every certificate the directory lists, hosted units' or not, and
 * names those expiring within the warning period. A gateway with no entry at all runs on its static
 * files and is UP.
 */
public final class DirectoryHealthIndicator implements HealthIndicator {

  /** The code health gives when the directory is older than its maximum age. */
  public static final String STALE = "DIRECTORY_STALE";

  private final FederationDirectory directory;
  private final DirectoryFreshness freshness;
  private final Duration maxAge;
  private final Duration warning;
  private final Clock clock;

  /**
   * @param warning how long before a listed certificate expires it is named under {@code
   *     expiringSoon} ({@code liaison.operations.certificate-warning})
   */
  public DirectoryHealthIndicator(
      FederationDirectory directory,
      DirectoryFreshness freshness,
      Duration maxAge,
      Duration warning,
      Clock clock) {
    this.directory = directory;
    this.freshness = freshness;
    this.maxAge = maxAge;
    this.warning = warning;
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
        .withDetail("expiringSoon", expiringSoon(now))
        .withDetail("certificates", certificates(now))
        .build();
  }

  /**
   * Days left of every certificate the directory lists, by unit: {@code "encryption 1f3a": 41}. An
   * expired one is no failure of this gateway (it seals to another, or refuses): it is listed.
   */
  private Map<String, Map<String, Long>> certificates(Instant now) {
    Map<String, Map<String, Long>> byUnit = new TreeMap<>();
    for (SeenCertificate cert : directory.certificates()) {
      byUnit
          .computeIfAbsent(cert.unit(), u -> new LinkedHashMap<>())
          .put(cert.use() + " " + cert.serial(), cert.daysLeft(now));
    }
    return byUnit;
  }

  private List<String> expiringSoon(Instant now) {
    return directory.certificates().stream()
        .filter(c -> c.notAfter().isBefore(now.plus(warning)))
        .map(
            c ->
                c.unit()
                    + " "
                    + c.use()
                    + " "
                    + c.serial()
                    + (c.notAfter().isAfter(now)
                        ? " (" + c.daysLeft(now) + " days left)"
                        : " (expired)"))
        .toList();
  }
}
