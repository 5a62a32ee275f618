package org.liaison.gateway.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Health details are shown in development mode only, and configuration always wins. */
class DevelopmentDefaultsTest {

  private static final String SHOW_DETAILS = "management.endpoint.health.show-details";

  @Test
  void developmentModeByDefaultShowsHealthDetails() {
    var env = environment(Map.of());

    assertThat(env.getProperty(SHOW_DETAILS)).isEqualTo("always");
  }

  @Test
  void productionKeepsSpringBootsDefault() {
    var env = environment(Map.of("liaison.development.enabled", "false"));

    assertThat(env.getProperty(SHOW_DETAILS)).isNull();
    assertThat(env.getPropertySources().contains(DevelopmentDefaults.SOURCE)).isFalse();
  }

  @Test
  void aConfiguredValueWinsInDevelopmentMode() {
    var env = environment(Map.of(SHOW_DETAILS, "never"));

    assertThat(env.getProperty(SHOW_DETAILS)).isEqualTo("never");
  }

  private static StandardEnvironment environment(Map<String, Object> configured) {
    var env = new StandardEnvironment();
    env.getPropertySources().addFirst(new MapPropertySource("configured", configured));
    new DevelopmentDefaults().postProcessEnvironment(env, new SpringApplication());
    return env;
  }
}
