package org.liaison.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.gateway.dev.EmbeddedKafkaBroker;
import org.liaison.schemas.UnitId;

class TopicProvisionerTest {

  @TempDir Path data;

  @Test
  void createsEachUnitsTopicsOnceWithTheirLimits() throws Exception {
    List<UnitId> units = List.of(UnitId.of("NL.NCB"), UnitId.of("TH.CIB"));
    try (var broker = EmbeddedKafkaBroker.start(data, 0);
        Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      var provisioner = new TopicProvisioner(admin, 3, (short) 1, 4 * 1024 * 1024);

      assertThat(provisioner.ensureUnitTopics(units))
          .containsExactlyInAnyOrder(
              "liaison.notices.NL.NCB",
              "liaison.receipts.NL.NCB",
              "liaison.notices.TH.CIB",
              "liaison.receipts.TH.CIB");
      assertThat(provisioner.ensureUnitTopics(units)).isEmpty();

      // A created topic reaches the broker's metadata a moment after the controller answers.
      var description =
          await()
              .atMost(Duration.ofSeconds(30))
              .ignoreExceptions()
              .until(
                  () ->
                      admin.describeTopics(List.of("liaison.notices.TH.CIB")).allTopicNames().get(),
                  d -> d.containsKey("liaison.notices.TH.CIB"));
      assertThat(description.get("liaison.notices.TH.CIB").partitions()).hasSize(3);
      var resource = new ConfigResource(ConfigResource.Type.TOPIC, "liaison.notices.TH.CIB");
      var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      assertThat(config.get("max.message.bytes").value())
          .isEqualTo(String.valueOf(4 * 1024 * 1024));
    }
  }
}
