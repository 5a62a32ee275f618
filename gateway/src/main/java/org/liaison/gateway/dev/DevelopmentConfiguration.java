package org.liaison.gateway.dev;

import java.time.Clock;
import java.util.List;
import org.liaison.gateway.config.KafkaInstanceId;
import org.liaison.gateway.config.LiaisonProperties;
import org.liaison.gateway.security.TokenIssuer;
import org.liaison.gateway.transport.KafkaClients;
import org.liaison.gateway.units.Federation;
import org.liaison.gateway.units.HostedUnits;
import org.liaison.gateway.units.TrustMaterial;
import org.liaison.pki.validation.RevocationPolicy;
import org.liaison.schemas.UnitId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Development mode (the default): a Kafka server and a development federation inside the process,
 * everything under {@code liaison.data-dir}, and credentials for one account per unit and role
 * (development mode is its own token issuer), written there for the developer to use.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "liaison.development.enabled",
    havingValue = "true",
    matchIfMissing = true)
public class DevelopmentConfiguration {

  private static final Logger log = LoggerFactory.getLogger(DevelopmentConfiguration.class);

  @Bean(destroyMethod = "close")
  EmbeddedKafkaBroker embeddedKafkaBroker(LiaisonProperties props) {
    return EmbeddedKafkaBroker.start(
        props.dataDir().resolve("kafka"), props.development().kafkaPort());
  }

  @Bean
  KafkaClients kafkaClients(EmbeddedKafkaBroker broker, LiaisonProperties props) {
    return new KafkaClients(
        broker.bootstrapServers(),
        props.kafka().maxMessageBytes(),
        (int) props.kafka().ackTimeout().toMillis(),
        null,
        KafkaInstanceId.resolve(props.kafka()));
  }

  @Bean
  Federation developmentFederation(LiaisonProperties props, Clock clock) {
    List<UnitId> units = props.development().units().stream().map(UnitId::of).toList();
    var material = DevelopmentFederation.openOrCreate(props.dataDir().resolve("pki"), units, clock);
    return new Federation(
        material.units(),
        new TrustMaterial(
            List.of(material.trustAnchor()),
            List.of(material.issuingCa()),
            material.crls(),
            RevocationPolicy.REQUIRE));
  }

  @Bean
  DevelopmentCredentials developmentCredentials(LiaisonProperties props, HostedUnits hosted) {
    return DevelopmentCredentials.openOrCreate(
        props.dataDir().resolve("credentials"), List.copyOf(hosted.ids()));
  }

  @Bean
  TokenIssuer developmentTokenIssuer(DevelopmentCredentials credentials) {
    return credentials.issuer();
  }

  @Bean
  ApplicationListener<ApplicationReadyEvent> developmentBanner(
      LiaisonProperties props,
      HostedUnits hosted,
      EmbeddedKafkaBroker broker,
      DevelopmentCredentials credentials) {
    return event -> {
      int port =
          event.getApplicationContext() instanceof WebServerApplicationContext web
              ? web.getWebServer().getPort()
              : -1;
      log.warn(
          """

          ==================================================================================
           Liaison gateway in DEVELOPMENT MODE: not for real notices.
           API:        http://localhost:{}/api/v1   (OpenAPI: /v3/api-docs, health: /actuator/health)
           Units:      {}
           Credentials: {}/<unit>/<ROLE>.token and .password
                        one account per unit and role (PUBLISHER, OFFICER, ADMIN, AUDITOR), e.g.
                        curl -H "Authorization: Bearer $(cat …/TH.CIB/OFFICER.token)" …/api/v1/inbox
           Kafka:      {} (in this process)
           Data:       {} (CAs, keys, Kafka logs, H2; reused on the next start)
          ==================================================================================""",
          port,
          hosted.ids(),
          credentials.folder().toAbsolutePath().normalize(),
          broker.bootstrapServers(),
          props.dataDir().toAbsolutePath().normalize());
    };
  }
}
