package org.liaison.gateway.twogateways;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liaison.gateway.dev.EmbeddedKafkaBroker;
import org.liaison.gateway.transport.TopicProvisioner;
import org.liaison.schemas.UnitId;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * When Kafka cannot take a copy, a publish answers 503 {@code KAFKA_UNAVAILABLE} within the
 * acknowledgement timeout and names the copies sent and not sent: first with one recipient's topic
 * missing (and a retry with the request's Idempotency-Key, once the topic exists, sends only the
 * copy owed), then with the whole broker gone. One gateway (hosting {@code NL.NCB} and {@code
 * NL.ATT-BKK}) with a broker of its own, since the test stops it.
 */
class KafkaUnavailableIT {

  private static final UnitId NCB = TwoGatewaysSuite.NCB;
  private static final UnitId BKK = TwoGatewaysSuite.BKK;
  private static final UnitId CIB = TwoGatewaysSuite.CIB;
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(3);

  /** The acknowledgement timeout plus room for a loaded machine; far below the client's 60 s. */
  private static final Duration ANSWER_WITHIN = ACK_TIMEOUT.multipliedBy(3);

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
  void aPublishKafkaCannotTakeAnswers503NamingTheCopiesNotSent() throws Exception {
    folder = Files.createTempDirectory("liaison-kafka-down-");
    broker = EmbeddedKafkaBroker.start(folder.resolve("kafka"), 0);
    var federation = FederationFiles.create(folder.resolve("federation"), List.of(NCB, BKK, CIB));
    Path data = folder.resolve("a");
    gateway =
        GatewayNode.configure(
                federation,
                List.of(NCB, BKK),
                List.of(CIB),
                broker.bootstrapServers(),
                GatewayDatabase.of(GatewayDatabase.Kind.H2, data),
                data,
                ACK_TIMEOUT)
            .start();
    String body = TwoGatewaysSuite.body(BKK, CIB);

    // Nobody hosts TH.CIB yet, so its topic is missing: the other copy goes, and the answer says
    // so.
    var partial = timed(body, "Idempotency-Key", "partial-1");
    assertThat(partial.status()).as("%s", partial).isEqualTo(503);
    assertThat(partial.json().get("code").stringValue()).isEqualTo("KAFKA_UNAVAILABLE");
    assertThat(units(partial.json().get("sentTo"))).containsExactly("NL.ATT-BKK");
    assertThat(units(partial.json().get("notSentTo"))).containsExactly("TH.CIB");
    String id = partial.json().get("noticeId").stringValue();
    assertThat(timed(body, "Idempotency-Key", "partial-1").status())
        .as("a retry while the topic is still missing is refused again")
        .isEqualTo(503);

    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      new TopicProvisioner(admin, 1, (short) 1, 16 * 1024 * 1024).ensureUnitTopics(List.of(CIB));
    }
    var retried = timed(body, "Idempotency-Key", "partial-1");
    assertThat(retried.status()).as("%s", retried).isEqualTo(202);
    assertThat(retried.json().get("noticeId").stringValue())
        .as("the retry finishes the same notice")
        .isEqualTo(id);
    assertThat(retried.json().get("repeated").booleanValue()).isTrue();
    try (var kafka = new ForeignSender(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      assertThat(kafka.count(CIB, id)).as("the copy owed, sent once").isEqualTo(1);
      assertThat(kafka.count(BKK, id)).as("the copy Kafka took is not sent again").isEqualTo(1);
    }
    var accepted = timed(body);
    assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);

    broker.close();
    broker = null;
    var refused = timed(body);

    assertThat(refused.status()).as("%s", refused).isEqualTo(503);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("code").stringValue()).isEqualTo("KAFKA_UNAVAILABLE");
    assertThat(units(refused.json().get("sentTo"))).isEmpty();
    assertThat(units(refused.json().get("notSentTo")))
        .containsExactlyInAnyOrder("NL.ATT-BKK", "TH.CIB");
  }

  /** Publishes as {@code NL.NCB} and checks that the answer came within {@link #ANSWER_WITHIN}. */
  private GatewayNode.Answer timed(String body, String... headers) {
    long started = System.nanoTime();
    var answer = gateway.post(NCB, "/api/v1/notices", body, headers);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ANSWER_WITHIN);
    return answer;
  }

  private static List<String> units(JsonNode array) {
    List<String> units = new ArrayList<>();
    array.forEach(unit -> units.add(unit.stringValue()));
    return units;
  }
}
