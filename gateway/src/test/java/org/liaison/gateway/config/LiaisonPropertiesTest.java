package org.liaison.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class LiaisonPropertiesTest {

  private static LiaisonProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("liaison", LiaisonProperties.class);
  }

  @Test
  void defaultsToDevelopmentModeWithThreeUnits() {
    LiaisonProperties p = bind(Map.of());

    assertThat(p.development().enabled()).isTrue();
    assertThat(p.development().units()).containsExactly("NL.NCB", "NL.ATT-BKK", "TH.CIB");
    assertThat(p.dataDir()).isEqualTo(Path.of("data"));
    assertThat(p.kafka().provisionTopics()).isTrue();
    assertThat(p.kafka().ackTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(p.opening().maxAge()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void keepsDefaultsOfAGroupWhenOnlyPartOfItIsSet() {
    LiaisonProperties p = bind(Map.of("liaison.kafka.bootstrap-servers", "kafka1:9093"));

    assertThat(p.kafka().bootstrapServers()).isEqualTo("kafka1:9093");
    assertThat(p.kafka().provisionTopics()).as("not silently switched off").isTrue();
    assertThat(p.kafka().partitions()).isEqualTo(3);
  }

  @Test
  void letsOperatorsTurnTopicCreationOff() {
    assertThat(bind(Map.of("liaison.kafka.provision-topics", "false")).kafka().provisionTopics())
        .isFalse();
  }

  @Test
  void takesTheKafkaInstanceIdAndLeavesItUnsetByDefault() {
    assertThat(bind(Map.of("liaison.kafka.instance-id", "gw-2")).kafka().instanceId())
        .isEqualTo("gw-2");
    assertThat(bind(Map.of()).kafka().instanceId()).isNull();
  }
}
