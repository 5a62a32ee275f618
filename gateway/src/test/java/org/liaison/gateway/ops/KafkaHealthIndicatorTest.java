package org.liaison.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.gateway.dev.EmbeddedKafkaBroker;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The Kafka indicator against a real broker, and against a port where none listens. */
class KafkaHealthIndicatorTest {

  @TempDir Path data;

  @Test
  void upWithTheClusterIdWhenTheBrokerAnswers() {
    try (var broker = EmbeddedKafkaBroker.start(data, 0);
        Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      Health health = new KafkaHealthIndicator(admin, Duration.ofSeconds(10)).health();

      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsKey("clusterId").containsEntry("nodes", 1);
    }
  }

  @Test
  void downWithTheErrorClassOnlyWhenNothingAnswers() throws Exception {
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String bootstrap = "127.0.0.1:" + port;
    try (Admin admin =
        Admin.create(
            Map.of(
                "bootstrap.servers", bootstrap,
                "reconnect.backoff.max.ms", 200,
                "request.timeout.ms", 500))) {
      Health health = new KafkaHealthIndicator(admin, Duration.ofMillis(500)).health();

      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails()).containsOnlyKeys("error");
      assertThat(health.getDetails().get("error").toString())
          .endsWith("TimeoutException")
          .doesNotContain(bootstrap);
    }
  }
}
