package org.liaison.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The producer's timeouts stay consistent for any acknowledgement timeout an operator sets. */
class KafkaClientsTest {

  @ParameterizedTest
  @ValueSource(ints = {1_000, 3_000, 10_000, 15_000, 120_000})
  void aProducerCanBeMadeForShortAndLongAcknowledgementTimeouts(int deliveryTimeoutMs) {
    var clients = new KafkaClients("127.0.0.1:9", 1024 * 1024, deliveryTimeoutMs);

    try (var producer = clients.producer("test")) {
      assertThat(producer.metrics()).isNotEmpty();
    }
  }
}
