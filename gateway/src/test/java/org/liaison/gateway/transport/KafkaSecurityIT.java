package org.liaison.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.liaison.gateway.testing.SecuredKafka;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.acl.FederationAcls;
import org.liaison.pki.ca.CertificateProfile;
import org.liaison.pki.ca.FederationKit;
import org.liaison.pki.ca.Validity;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.schemas.UnitId;

/**
 * The federation's Kafka security on a real broker: TLS with client certificates, the principal
 * mapping and the ACLs of {@link FederationAcls}, as an operator sets them up. Each unit connects
 * with its TLS certificate, as a gateway's clients do ({@link KafkaTls}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaSecurityIT {

  private static final UnitId NCB = UnitId.of("NL.NCB");
  private static final UnitId CIB = UnitId.of("TH.CIB");
  private static final String ADMIN = FederationAcls.DEFAULT_ADMIN;
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir static Path folder;

  private FederationKit kit;
  private SecuredKafka kafka;
  private PrivateKeyHandle admin;

  /** The units' clients, made as a gateway makes them. */
  private KafkaClients units;

  @BeforeAll
  void startSecuredBroker() throws Exception {
    kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NCB, CIB));
    admin = kit.issueService(ADMIN, List.of());
    kafka =
        SecuredKafka.start(
                folder.resolve("kafka"),
                kit.issueService(SecuredKafka.BROKER, List.of("127.0.0.1", "localhost")),
                kit.trustAnchor())
            .applyAcls(List.of(NCB, CIB), ADMIN, true);
    units =
        new KafkaClients(
            kafka.bootstrapServers(),
            1024 * 1024,
            30_000,
            new KafkaTls(kafka.anchors(), Map.of(NCB, tls(NCB), CIB, tls(CIB)), Clock.systemUTC()));
    // Each unit creates its own topics, as a gateway does at start; the admin the directory.
    for (UnitId unit : List.of(NCB, CIB)) {
      try (Admin client = units.admin("provisioner", unit)) {
        assertThat(
                new TopicProvisioner(client, 1, (short) 1, 1024 * 1024)
                    .ensureUnitTopics(List.of(unit)))
            .containsExactlyInAnyOrder(Topics.notices(unit), Topics.receipts(unit));
      }
    }
    try (Admin client = Admin.create(kafka.clientConfig(admin))) {
      client
          .createTopics(List.of(new NewTopic(Topics.DIRECTORY, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void aUnitWritesAnotherUnitsNoticesTopicAndThatUnitReadsItsOwn() throws Exception {
    String key = UUID.randomUUID().toString();
    try (var producer = units.producer("test", NCB)) {
      producer.send(new ProducerRecord<>(Topics.notices(CIB), key, bytes("sealed"))).get();
      producer.send(new ProducerRecord<>(Topics.receipts(CIB), key, bytes("receipt"))).get();
    }

    try (var consumer = units.consumer(Topics.consumerGroup(CIB), "test", CIB)) {
      consumer.subscribe(List.of(Topics.notices(CIB), Topics.receipts(CIB)));
      assertThat(readKeys(consumer, 2)).containsOnly(key);
    }
  }

  @Test
  void aUnitCannotReadAnotherUnitsTopics() {
    for (String topic : List.of(Topics.notices(CIB), Topics.receipts(CIB))) {
      try (var consumer = units.consumer(Topics.consumerGroup(NCB), "test", NCB)) {
        consumer.subscribe(List.of(topic));
        assertThatThrownBy(() -> pollUntilFailure(consumer))
            .as(topic)
            .isInstanceOf(TopicAuthorizationException.class)
            .hasMessageContaining(topic);
      }
    }
  }

  @Test
  void aUnitCannotUseAnotherUnitsConsumerGroup() {
    try (var consumer = units.consumer(Topics.consumerGroup(CIB), "test", NCB)) {
      consumer.subscribe(List.of(Topics.notices(NCB)));
      assertThatThrownBy(() -> pollUntilFailure(consumer))
          .isInstanceOf(GroupAuthorizationException.class);
    }
  }

  @Test
  void onlyTheAdministrativePrincipalWritesTheDirectoryAndEveryUnitReadsIt() throws Exception {
    try (var producer = units.producer("test", NCB)) {
      var refused = producer.send(new ProducerRecord<>(Topics.DIRECTORY, "forged", bytes("x")));
      assertThatThrownBy(() -> refused.get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
    String key = "crl-" + UUID.randomUUID();
    try (var producer = producer(admin)) {
      producer.send(new ProducerRecord<>(Topics.DIRECTORY, key, bytes("signed CRL"))).get();
    }

    try (var consumer = units.consumer(Topics.consumerGroup(NCB), "test", NCB)) {
      consumer.subscribe(List.of(Topics.DIRECTORY));
      assertThat(readKeys(consumer, 1)).contains(key);
    }
  }

  @Test
  void aUnitCreatesNoTopicButItsOwn() {
    try (Admin client = units.admin("test", NCB)) {
      var created =
          client.createTopics(
              List.of(new NewTopic(Topics.notices(UnitId.of("BE.FPP")), 1, (short) 1)));
      assertThatThrownBy(() -> created.all().get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
  }

  static Stream<Arguments> clientsWithoutAValidCertificate() {
    return Stream.of(
        Arguments.of(
            "no certificate", (Client) test -> test.kafka.clientConfigWithoutCertificate()),
        Arguments.of(
            "same subject, unknown CA",
            (Client)
                test -> {
                  FederationKit other = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NCB));
                  return test.kafka.clientConfig(other.unit(NCB).tls());
                }),
        Arguments.of(
            "expired",
            (Client)
                test -> {
                  FederationKit kit = test.kit;
                  Instant now = Instant.now();
                  PrivateKeyHandle expired =
                      kit.issueExtra(
                          NCB,
                          CertificateProfile.TLS,
                          new Validity(
                              now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))));
                  return test.kafka.clientConfig(expired);
                }));
  }

  /** A client configuration made against the running broker. */
  @FunctionalInterface
  interface Client {
    Map<String, Object> config(KafkaSecurityIT test);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clientsWithoutAValidCertificate")
  void aClientWithoutAValidCertificateCannotConnect(String why, Client client) {
    Map<String, Object> config = new HashMap<>(client.config(this));
    config.put("request.timeout.ms", 10_000);
    config.put("default.api.timeout.ms", 20_000);
    try (Admin refused = Admin.create(config)) {
      assertThatThrownBy(() -> refused.listTopics().names().get(30, TimeUnit.SECONDS))
          .as(why)
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(SslAuthenticationException.class);
    }
  }

  private PrivateKeyHandle tls(UnitId unit) {
    return kit.unit(unit).tls();
  }

  private KafkaProducer<String, byte[]> producer(PrivateKeyHandle key) {
    Map<String, Object> config = new HashMap<>(kafka.clientConfig(key));
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  /** The keys of at least {@code count} records, read within the patience. */
  private static List<String> readKeys(KafkaConsumer<String, byte[]> consumer, int count) {
    List<String> keys = new java.util.ArrayList<>();
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (keys.size() < count && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
        keys.add(record.key());
      }
    }
    return keys;
  }

  /** Polls until the consumer throws; fails when it never does. */
  private static void pollUntilFailure(KafkaConsumer<String, byte[]> consumer) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(500));
    }
    throw new AssertionError("the broker let the consumer read for " + PATIENCE);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
