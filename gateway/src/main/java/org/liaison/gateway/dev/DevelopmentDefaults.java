package org.liaison.gateway.dev;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults that only development mode gets: the health endpoint shows its details (Kafka's cluster,
 * the database, certificate expiry) to whoever asks, which is the developer on their own machine. A
 * production gateway keeps Spring Boot's default ({@code never}) unless its configuration says
 * otherwise. Added last, so that any configured value wins.
 */
public final class DevelopmentDefaults implements EnvironmentPostProcessor {

  static final String SOURCE = "liaisonDevelopmentDefaults";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.getProperty("liaison.development.enabled", Boolean.class, true)) {
      return;
    }
    environment
        .getPropertySources()
        .addLast(
            new MapPropertySource(
                SOURCE, Map.of("management.endpoint.health.show-details", "always")));
  }
}
