package org.liaison.gateway.ops;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.gateway.units.HostedUnits;
import org.liaison.schemas.UnitId;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Days until each hosted unit's signing and encryption certificates expire, and its Kafka TLS
 * certificate when the gateway connects over TLS. DOWN when any is expired or not yet valid (the
 * unit can no longer sign, be sealed for, or reach the brokers); still UP but listed under {@code
 * expiringSoon} when one has less than the warning period left, so that the renewal is done before
 * it breaks anything without failing readiness probes in the meantime.
 */
public final class CertificateHealthIndicator implements HealthIndicator {

  private final HostedUnits hosted;
  private final Duration warning;
  private final Clock clock;
  private final Map<UnitId, X509Certificate> kafkaTls;

  public CertificateHealthIndicator(HostedUnits hosted, Duration warning, Clock clock) {
    this(hosted, warning, clock, Map.of());
  }

  /**
   * @param kafkaTls each unit's Kafka TLS certificate ({@code KafkaClients.tlsCertificates()};
   *     empty in plaintext)
   */
  public CertificateHealthIndicator(
      HostedUnits hosted, Duration warning, Clock clock, Map<UnitId, X509Certificate> kafkaTls) {
    this.hosted = hosted;
    this.warning = warning;
    this.clock = clock;
    this.kafkaTls = Map.copyOf(kafkaTls);
  }

  @Override
  public Health health() {
    Instant now = clock.instant();
    boolean unusable = false;
    List<String> expiringSoon = new ArrayList<>();
    Map<String, Object> units = new LinkedHashMap<>();
    for (HostedUnit unit : hosted.all()) {
      Map<String, Object> certificates = new LinkedHashMap<>();
      Map<String, X509Certificate> byUse = new LinkedHashMap<>();
      byUse.put("signing", unit.signing().certificate());
      byUse.put("encryption", unit.encryption().certificate());
      if (kafkaTls.containsKey(unit.id())) {
        byUse.put("kafka-tls", kafkaTls.get(unit.id()));
      }
      for (var entry : byUse.entrySet()) {
        X509Certificate cert = entry.getValue();
        Instant notBefore = cert.getNotBefore().toInstant();
        Instant notAfter = cert.getNotAfter().toInstant();
        long daysLeft = Duration.between(now, notAfter).toDays();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("notAfter", notAfter.toString());
        detail.put("daysLeft", daysLeft);
        String name = unit.id().value() + " " + entry.getKey();
        if (now.isBefore(notBefore) || !now.isBefore(notAfter)) {
          unusable = true;
          detail.put("state", now.isBefore(notBefore) ? "NOT_YET_VALID" : "EXPIRED");
        } else if (Duration.between(now, notAfter).compareTo(warning) < 0) {
          expiringSoon.add(name);
          detail.put("state", "EXPIRING_SOON");
        } else {
          detail.put("state", "VALID");
        }
        certificates.put(entry.getKey(), detail);
      }
      units.put(unit.id().value(), certificates);
    }
    Health.Builder health = unusable ? Health.down() : Health.up();
    return health
        .withDetail("warningDays", warning.toDays())
        .withDetail("expiringSoon", expiringSoon)
        .withDetail("units", units)
        .build();
  }
}
