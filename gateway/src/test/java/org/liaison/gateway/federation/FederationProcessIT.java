package org.liaison.gateway.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.liaison.gateway.json.NoticeJsonCodec;
import org.liaison.gateway.testing.TestNotices;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.avro.ExploitationForm;
import org.liaison.schemas.avro.Sector;
import org.liaison.schemas.avro.TraffickingDetails;
import org.liaison.schemas.codec.AvroCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The federation as the deployment runs it, here as processes ({@link ProcessFederation}): three
 * country sites, each its own gateway JVM over HTTPS with its own PostgreSQL database, on a
 * three-node Kafka cluster with TLS, client certificates and the printed ACLs. NL.NCB publishes to
 * units on the two other gateways; they read it; NL.NCB sees DELIVERED and READ. The brokers keep
 * TH.CIB out of NL.ATT-BKK's topic and refuse a certificate they do not know.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationProcessIT {

  private static final ProcessFederation.Site NCB = ProcessFederation.SITES.get(0);
  private static final ProcessFederation.Site BKK = ProcessFederation.SITES.get(1);
  private static final ProcessFederation.Site CIB = ProcessFederation.SITES.get(2);
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final Logger log = LoggerFactory.getLogger(FederationProcessIT.class);

  private static Path work;
  private static ProcessFederation federation;

  @BeforeAll
  static void start() throws Exception {
    work = Files.createTempDirectory("liaison-federation-");
    federation = ProcessFederation.start(Path.of("..").toAbsolutePath().normalize(), work);
  }

  /** Stops every process; the folder (keys made for this run) goes too, unless asked to stay. */
  @AfterAll
  static void stop() {
    if (federation != null) {
      federation.close();
    }
    if (work != null && !Boolean.getBoolean("liaison.federation.keep")) {
      FileSystemUtils.deleteRecursively(work.toFile());
    }
  }

  @Test
  @Order(1)
  void aNoticeCrossesThreeGatewaysAndItsReceiptsComeBack() throws Exception {
    var accepted = post(NCB, NCB, "/api/v1/notices", body(BKK.unit(), CIB.unit()));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String id = json(accepted).get("noticeId").stringValue();

    for (ProcessFederation.Site reader : List.of(BKK, CIB)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> get(reader, reader, "/api/v1/inbox/" + id).statusCode() == 200);
      var opened = json(get(reader, reader, "/api/v1/inbox/" + id));
      assertThat(opened.toString()).contains("NL.NCB");
      assertThat(post(reader, reader, "/api/v1/inbox/" + id + "/read", "").statusCode())
          .isEqualTo(204);
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        json(get(NCB, NCB, "/api/v1/notices/" + id))
                            .get("copies")
                            .findValuesAsString("state"))
                    .containsExactly("READ", "READ"));
  }

  @Test
  @Order(2)
  void aUnitCannotReadAnotherUnitsTopic() throws Exception {
    Map<String, Object> config =
        federation.client(onlyTlsKey(CIB.unit()), federation.secret("units.pass"));
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "liaison-gateway.TH.CIB");
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("liaison.notices.NL.ATT-BKK"));
      assertThatThrownBy(
              () -> {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (System.nanoTime() < until) {
                  consumer.poll(Duration.ofMillis(500));
                }
              })
          .isInstanceOf(TopicAuthorizationException.class)
          .hasMessageContaining("liaison.notices.NL.ATT-BKK");
    }
  }

  @Test
  @Order(3)
  void aCertificateTheBrokersDoNotKnowCannotConnect() throws Exception {
    Path stranger = selfSigned("CN=NL.NCB,O=Liaison,C=NL");
    Map<String, Object> config = federation.client(stranger, "stranger-pass");
    config.put("request.timeout.ms", 10_000);
    config.put("default.api.timeout.ms", 20_000);
    try (Admin admin = Admin.create(config)) {
      assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SslAuthenticationException.class);
    }
  }

  /**
   * Issue 16, scenario 1: the broker leading TH.CIB's notices is killed (SIGKILL) in the middle of
   * a stream and restarted later; then two brokers at once, when publishes must answer 503
   * KAFKA_UNAVAILABLE (never 202) and succeed again, with the same key, once they are back. Every
   * notice answered 202 is once in TH.CIB's inbox and DELIVERED on NL.NCB's view.
   */
  @Test
  @Order(10)
  void brokerLossLosesAndDuplicatesNothingAcknowledged() throws Exception {
    int leader = leaderOf("liaison.notices.TH.CIB");
    long inbox0 = inboxCount(CIB);
    var stream = new PublishStream("broker-loss", 600, 4);
    stream.at(150, () -> federation.killBroker(leader));
    stream.at(400, () -> federation.startBroker(leader));
    Map<String, String> ids = stream.run();
    federation.awaitBrokers(3);

    int down1 = leader % 3 + 1;
    int down2 = down1 % 3 + 1;
    federation.killBroker(down1);
    federation.killBroker(down2);
    String body = body(CIB.unit());
    long asked = System.nanoTime();
    var refused = post(NCB, NCB, "/api/v1/notices", body, "Idempotency-Key", "two-down");
    long refusedMillis = Duration.ofNanos(System.nanoTime() - asked).toMillis();
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
    assertThat(json(refused).get("code").stringValue()).isEqualTo("KAFKA_UNAVAILABLE");
    federation.startBroker(down1);
    federation.startBroker(down2);
    federation.awaitBrokers(3);
    var accepted =
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofSeconds(2))
            .until(
                () -> post(NCB, NCB, "/api/v1/notices", body, "Idempotency-Key", "two-down"),
                r -> r.statusCode() == 202);
    assertThat(json(accepted).get("noticeId").stringValue())
        .as("the retry finishes the notice the refused request began")
        .isEqualTo(json(refused).get("noticeId").stringValue());
    ids.put("two-down", json(accepted).get("noticeId").stringValue());

    auditOnceEach(ids, inbox0);
    log.info(
        "broker loss: {} notices answered 202 in {} ms ({} answers 503 or cut off, retried with"
            + " their key), leader kafka-{} killed after 150 and back after 400; two brokers down:"
            + " 503 after {} ms",
        stream.accepted(),
        stream.millis(),
        stream.retries(),
        leader,
        refusedMillis);
  }

  /**
   * Issue 16, scenario 2: TH.CIB's gateway is killed with SIGKILL in the middle of a stream and
   * restarted: every notice stored once, DELIVERED once on the sender's view, nothing quarantined.
   */
  @Test
  @Order(11)
  void aReceivingGatewayKilledMidStreamStoresEachNoticeOnce() throws Exception {
    long inbox0 = inboxCount(CIB);
    long quarantine0 = count(CIB, "select count(*) from quarantine");
    var stream = new PublishStream("receiver-kill", 400, 4);
    stream.at(100, () -> federation.stopGateway(CIB, true));
    Map<String, String> ids = stream.run();
    long restarted = System.nanoTime();
    federation.restartGateway(CIB);
    auditOnceEach(ids, inbox0);
    assertThat(count(CIB, "select count(*) from quarantine"))
        .as("nothing quarantined that should not be")
        .isEqualTo(quarantine0);
    log.info(
        "receiver kill: {} notices, all stored once {} s after the restart began",
        stream.accepted(),
        Duration.ofNanos(System.nanoTime() - restarted).toSeconds());
  }

  /**
   * Issue 16, scenario 3: NL.NCB's own gateway is killed with SIGKILL in the middle of a stream and
   * restarted. Requests cut off by the kill are retried with their Idempotency-Key (a claim the
   * dead process held answers 409 until its lease ends, then the retry finishes the same notice):
   * every key ends as one notice, once in the inbox, DELIVERED.
   */
  @Test
  @Order(12)
  void aSendingGatewayKilledMidStreamSendsEachKeysNoticeOnce() throws Exception {
    long inbox0 = inboxCount(CIB);
    var stream = new PublishStream("sender-kill", 300, 4);
    stream.at(
        100,
        () -> {
          federation.stopGateway(NCB, true);
          federation.restartGateway(NCB);
        });
    Map<String, String> ids = stream.run();
    auditOnceEach(ids, inbox0);
    log.info(
        "sender kill: {} keys, {} answers refused, cut off or in flight and retried; {} ms",
        stream.accepted(),
        stream.retries(),
        stream.millis());
  }

  /** Each key's notice once in TH.CIB's inbox, no other new notice there, each DELIVERED. */
  private static void auditOnceEach(Map<String, String> ids, long inbox0) throws Exception {
    assertThat(ids.values()).as("one notice per key").doesNotHaveDuplicates();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(() -> assertThat(inboxCount(CIB) - inbox0).isEqualTo((long) ids.size()));
    for (String id : ids.values()) {
      assertThat(
              count(
                  CIB,
                  "select count(*) from inbox_notice where unit_id = 'TH.CIB' and notice_id = '"
                      + id
                      + "'"))
          .as("notice %s in TH.CIB's inbox", id)
          .isEqualTo(1);
    }
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () ->
                assertThat(
                        count(
                            NCB,
                            "select count(*) from sent_recipient where recipient_unit = 'TH.CIB'"
                                + " and state = 'DELIVERED' and notice_id in ("
                                + String.join(
                                    ",", ids.values().stream().map(i -> "'" + i + "'").toList())
                                + ")"))
                    .isEqualTo((long) ids.size()));
  }

  private static long inboxCount(ProcessFederation.Site site) throws Exception {
    return count(
        site, "select count(*) from inbox_notice where unit_id = '" + site.unit().value() + "'");
  }

  private static long count(ProcessFederation.Site site, String sql) throws Exception {
    try (var c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/" + site.database(), "postgres", "");
        var s = c.createStatement();
        var r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static int leaderOf(String topic) throws Exception {
    try (Admin admin = Admin.create(federation.superUser())) {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .get(topic)
          .partitions()
          .get(0)
          .leader()
          .id();
    }
  }

  /** An action at a point of a stream. */
  private interface Step {
    void run() throws Exception;
  }

  /**
   * {@code count} notices from NL.NCB to TH.CIB by {@code clients} callers at once, each with its
   * own Idempotency-Key; an answer other than 202 (503, 409, a connection cut) is retried with the
   * same key until 202. Steps run when so many notices have been answered 202.
   */
  private static final class PublishStream {
    private final String name;
    private final int count;
    private final int clients;
    private final Map<Integer, Step> steps = new java.util.TreeMap<>();
    private final java.util.concurrent.atomic.AtomicInteger accepted =
        new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger retries =
        new java.util.concurrent.atomic.AtomicInteger();
    private long millis;

    PublishStream(String name, int count, int clients) {
      this.name = name;
      this.count = count;
      this.clients = clients;
    }

    void at(int answered, Step step) {
      steps.put(answered, step);
    }

    int accepted() {
      return accepted.get();
    }

    int retries() {
      return retries.get();
    }

    long millis() {
      return millis;
    }

    Map<String, String> run() throws Exception {
      Map<String, String> ids = new java.util.concurrent.ConcurrentHashMap<>();
      String body = body(CIB.unit());
      var next = new java.util.concurrent.atomic.AtomicInteger();
      var pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
      long started = System.nanoTime();
      List<java.util.concurrent.Future<?>> work = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        work.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    String key = name + "-" + i;
                    ids.put(key, publishUntilAccepted(body, key));
                    accepted.incrementAndGet();
                  }
                  return null;
                }));
      }
      for (var step : steps.entrySet()) {
        await()
            .atMost(Duration.ofMinutes(5))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> accepted.get() >= step.getKey());
        step.getValue().run();
      }
      pool.shutdown();
      for (var w : work) {
        w.get(10, TimeUnit.MINUTES);
      }
      millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
      return new HashMap<>(ids);
    }

    private String publishUntilAccepted(String body, String key) throws Exception {
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (true) {
        try {
          var answer = post(NCB, NCB, "/api/v1/notices", body, "Idempotency-Key", key);
          if (answer.statusCode() == 202) {
            return json(answer).get("noticeId").stringValue();
          }
          assertThat(answer.statusCode()).as(answer.body()).isIn(409, 429, 503);
        } catch (java.io.IOException e) {
          // the connection was cut: retried with the same key
        }
        retries.incrementAndGet();
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no 202 for " + key + " within 5 minutes");
        }
        Thread.sleep(1000);
      }
    }
  }

  private static String body(UnitId... recipients) {
    String[] to = Arrays.stream(recipients).map(UnitId::value).toArray(String[]::new);
    CaseNotice notice = TestNotices.alert(NCB.unit().value(), to);
    notice.setTrafficking(
        TraffickingDetails.newBuilder()
            .setForms(List.of(ExploitationForm.FORCED_LABOUR))
            .setSectors(List.of(Sector.FISHING_AND_SEA))
            .build());
    var json = new NoticeJsonCodec(AvroCodec.caseNotices()).write(notice);
    json.remove(List.of("noticeId", "createdAt", "originator", "formatVersion"));
    return json.toString();
  }

  private static HttpResponse<String> get(
      ProcessFederation.Site at, ProcessFederation.Site as, String path) throws Exception {
    return client(as).send(request(at, path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(
      ProcessFederation.Site at,
      ProcessFederation.Site as,
      String path,
      String body,
      String... headers)
      throws Exception {
    var request =
        request(at, path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client(as).send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(ProcessFederation.Site at, String path) {
    return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + at.httpsPort() + path))
        .timeout(Duration.ofSeconds(60));
  }

  private static final Map<String, HttpClient> CLIENTS = new HashMap<>();

  /** An HTTPS client presenting {@code as}'s unit TLS certificate, trusting the federation root. */
  private static synchronized HttpClient client(ProcessFederation.Site as) throws Exception {
    HttpClient existing = CLIENTS.get(as.name());
    if (existing != null) {
      return existing;
    }
    char[] password = federation.secret("units.pass").toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(onlyTlsKey(as.unit()))) {
      keys.load(in, password);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
    kmf.init(keys, password);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in =
        Files.newInputStream(federation.federation().resolve("kafka/truststore.p12"))) {
      trust.load(in, federation.secret("kafka.pass").toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    HttpClient client =
        HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    CLIENTS.put(as.name(), client);
    return client;
  }

  /** A copy of {@code unit}'s key store with its TLS key alone, as a case system would hold it. */
  private static Path onlyTlsKey(UnitId unit) throws Exception {
    Path copy = work.resolve("clients").resolve(unit.value() + "-tls.p12");
    if (Files.exists(copy)) {
      return copy;
    }
    char[] password = federation.secret("units.pass").toCharArray();
    KeyStore all = KeyStore.getInstance("PKCS12");
    try (InputStream in =
        Files.newInputStream(federation.federation().resolve("units/" + unit.value() + ".p12"))) {
      all.load(in, password);
    }
    KeyStore one = KeyStore.getInstance("PKCS12");
    one.load(null, null);
    one.setKeyEntry("tls", all.getKey("tls", password), password, all.getCertificateChain("tls"));
    Files.createDirectories(copy.getParent());
    try (var out = Files.newOutputStream(copy)) {
      one.store(out, password);
    }
    return copy;
  }

  /** A key store with a self-signed certificate that copies a unit's name: a stranger. */
  private static Path selfSigned(String subject) throws Exception {
    var generator = java.security.KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    var pair = generator.generateKeyPair();
    X500Name name = new X500Name(subject);
    Instant now = Instant.now();
    var holder =
        new JcaX509v3CertificateBuilder(
                name,
                BigInteger.valueOf(now.toEpochMilli()),
                java.util.Date.from(now.minusSeconds(60)),
                java.util.Date.from(now.plus(Duration.ofDays(1))),
                name,
                pair.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    var cert = new JcaX509CertificateConverter().getCertificate(holder);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    PrivateKey key = pair.getPrivate();
    store.setKeyEntry("stranger", key, "stranger-pass".toCharArray(), new Certificate[] {cert});
    Path file = work.resolve("clients").resolve("stranger.p12");
    Files.createDirectories(file.getParent());
    try (var out = Files.newOutputStream(file)) {
      store.store(out, "stranger-pass".toCharArray());
    }
    return file;
  }

  private static JsonNode json(HttpResponse<String> response) {
    return MAPPER.readTree(response.body());
  }
}
