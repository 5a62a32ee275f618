package org.liaison.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.CertificateProfile;
import org.liaison.pki.ca.FederationKit;
import org.liaison.pki.ca.Validity;
import org.liaison.schemas.UnitId;

/**
 * The gateway's Kafka TLS settings: what a unit's clients are given, and the mistakes that stop a
 * gateway at start rather than at its first connection.
 */
class KafkaTlsTest {

  private static final UnitId NCB = UnitId.of("NL.NCB");
  private static final UnitId CIB = UnitId.of("TH.CIB");
  private static final FederationKit KIT =
      FederationKit.create(KeyAlgorithm.EC_P256, List.of(NCB, CIB));

  private final Clock clock = Clock.systemUTC();

  @Test
  void aUnitsClientsGetItsCertificateVerifyTheBrokersHostAndHideTheKey() {
    var tls = new KafkaTls(List.of(KIT.trustAnchor()), Map.of(NCB, KIT.unit(NCB).tls()), clock);

    Map<String, Object> config = tls.clientConfig(NCB);

    assertThat(config)
        .containsEntry("security.protocol", "SSL")
        .containsEntry("ssl.enabled.protocols", "TLSv1.3,TLSv1.2")
        .containsEntry("ssl.endpoint.identification.algorithm", "https")
        .containsEntry("ssl.keystore.type", "PEM")
        .containsEntry("ssl.truststore.type", "PEM");
    assertThat((String) config.get("ssl.keystore.certificate.chain"))
        .contains("BEGIN CERTIFICATE")
        .doesNotContain("PRIVATE KEY");
    assertThat(config.get("ssl.keystore.key")).isInstanceOf(Password.class);
    assertThat(((Password) config.get("ssl.keystore.key")).value())
        .startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(String.valueOf(config)).doesNotContain("PRIVATE KEY");
    assertThatThrownBy(() -> tls.clientConfig(CIB)).hasMessageContaining("no Kafka TLS key");
  }

  @Test
  void overTlsEveryClientActsForAUnit() {
    var clients =
        new KafkaClients(
            "127.0.0.1:9",
            1024,
            10_000,
            new KafkaTls(List.of(KIT.trustAnchor()), Map.of(NCB, KIT.unit(NCB).tls()), clock));

    assertThat(clients.secured()).isTrue();
    assertThatThrownBy(() -> clients.producer("anonymous"))
        .hasMessageContaining("every Kafka client acts for a unit");
  }

  @Test
  void refusesAtStartWhatTheBrokersWouldRefuseLater() {
    var anchors = List.of(KIT.trustAnchor());
    assertThatThrownBy(() -> new KafkaTls(List.of(), Map.of(NCB, KIT.unit(NCB).tls()), clock))
        .hasMessageContaining("liaison.kafka.tls.trust-anchors names no certificate");

    assertThatThrownBy(() -> new KafkaTls(anchors, Map.of(CIB, KIT.unit(NCB).tls()), clock))
        .hasMessageContaining("Kafka TLS certificate of TH.CIB names CN=NL.NCB")
        .hasMessageContaining("another principal");

    Instant now = clock.instant();
    var expired =
        KIT.issueExtra(
            NCB,
            CertificateProfile.TLS,
            new Validity(now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1))));
    assertThatThrownBy(() -> new KafkaTls(anchors, Map.of(NCB, expired), clock))
        .hasMessageContaining("the Kafka TLS certificate of NL.NCB is not valid now");

    assertThatThrownBy(() -> new KafkaTls(anchors, Map.of(NCB, KIT.unit(NCB).signing()), clock))
        .hasMessageContaining("is not for TLS clients");
  }
}
