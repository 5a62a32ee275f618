package org.liaison.gateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.gateway.config.LiaisonProperties;
import org.liaison.gateway.ops.OperationsProperties;
import org.liaison.gateway.security.SecurityProperties;
import org.liaison.pki.acl.BrokerSettings;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * The deployment in {@code compose/} is checked, not trusted: the compose file by a real parser of
 * the format ({@code docker-compose config}, which validates without an engine), every {@code
 * liaison.*} setting of the gateways' configuration files against the gateway's own configuration
 * classes, and the brokers' properties against the federation's broker settings. Each check is also
 * shown to fail on a broken copy.
 */
class ComposeFilesTest {

  private static final Path COMPOSE = Path.of("..", "compose").toAbsolutePath().normalize();

  @TempDir Path scratch;

  @Test
  void theComposeFileIsValidCompose() throws Exception {
    Result result = dockerCompose(COMPOSE.resolve("compose.yaml"));
    assertThat(result.exit()).as(result.output()).isZero();
  }

  @Test
  void aComposeFileWithAnUnknownKeyIsRefused() throws Exception {
    Path broken = scratch.resolve("compose.yaml");
    Files.writeString(
        broken,
        Files.readString(COMPOSE.resolve("compose.yaml"))
            .replace("    hostname: kafka-2\n", "    hostname: kafka-2\n    hostnmae: typo\n"));
    Files.copy(COMPOSE.resolve(".env"), scratch.resolve(".env"));

    Result result = dockerCompose(broken);

    assertThat(result.exit()).isNotZero();
    assertThat(result.output()).contains("hostnmae");
  }

  @Test
  void everyLiaisonSettingOfTheGatewaysExists() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(COMPOSE.resolve("gateways"))) {
      files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).hasSize(3);
    for (Path file : files) {
      assertThat(unknownLiaisonSettings(file)).as("%s", file).isEmpty();
      assertThat(bound(file)).as("%s binds its units", file).contains("liaison.units[0].id");
    }
  }

  @Test
  void aMisspelledSettingIsFound() throws IOException {
    Path broken = scratch.resolve("broken.yaml");
    Files.writeString(
        broken,
        Files.readString(COMPOSE.resolve("gateways").resolve("nl-ncb.yaml"))
            .replace("    bootstrap-servers:", "    bootstrap-server:")
            .replace("  peers:", "  peer-files:"));

    assertThat(unknownLiaisonSettings(broken))
        .containsExactly(
            "liaison.kafka.bootstrap-server", "liaison.peer-files[0]", "liaison.peer-files[1]");
  }

  @Test
  void theBrokersHaveTheFederationsBrokerSettings() throws IOException {
    Map<String, String> expected =
        BrokerSettings.settings(List.of("kafka-1", "kafka-2", "kafka-3"));
    for (int n = 1; n <= 3; n++) {
      Properties broker = new Properties();
      try (InputStream in =
          Files.newInputStream(COMPOSE.resolve("kafka/kafka-" + n + ".properties"))) {
        broker.load(in);
      }
      for (var setting : expected.entrySet()) {
        assertThat(broker.getProperty(setting.getKey()))
            .as("kafka-%d: %s", n, setting.getKey())
            .isEqualTo(setting.getValue());
      }
      assertThat(broker.getProperty("node.id")).isEqualTo(String.valueOf(n));
      assertThat(broker.getProperty("min.insync.replicas")).isEqualTo("2");
      assertThat(broker.getProperty("default.replication.factor")).isEqualTo("3");
      assertThat(broker.getProperty("listener.security.protocol.map"))
          .isEqualTo("BROKER:SSL,CONTROLLER:SSL");
    }
  }

  /**
   * The {@code liaison.*} keys of {@code file} that no configuration class of the gateway binds.
   */
  private static Set<String> unknownLiaisonSettings(Path file) throws IOException {
    Set<String> unknown = new TreeSet<>();
    for (PropertySource<?> source : load(file)) {
      if (source.getSource() instanceof Map<?, ?> map) {
        for (Object key : map.keySet()) {
          String name = ConfigurationPropertyName.adapt(key.toString(), '.').toString();
          if (name.startsWith("liaison.")) {
            unknown.add(name);
          }
        }
      }
    }
    unknown.removeAll(bound(file));
    return unknown;
  }

  /** The names bound when the gateway's configuration classes are bound from {@code file}. */
  private static Set<String> bound(Path file) throws IOException {
    MutablePropertySources sources = new MutablePropertySources();
    load(file).forEach(sources::addLast);
    Binder binder =
        new Binder(
            ConfigurationPropertySources.from(sources),
            new PropertySourcesPlaceholdersResolver(sources));
    Set<String> bound = new TreeSet<>();
    BindHandler recording =
        new BindHandler() {
          @Override
          public Object onSuccess(
              ConfigurationPropertyName name,
              Bindable<?> target,
              BindContext context,
              Object result) {
            if (context.getConfigurationProperty() != null) {
              bound.add(context.getConfigurationProperty().getName().toString());
            }
            return result;
          }
        };
    binder.bind("liaison", Bindable.of(LiaisonProperties.class), recording);
    binder.bind("liaison.security", Bindable.of(SecurityProperties.class), recording);
    binder.bind("liaison.operations", Bindable.of(OperationsProperties.class), recording);
    return bound;
  }

  private static List<PropertySource<?>> load(Path file) throws IOException {
    return new YamlPropertySourceLoader()
        .load(file.getFileName().toString(), new FileSystemResource(file));
  }

  private record Result(int exit, String output) {}

  private static Result dockerCompose(Path file) throws Exception {
    List<String> command = new ArrayList<>(List.of("docker-compose", "-f", file.toString()));
    command.addAll(List.of("config", "-q"));
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(file.getParent().toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new AssertionError(
          "docker-compose is needed to validate compose/compose.yaml: ./verify installs it"
              + " (Debian package docker-compose)",
          e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
