package org.liaison.gateway.twogateways;

import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The two-gateway suite on Testcontainers' Kafka (Apache Kafka's own image, KRaft) and H2. Where
 * Docker is absent each of its tests is reported as skipped with a message that says so; the
 * in-process variants ({@link TwoGatewaysH2IT}, {@link TwoGatewaysPostgresIT}) always run.
 */
class TwoGatewaysTestcontainersIT extends TwoGatewaysSuite {

  static final String IMAGE = "apache/kafka:4.1.0";

  private KafkaContainer kafka;

  @Override
  GatewayDatabase.Kind database() {
    return GatewayDatabase.Kind.H2;
  }

  @Override
  String absentBecause() {
    return DockerClientFactory.instance().isDockerAvailable()
        ? null
        : "Docker is absent on this machine: the two-gateway suite did NOT run on Testcontainers'"
            + " Kafka (it ran on the in-process broker in TwoGatewaysH2IT and"
            + " TwoGatewaysPostgresIT)";
  }

  @Override
  String startKafka(Path folder) {
    kafka = new KafkaContainer(IMAGE);
    kafka.start();
    return kafka.getBootstrapServers();
  }

  @Override
  void stopKafka() {
    if (kafka != null) {
      kafka.stop();
    }
  }
}
