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
import java.time.Duration;
import java.time.Instant;
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
import org.junit.jupiter.api.Test;
import org.liaison.gateway.json.NoticeJsonCodec;
import org.liaison.gateway.testing.TestNotices;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.avro.ExploitationForm;
import org.liaison.schemas.avro.Sector;
import org.liaison.schemas.avro.TraffickingDetails;
import org.liaison.schemas.codec.AvroCodec;
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
class FederationProcessIT {

  private static final ProcessFederation.Site NCB = ProcessFederation.SITES.get(0);
  private static final ProcessFederation.Site BKK = ProcessFederation.SITES.get(1);
  private static final ProcessFederation.Site CIB = ProcessFederation.SITES.get(2);
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

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
      ProcessFederation.Site at, ProcessFederation.Site as, String path, String body)
      throws Exception {
    return client(as)
        .send(
            request(at, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
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
