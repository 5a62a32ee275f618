package org.liaison.gateway.directory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One gauge {@code liaison.directory.certificate.days.left{unit,use,serial}} per certificate the
 * directory lists for any unit, hosted or not, so that an operator's alert sees a peer's
 * certificate run out as well as the gateway's own. Gauges of certificates an entry no longer lists
 * are removed.
 */
final class CertificateExpiryGauges {

  static final String DAYS_LEFT = "liaison.directory.certificate.days.left";

  private final MeterRegistry registry;
  private final Clock clock;
  private final Set<Meter.Id> registered = new HashSet<>();

  CertificateExpiryGauges(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  /** Makes the gauges those of {@code seen}. */
  synchronized void update(List<SeenCertificate> seen) {
    Set<Meter.Id> now = new HashSet<>();
    for (SeenCertificate cert : seen) {
      Gauge gauge =
          Gauge.builder(DAYS_LEFT, cert, c -> c.exactDaysLeft(clock.instant()))
              .description("Days until a certificate the federation directory lists expires")
              .baseUnit("days")
              .tags("unit", cert.unit(), "use", cert.use(), "serial", cert.serial())
              .strongReference(true)
              .register(registry);
      now.add(gauge.getId());
    }
    for (Meter.Id gone : registered) {
      if (!now.contains(gone)) {
        registry.remove(gone);
      }
    }
    registered.clear();
    registered.addAll(now);
  }
}
