package org.liaison.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.gateway.units.HostedUnits;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.FederationKit;
import org.liaison.schemas.UnitId;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The certificate indicator judged at chosen moments of the certificates' lives, rather than with
 * certificates made to expire.
 */
class CertificateHealthIndicatorTest {

  private static final UnitId NCB = UnitId.of("NL.NCB");
  private static final UnitId CIB = UnitId.of("TH.CIB");

  private static HostedUnits hosted;
  private static Instant firstExpiry;

  @BeforeAll
  static void federation() {
    FederationKit kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NCB, CIB));
    hosted =
        new HostedUnits(
            List.of(NCB, CIB).stream()
                .map(u -> new HostedUnit(u, kit.unit(u).signing(), kit.unit(u).encryption()))
                .toList());
    firstExpiry =
        hosted.all().stream()
            .flatMap(u -> java.util.stream.Stream.of(u.signing(), u.encryption()))
            .map(k -> k.certificate().getNotAfter().toInstant())
            .min(Instant::compareTo)
            .orElseThrow();
  }

  @Test
  void upWithDaysLeftForEveryCertificateWhenFarFromExpiry() {
    Health health = at(firstExpiry.minus(Duration.ofDays(90)));

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails().get("expiringSoon")).isEqualTo(List.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> ncb = (Map<String, Object>) units(health).get("NL.NCB");
    assertThat(ncb.keySet()).containsExactly("signing", "encryption");
    Map<?, ?> signing = (Map<?, ?>) ncb.get("signing");
    assertThat(signing.get("state")).isEqualTo("VALID");
    assertThat((Long) signing.get("daysLeft")).isGreaterThanOrEqualTo(90L);
  }

  @Test
  void listsCertificatesUnderTheWarningPeriodButStaysUp() {
    Health health = at(firstExpiry.minus(Duration.ofDays(10)));

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat((List<?>) health.getDetails().get("expiringSoon")).isNotEmpty();
    assertThat(units(health).toString()).contains("EXPIRING_SOON");
  }

  @Test
  void downWhenACertificateHasExpired() {
    Health health = at(firstExpiry.plus(Duration.ofDays(1)));

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(units(health).toString()).contains("state=EXPIRED");
  }

  @Test
  void downWhenACertificateIsNotYetValid() {
    Instant before =
        hosted.all().get(0).signing().certificate().getNotBefore().toInstant().minusSeconds(60);

    Health health = at(before);

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(units(health).toString()).contains("state=NOT_YET_VALID");
  }

  @Test
  void aUnitsKafkaTlsCertificateCountsWhenTheGatewayUsesOne() {
    FederationKit other = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NCB));
    var tls = other.unit(NCB).tls().certificate();
    Instant tlsExpiry = tls.getNotAfter().toInstant();

    Health health =
        new CertificateHealthIndicator(
                hosted,
                Duration.ofDays(30),
                Clock.fixed(tlsExpiry.plusSeconds(60), ZoneOffset.UTC),
                Map.of(NCB, tls))
            .health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    @SuppressWarnings("unchecked")
    Map<String, Object> ncb = (Map<String, Object>) units(health).get("NL.NCB");
    assertThat(ncb.keySet()).containsExactly("signing", "encryption", "kafka-tls");
    assertThat(ncb.get("kafka-tls").toString()).contains("state=EXPIRED");
    @SuppressWarnings("unchecked")
    Map<String, Object> cib = (Map<String, Object>) units(health).get("TH.CIB");
    assertThat(cib.keySet()).containsExactly("signing", "encryption");
  }

  private static Health at(Instant now) {
    return new CertificateHealthIndicator(
            hosted, Duration.ofDays(30), Clock.fixed(now, ZoneOffset.UTC))
        .health();
  }

  private static Map<?, ?> units(Health health) {
    return (Map<?, ?>) health.getDetails().get("units");
  }
}
