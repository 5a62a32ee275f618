package org.liaison.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.liaison.gateway.startup.InvalidSettingException;

/** The gateway's id for Kafka's static group membership: configured, or its host name's. */
class KafkaInstanceIdTest {

  @Test
  void aConfiguredIdIsUsedAsItIs() {
    assertThat(KafkaInstanceId.resolve("gw-2.den_haag", () -> "ignored")).contains("gw-2.den_haag");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "gw 1", "gw/1", "gw@1", "gateway-é"})
  void aConfiguredIdKafkaCannotTakeStopsTheStartNamingTheSetting(String configured) {
    assertThatThrownBy(() -> KafkaInstanceId.resolve(configured, () -> "host"))
        .isInstanceOfSatisfying(
            InvalidSettingException.class,
            e -> {
              assertThat(e.setting()).isEqualTo("liaison.kafka.instance-id");
              assertThat(e.action()).contains("one per running gateway");
            });
  }

  @Test
  void aConfiguredIdLongerThan128CharactersIsRefused() {
    assertThatThrownBy(() -> KafkaInstanceId.resolve("g".repeat(129), () -> "host"))
        .isInstanceOf(InvalidSettingException.class);
    assertThat(KafkaInstanceId.resolve("g".repeat(128), () -> "host")).isPresent();
  }

  @Test
  void withoutOneTheHostNameIsTakenInLowerCaseWithCharactersKafkaRefusesReplaced() {
    assertThat(KafkaInstanceId.resolve(null, () -> "GW-1.Police.Example"))
        .contains("gw-1.police.example");
    assertThat(KafkaInstanceId.resolve(null, () -> "gw 1+b")).contains("gw-1-b");
    assertThat(KafkaInstanceId.resolve(null, () -> "h".repeat(300))).contains("h".repeat(128));
  }

  @Test
  void withoutAHostNameTheConsumersStayDynamicMembers() {
    assertThat(KafkaInstanceId.resolve(null, () -> null)).isEqualTo(Optional.empty());
    assertThat(KafkaInstanceId.resolve(null, () -> " ")).isEmpty();
  }
}
