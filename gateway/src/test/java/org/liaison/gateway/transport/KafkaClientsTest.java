package org.liaison.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.liaison.schemas.UnitId;

/**
 * The producer's timeouts stay consistent for any acknowledgement timeout an operator sets; the
 * consumers are static members of their groups, each under its own id, on the classic protocol.
 */
class KafkaClientsTest {

  private static final UnitId NCB = UnitId.of("NL.NCB");

  @ParameterizedTest
  @ValueSource(ints = {1_000, 3_000, 10_000, 15_000, 120_000})
  void aProducerCanBeMadeForShortAndLongAcknowledgementTimeouts(int deliveryTimeoutMs) {
    var clients = new KafkaClients("127.0.0.1:9", 1024 * 1024, deliveryTimeoutMs);

    try (var producer = clients.producer("test")) {
      assertThat(producer.metrics()).isNotEmpty();
    }
  }

  @Test
  void eachConsumerOfAGatewayWithAnInstanceIdIsAStaticMemberUnderItsOwnId() {
    var clients =
        new KafkaClients("127.0.0.1:9", 1024 * 1024, 15_000, null, Optional.of("gw-1.example"));

    Map<String, Object> notices =
        clients.consumerConfig("liaison-gateway.NL.NCB", "liaison-inbound-NL.NCB", NCB);
    Map<String, Object> receipts =
        clients.consumerConfig("liaison-gateway.NL.NCB", "liaison-receipts-NL.NCB", NCB);

    assertThat(notices)
        .containsEntry(
            ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "liaison-inbound-NL.NCB.gw-1.example")
        .containsEntry(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
    assertThat(receipts)
        .containsEntry(
            ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "liaison-receipts-NL.NCB.gw-1.example");
    // Kafka checks the id when the consumer is made.
    try (var consumer = clients.consumer("liaison-gateway.NL.NCB", "liaison-inbound-NL.NCB", NCB)) {
      assertThat(consumer.groupMetadata().groupInstanceId())
          .contains("liaison-inbound-NL.NCB.gw-1.example");
    }
  }

  @Test
  void withoutAnInstanceIdConsumersAreDynamicMembers() {
    var clients = new KafkaClients("127.0.0.1:9", 1024 * 1024, 15_000);

    assertThat(clients.consumerConfig("g", "c", NCB))
        .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
        .containsEntry(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
  }
}
