package org.liaison.gateway.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.liaison.gateway.startup.InvalidSettingException;
import org.liaison.gateway.transport.KafkaClients;
import org.liaison.gateway.transport.KafkaTls;
import org.liaison.gateway.units.Federation;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.gateway.units.HostedUnits;
import org.liaison.gateway.units.KeyStoreReloader;
import org.liaison.gateway.units.TrustMaterial;
import org.liaison.gateway.units.UnitKeyStore;
import org.liaison.gateway.units.UnitKeysCheck;
import org.liaison.gateway.units.UnitKeysHealthIndicator;
import org.liaison.pki.BoundedRead;
import org.liaison.pki.PkiException;
import org.liaison.pki.keys.Passwords;
import org.liaison.pki.keys.Pem;
import org.liaison.pki.keys.Pkcs12Store;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.pki.validation.RevocationPolicy;
import org.liaison.schemas.UnitId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  private static final Logger log = LoggerFactory.getLogger(ProductionConfiguration.class);

  /** A unit's store holds a few keys and chains; far below this. */
  private static final int MAX_KEY_STORE_BYTES = 4 * 1024 * 1024;

  @Bean
  KafkaClients kafkaClients(LiaisonProperties props, Clock clock) {
    return new KafkaClients(
        props.kafka().bootstrapServers(),
        props.kafka().maxMessageBytes(),
        (int) props.kafka().ackTimeout().toMillis(),
        kafkaTls(props, clock),
        KafkaInstanceId.resolve(props.kafka()));
  }

  /**
   * Each hosted unit's TLS key for Kafka, or null for plaintext, which an operator must ask for in
   * so many words: a production gateway that says nothing about Kafka TLS does not start.
   */
  static KafkaTls kafkaTls(LiaisonProperties props, Clock clock) {
    LiaisonProperties.Kafka.Tls tls = props.kafka().tls();
    if (tls.enabled() == null) {
      throw new InvalidSettingException(
          "liaison.kafka.tls.enabled",
          "is not set",
          "Set it to true (with liaison.kafka.tls.trust-anchors and a 'tls' key in each unit's"
              + " key store) so that each unit connects to Kafka with its certificate, or to"
              + " false to connect in plaintext");
    }
    if (!tls.enabled()) {
      log.warn(
          "Kafka clients connect in PLAINTEXT (liaison.kafka.tls.enabled=false): the brokers"
              + " cannot tell the units apart and their ACLs cannot keep units to their topics");
      return null;
    }
    List<X509Certificate> anchors = new ArrayList<>();
    tls.trustAnchors().forEach(f -> anchors.addAll(Pem.readCertificates(f)));
    Map<UnitId, PrivateKeyHandle> identities = new LinkedHashMap<>();
    for (LiaisonProperties.Unit u : props.units()) {
      try {
        identities.put(
            UnitId.of(u.id()), Pkcs12Store.read(u.keystore(), password(u), u.tlsAlias()));
      } catch (PkiException e) {
        throw new InvalidSettingException(
            "liaison.kafka.tls",
            "cannot be used: the Kafka TLS key of "
                + u.id()
                + " (alias '"
                + u.tlsAlias()
                + "' in "
                + u.keystore()
                + "): "
                + e.getMessage(),
            "Put the unit's TLS key and certificate in its key store under that alias, or name"
                + " the alias that holds them with liaison.units[].tls-alias",
            e);
      }
    }
    try {
      return new KafkaTls(anchors, identities, clock);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(
          "liaison.kafka.tls",
          "cannot be used: " + e.getMessage(),
          "Give liaison.kafka.tls.trust-anchors the federation's root certificate and each unit"
              + " a TLS certificate of its own, valid now",
          e);
    }
  }

  private static char[] password(LiaisonProperties.Unit u) {
    return Passwords.resolve(
        Optional.ofNullable(u.passwordFile()),
        Optional.ofNullable(u.passwordEnv()),
        System.getenv(),
        "the key store of " + u.id());
  }

  /** Each hosted unit's key store as read at start: its keys, and the digest of the bytes read. */
  record StartKeys(List<KeyStoreReloader.Watched> stores, List<HostedUnit> units) {}

  @Bean
  StartKeys startKeys(LiaisonProperties props) {
    if (props.units().isEmpty()) {
      throw new InvalidSettingException(
          "liaison.units",
          "is empty: a production gateway must host at least one unit",
          "Name each hosted unit and its keys: liaison.units[0].id, .keystore, .password-file"
              + " (or .password-env), .signing-alias and .encryption-alias (see the README,"
              + " 'Running a production gateway'); or set liaison.development.enabled=true to"
              + " try the gateway with its development federation");
    }
    List<KeyStoreReloader.Watched> stores = new ArrayList<>();
    List<HostedUnit> units = new ArrayList<>();
    for (LiaisonProperties.Unit u : props.units()) {
      String problem = UnitId.problem(u.id());
      if (problem != null) {
        throw new InvalidSettingException(
            "liaison.units",
            "names a unit id that is wrong: " + problem,
            "Write each unit id as its country's ISO 3166 alpha-2 code, a dot, and 2 to 32"
                + " capitals, digits or hyphens, as in the unit's certificate (NL.NCB)");
      }
      UnitKeyStore store =
          new UnitKeyStore(UnitId.of(u.id()), u.keystore(), u.signingAlias(), u.encryptionAlias());
      byte[] bytes = BoundedRead.file(u.keystore(), MAX_KEY_STORE_BYTES, "the key store");
      HostedUnit unit = store.load(bytes, password(u));
      try {
        UnitKeysCheck.checkKeys(unit);
      } catch (UnitKeysCheck.Refused e) {
        throw new InvalidSettingException(
            "liaison.units",
            "names a key store that cannot be used: "
                + u.id()
                + " in "
                + u.keystore()
                + " ["
                + e.reason()
                + "]: "
                + e.getMessage(),
            "Give each key of the store the certificate the CA issued for it (liaison-pki pem"
                + " import), or restore the unit's store from its backup",
            e);
      }
      units.add(unit);
      stores.add(
          new KeyStoreReloader.Watched(store, () -> password(u), KeyStoreReloader.sha256(bytes)));
      if (!unit.olderEncryption().isEmpty()) {
        log.info(
            "{} also opens notices sealed to its {} older encryption keys {}",
            u.id(),
            unit.olderEncryption().size(),
            unit.olderEncryption().stream().map(PrivateKeyHandle::alias).toList());
      }
    }
    return new StartKeys(stores, units);
  }

  /**
   * Reads each hosted unit's key store again when it changes (a rotation), every {@code
   * liaison.keystore-reload}.
   */
  @Bean(destroyMethod = "close")
  KeyStoreReloader keyStoreReloader(
      StartKeys keys,
      HostedUnits hosted,
      Supplier<CertificateValidator> validator,
      Clock clock,
      MeterRegistry registry,
      LiaisonProperties props) {
    KeyStoreReloader reloader =
        new KeyStoreReloader(hosted, keys.stores(), validator, clock, registry);
    reloader.start(props.keystoreReload());
    return reloader;
  }

  @Bean
  UnitKeysHealthIndicator unitKeysHealthIndicator(KeyStoreReloader reloader) {
    return new UnitKeysHealthIndicator(reloader);
  }

  @Bean
  Federation configuredFederation(LiaisonProperties props, StartKeys keys) {
    List<HostedUnit> units = keys.units();
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
