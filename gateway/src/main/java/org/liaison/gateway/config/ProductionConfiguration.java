package org.liaison.gateway.config;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.liaison.gateway.transport.KafkaClients;
import org.liaison.gateway.units.Federation;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.gateway.units.TrustMaterial;
import org.liaison.pki.keys.Passwords;
import org.liaison.pki.keys.Pem;
import org.liaison.pki.keys.Pkcs12Store;
import org.liaison.pki.validation.RevocationPolicy;
import org.liaison.schemas.UnitId;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A production gateway: its hosted units' key stores, the federation's trust material and the Kafka
 * cluster all come from {@code liaison.*}. Who may call the API is {@code liaison.security.*} (the
 * security package).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "liaison.development.enabled", havingValue = "false")
public class ProductionConfiguration {

  @Bean
  KafkaClients kafkaClients(LiaisonProperties props) {
    return new KafkaClients(
        props.kafka().bootstrapServers(),
        props.kafka().maxMessageBytes(),
        (int) props.kafka().ackTimeout().toMillis());
  }

  @Bean
  Federation configuredFederation(LiaisonProperties props) {
    if (props.units().isEmpty()) {
      throw new IllegalStateException(
          "liaison.units is empty: a production gateway must host at least one unit");
    }
    List<HostedUnit> units = new ArrayList<>();
    for (LiaisonProperties.Unit u : props.units()) {
      String problem = UnitId.problem(u.id());
      if (problem != null) {
        throw new IllegalStateException("liaison.units: " + problem);
      }
      char[] password =
          Passwords.resolve(
              Optional.ofNullable(u.passwordFile()),
              Optional.ofNullable(u.passwordEnv()),
              System.getenv(),
              "the key store of " + u.id());
      units.add(
          new HostedUnit(
              UnitId.of(u.id()),
              Pkcs12Store.read(u.keystore(), password, u.signingAlias()),
              Pkcs12Store.read(u.keystore(), password, u.encryptionAlias())));
    }
    List<X509Certificate> anchors = new ArrayList<>();
    props.trust().anchors().forEach(f -> anchors.addAll(Pem.readCertificates(f)));
    List<X509Certificate> intermediates = new ArrayList<>();
    props.trust().intermediates().forEach(f -> intermediates.addAll(Pem.readCertificates(f)));
    List<X509CRL> crls = new ArrayList<>();
    props.trust().crls().forEach(f -> crls.addAll(Pem.readCrls(f)));
    return new Federation(
        units,
        new TrustMaterial(
            anchors,
            intermediates,
            crls,
            props.trust().allowMissingRevocation()
                ? RevocationPolicy.ALLOW_MISSING
                : RevocationPolicy.REQUIRE));
  }
}
