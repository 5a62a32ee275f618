package org.liaison.gateway.twogateways;

import java.nio.file.Path;
import org.liaison.gateway.dev.EmbeddedKafkaBroker;

/**
 * The two-gateway suite on PostgreSQL (a schema per gateway in the database at 127.0.0.1:5432),
 * with the in-process Kafka server.
 */
class TwoGatewaysPostgresIT extends TwoGatewaysSuite {

  private EmbeddedKafkaBroker broker;

  @Override
  GatewayDatabase.Kind database() {
    return GatewayDatabase.Kind.POSTGRESQL;
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
