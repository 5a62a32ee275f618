package org.liaison.gateway.twogateways;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liaison.gateway.dev.EmbeddedKafkaBroker;
import org.springframework.util.FileSystemUtils;

/**
 * With Kafka gone, a publish answers 503 {@code KAFKA_UNAVAILABLE} within the acknowledgement
 * timeout and names the copies that were not sent. Its own broker, since the test stops it.
 */
class KafkaUnavailableIT {

  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(3);

  private Path folder;
  private EmbeddedKafkaBroker broker;
  private GatewayNode gateway;

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (broker != null) {
      broker.close();
    }
    if (folder != null) {
      FileSystemUtils.deleteRecursively(folder.toFile());
    }
  }

  @Test
  void aPublishWithKafkaDownAnswers503NamingTheCopiesNotSent() throws Exception {
    folder = Files.createTempDirectory("liaison-kafka-down-");
    broker = EmbeddedKafkaBroker.start(folder.resolve("kafka"), 0);
    var federation =
        FederationFiles.create(
            folder.resolve("federation"),
            List.of(TwoGatewaysSuite.NCB, TwoGatewaysSuite.BKK, TwoGatewaysSuite.CIB));
    Path data = folder.resolve("a");
    gateway =
        GatewayNode.configure(
                federation,
                List.of(TwoGatewaysSuite.NCB, TwoGatewaysSuite.BKK),
                List.of(TwoGatewaysSuite.CIB),
                broker.bootstrapServers(),
                GatewayDatabase.of(GatewayDatabase.Kind.H2, data),
                data,
                ACK_TIMEOUT)
            .start();
    String body = TwoGatewaysSuite.body(TwoGatewaysSuite.BKK, TwoGatewaysSuite.CIB);
    assertThat(gateway.post(TwoGatewaysSuite.NCB, "/api/v1/notices", body).status()).isEqualTo(202);

    broker.close();
    broker = null;
    long started = System.nanoTime();
    var refused = gateway.post(TwoGatewaysSuite.NCB, "/api/v1/notices", body);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(refused.status()).as("%s", refused).isEqualTo(503);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("code").stringValue()).isEqualTo("KAFKA_UNAVAILABLE");
    List<String> notSent = new ArrayList<>();
    refused.json().get("notSentTo").forEach(unit -> notSent.add(unit.stringValue()));
    assertThat(notSent).containsExactlyInAnyOrder("NL.ATT-BKK", "TH.CIB");
    assertThat(refused.json().get("sentTo")).isEmpty();
    // The acknowledgement timeout, plus room for a loaded machine; not the client's 60 s.
    assertThat(took).isLessThan(ACK_TIMEOUT.multipliedBy(3));
  }
}
