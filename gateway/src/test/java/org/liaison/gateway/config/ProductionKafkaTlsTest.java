package org.liaison.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.FederationKit;
import org.liaison.pki.keys.Pem;
import org.liaison.pki.keys.Pkcs12Store;
import org.liaison.schemas.UnitId;

/** A production gateway's {@code liaison.kafka.tls}: explicit, complete, or no start. */
class ProductionKafkaTlsTest {

  private static final UnitId NCB = UnitId.of("NL.NCB");

  @TempDir Path dir;

  @Test
  void aGatewayThatSaysNothingAboutKafkaTlsDoesNotStart() {
    assertThatThrownBy(
            () -> ProductionConfiguration.kafkaTls(props(null, List.of(), null), clock()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("liaison.kafka.tls.enabled is not set");
  }

  @Test
  void plaintextMustBeAskedFor() {
    assertThat(ProductionConfiguration.kafkaTls(props(false, List.of(), null), clock())).isNull();
  }

  @Test
  void eachUnitConnectsWithTheTlsKeyOfItsKeyStore() throws Exception {
    FederationKit kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NCB));
    Path anchor = dir.resolve("root.pem");
    Pem.write(anchor, Pem.encode(kit.trustAnchor()));
    Path store = dir.resolve("ncb.p12");
    Pkcs12Store.write(
        store, "secret".toCharArray(), List.of(kit.unit(NCB).signing(), kit.unit(NCB).tls()));

    var tls =
        ProductionConfiguration.kafkaTls(
            props(true, List.of(anchor), unit(store, kit.unit(NCB).tls().alias())), clock());
    assertThat(tls.units()).containsExactly(NCB);

    assertThatThrownBy(
            () ->
                ProductionConfiguration.kafkaTls(
                    props(true, List.of(anchor), unit(store, "tls")), clock()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the Kafka TLS key of NL.NCB (alias 'tls' in " + store)
        .hasMessageContaining("has no key 'tls'");
    assertThatThrownBy(
            () ->
                ProductionConfiguration.kafkaTls(
                    props(true, List.of(), unit(store, kit.unit(NCB).tls().alias())), clock()))
        .hasMessageContaining("trust-anchors names no certificate");
  }

  private LiaisonProperties.Unit unit(Path store, String tlsAlias) {
    try {
      Path password = Files.writeString(dir.resolve("password"), "secret");
      return new LiaisonProperties.Unit(NCB.value(), store, password, null, null, null, tlsAlias);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static LiaisonProperties props(
      Boolean enabled, List<Path> anchors, LiaisonProperties.Unit unit) {
    var kafka =
        new LiaisonProperties.Kafka(
            "127.0.0.1:9093",
            0,
            (short) 0,
            null,
            null,
            0,
            new LiaisonProperties.Kafka.Tls(enabled, anchors),
            null);
    return new LiaisonProperties(
        null,
        null,
        kafka,
        null,
        unit == null ? List.of() : List.of(unit),
        null,
        null,
        null,
        null,
        null);
  }

  private static Clock clock() {
    return Clock.systemUTC();
  }
}
