package org.liaison.gateway.twogateways;

import java.nio.file.Path;
import org.liaison.gateway.dev.EmbeddedKafkaBroker;

/** The two-gateway suite on H2, with the in-process Kafka server. */
class TwoGatewaysH2IT extends TwoGatewaysSuite {

  private EmbeddedKafkaBroker broker;

  @Override
  GatewayDatabase.Kind database() {
    return GatewayDatabase.Kind.H2;
  }

  @Override
  String startKafka(Path folder) {
    broker = EmbeddedKafkaBroker.start(folder, 0);
    return broker.bootstrapServers();
  }

  @Override
  void stopKafka() {
    if (broker != null) {
      broker.close();
    }
  }
}
