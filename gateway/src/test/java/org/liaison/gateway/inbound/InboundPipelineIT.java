package org.liaison.gateway.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.gateway.dev.EmbeddedKafkaBroker;
import org.liaison.gateway.ops.GatewayMetrics;
import org.liaison.gateway.outbound.NoticePublisher;
import org.liaison.gateway.outbound.PublishOutcome;
import org.liaison.gateway.receipts.ReceiptOutbox;
import org.liaison.gateway.store.InboxQuery;
import org.liaison.gateway.store.InboxStore;
import org.liaison.gateway.store.QuarantineStore;
import org.liaison.gateway.store.QuarantinedRecord;
import org.liaison.gateway.store.RecipientState;
import org.liaison.gateway.store.SeenNotices;
import org.liaison.gateway.store.SentNotice;
import org.liaison.gateway.store.SentStore;
import org.liaison.gateway.testing.TestDatabase;
import org.liaison.gateway.testing.TestNotices;
import org.liaison.gateway.transport.Headers;
import org.liaison.gateway.transport.TopicLoop;
import org.liaison.gateway.transport.TopicProvisioner;
import org.liaison.gateway.transport.Topics;
import org.liaison.gateway.transport.UnitProducers;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.FederationKit;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.seal.NoticeOpener;
import org.liaison.pki.seal.NoticeSealer;
import org.liaison.pki.seal.OpeningPolicy;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.pki.validation.RevocationPolicy;
import org.liaison.pki.validation.TrustContext;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.CaseNotice;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The notice path without the web layer: a unit publishes through a real broker, the recipient's
 * consumer opens, stores and acknowledges it; what fails a check ends in quarantine with its code.
 */
class InboundPipelineIT {

  private static final UnitId NCB = UnitId.of("NL.NCB");
  private static final UnitId BKK = UnitId.of("NL.ATT-BKK");
  private static final UnitId CIB = UnitId.of("TH.CIB");

  @TempDir Path kafkaData;

  private final List<String> receipts = Collections.synchronizedList(new ArrayList<>());
  private final Clock clock = Clock.systemUTC();
  private EmbeddedKafkaBroker broker;
  private TestDatabase db;
  private FederationKit kit;
  private KafkaProducer<String, byte[]> producer;
  private TopicLoop inbound;
  private InboxStore inbox;
  private QuarantineStore quarantine;
  private SentStore sent;
  private NoticePublisher publisher;

  @BeforeEach
  void start() {
    broker = EmbeddedKafkaBroker.start(kafkaData, 0);
    db = TestDatabase.create(TestDatabase.Kind.H2);
    kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NCB, BKK, CIB));
    var admin =
        org.apache.kafka.clients.admin.Admin.create(
            Map.of("bootstrap.servers", broker.bootstrapServers()));
    new TopicProvisioner(admin, 1, (short) 1, 16 * 1024 * 1024)
        .ensureUnitTopics(List.of(NCB, BKK, CIB));
    admin.close();

    JdbcClient jdbc = JdbcClient.create(db.dataSource());
    inbox = new InboxStore(jdbc, clock);
    quarantine = new QuarantineStore(jdbc);
    sent = new SentStore(jdbc, db.transactions());
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                16 * 1024 * 1024),
            new StringSerializer(),
            new ByteArraySerializer());
    ProviderChoice providers = ProviderChoice.select();
    publisher =
        new NoticePublisher(
            new NoticeSealer(providers, clock),
            UnitProducers.shared(producer),
            sent,
            clock,
            Duration.ofSeconds(20),
            GatewayMetrics.unregistered());

    HostedUnit cib = hosted(CIB);
    var opener =
        new NoticeOpener(
            providers, OpeningPolicy.defaults(), new SeenNotices(jdbc, clock, CIB), n -> List.of());
    var validator =
        new CertificateValidator(
            new TrustContext(
                List.of(kit.trustAnchor()),
                List.of(kit.issuingCa()),
                kit.crls(),
                RevocationPolicy.REQUIRE));
    var processor =
        new InboundProcessor(
            () -> cib,
            opener,
            () -> validator,
            inbox,
            quarantine,
            recordingOutbox(),
            new CaseReferenceMac(new byte[32]),
            clock,
            GatewayMetrics.unregistered());
    var consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "liaison-gateway." + CIB.value(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    inbound =
        new TopicLoop(
            Topics.notices(CIB),
            consumer,
            processor,
            recordingOutbox()::flush,
            Duration.ofMillis(200));
    inbound.start();
  }

  @AfterEach
  void stop() throws Exception {
    inbound.close();
    producer.close();
    broker.close();
    db.close();
  }

  @Test
  void deliversANoticeAndAcknowledgesIt() {
    CaseNotice notice = TestNotices.alert(NCB.value(), BKK.value(), CIB.value());

    PublishOutcome outcome = publisher.publish(hosted(NCB), notice, recipients(BKK, CIB));

    assertThat(outcome.complete()).isTrue();
    assertThat(sent.find(notice.getNoticeId()).orElseThrow().copies())
        .extracting(SentNotice.Copy::state)
        .containsOnly(RecipientState.SENT);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> inbox.find(CIB.value(), notice.getNoticeId()).isPresent());
    var stored = inbox.find(CIB.value(), notice.getNoticeId()).orElseThrow();
    assertThat(stored.senderUnit()).isEqualTo("NL.NCB");
    assertThat(stored.caseRefMac()).isNotNull().doesNotContain("NL-2026-0415");
    assertThat(receipts).contains("TH.CIB->NL.NCB " + notice.getNoticeId() + " DELIVERED null");
  }

  @Test
  void quarantinesWhatFailsAChecksWithItsReasonAndBytes() {
    CaseNotice notice = TestNotices.alert(NCB.value(), CIB.value());
    publisher.publish(hosted(NCB), notice, recipients(CIB));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> inbox.find(CIB.value(), notice.getNoticeId()).isPresent());
    byte[] sealed = inbox.find(CIB.value(), notice.getNoticeId()).orElseThrow().sealed();
    HostedUnit ncb = hosted(NCB);
    var sealer = new NoticeSealer(ProviderChoice.select(), clock);

    byte[] flipped = sealed.clone();
    flipped[flipped.length - 40] ^= 0x01;
    produce(flipped, "NL.NCB");
    produce(
        sealer.seal(notice, ncb.signing(), ncb.encryption(), List.of(encryption(CIB))), "NL.NCB");
    produce(new byte[] {0x30, 0x03, 0x02, 0x01}, "NL.NCB");
    produce(sealed, "TH.CIB");
    CaseNotice forBkkOnly = TestNotices.alert(NCB.value(), BKK.value());
    publisher.publish(hosted(NCB), forBkkOnly, Map.of(CIB, encryption(CIB)));
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    CaseNotice expired =
        CaseNotice.newBuilder(TestNotices.alert(NCB.value(), CIB.value()))
            .setCreatedAt(now.minus(Duration.ofHours(2)))
            .setExpiresAt(now.minus(Duration.ofHours(1)))
            .build();
    publisher.publish(hosted(NCB), expired, recipients(CIB));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> quarantine.list(List.of(CIB.value()), 0, 50).size() == 6);
    List<QuarantinedRecord> held = quarantine.list(List.of(CIB.value()), 0, 50);
    assertThat(held)
        .extracting(QuarantinedRecord::reasonCode)
        .containsExactlyInAnyOrder(
            "DECRYPTION_FAILED",
            "REPLAY",
            "MALFORMED_CMS",
            "SENDER_MISMATCH",
            "NOT_A_RECIPIENT",
            "NOTICE_EXPIRED");
    assertThat(held).allSatisfy(q -> assertThat(q.rawBytes()).isNotEmpty());
    assertThat(receipts)
        .as("REJECTED receipts go only to a signer whose signature was verified")
        .contains(
            "TH.CIB->NL.NCB " + notice.getNoticeId() + " REJECTED REPLAY",
            "TH.CIB->NL.NCB " + notice.getNoticeId() + " REJECTED SENDER_MISMATCH",
            "TH.CIB->NL.NCB " + forBkkOnly.getNoticeId() + " REJECTED NOT_A_RECIPIENT",
            "TH.CIB->NL.NCB " + expired.getNoticeId() + " REJECTED NOTICE_EXPIRED")
        .filteredOn(r -> r.contains("REJECTED"))
        .hasSize(4);
    assertThat(inbox.list(CIB.value(), InboxQuery.all(10))).hasSize(1);
  }

  @Test
  void theSameSealedBytesOnASecondRecordAreStoredOnceAndAcknowledgedAgain() {
    CaseNotice notice = TestNotices.alert(NCB.value(), CIB.value());
    publisher.publish(hosted(NCB), notice, recipients(CIB));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> inbox.find(CIB.value(), notice.getNoticeId()).isPresent());
    byte[] sealed = inbox.find(CIB.value(), notice.getNoticeId()).orElseThrow().sealed();
    String delivered = "TH.CIB->NL.NCB " + notice.getNoticeId() + " DELIVERED null";

    produce(sealed, "NL.NCB");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> receipts.stream().filter(delivered::equals).count() == 2);
    assertThat(quarantine.list(List.of(CIB.value()), 0, 50))
        .as("a copy resent after a sender's crash is no replay")
        .isEmpty();
    assertThat(inbox.list(CIB.value(), InboxQuery.all(10))).hasSize(1);
  }

  private void produce(byte[] value, String senderHeader) {
    var record =
        new ProducerRecord<String, byte[]>(
            Topics.notices(CIB), UUID.randomUUID().toString(), value);
    record.headers().add(Headers.SENDER, Headers.bytes(senderHeader));
    try {
      producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private ReceiptOutbox recordingOutbox() {
    return new ReceiptOutbox() {
      @Override
      public void send(
          HostedUnit from,
          UnitId to,
          UUID noticeId,
          Status status,
          String reasonCode,
          byte[] sealedSha256) {
        receipts.add(from.id() + "->" + to + " " + noticeId + " " + status + " " + reasonCode);
      }

      @Override
      public void flush() {}

      @Override
      public void discard() {}
    };
  }

  private HostedUnit hosted(UnitId unit) {
    var keys = kit.unit(unit);
    return new HostedUnit(unit, keys.signing(), keys.encryption());
  }

  private X509Certificate encryption(UnitId unit) {
    return kit.unit(unit).encryption().certificate();
  }

  private Map<UnitId, X509Certificate> recipients(UnitId... units) {
    Map<UnitId, X509Certificate> map = new LinkedHashMap<>();
    for (UnitId u : units) {
      map.put(u, encryption(u));
    }
    return map;
  }
}
