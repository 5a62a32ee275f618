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
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
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
 *
 * <p>Then the fault scenarios of issue 16 (orders 10 to 15), on the same running federation: broker
 * loss, a receiving and a sending gateway killed, two instances of one unit's gateway, the database
 * down, a gateway partitioned from the brokers. Each ends with an audit from the databases ({@link
 * FaultAudit}), whose table goes to {@code target/failsafe-reports/fault-audit.md}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationProcessIT {

  private static final ProcessFederation.Site NCB = ProcessFederation.SITES.get(0);
  private static final ProcessFederation.Site BKK = ProcessFederation.SITES.get(1);
  private static final ProcessFederation.Site CIB = ProcessFederation.SITES.get(2);
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final Logger log = LoggerFactory.getLogger(FederationProcessIT.class);

  /** The second instance of TH.CIB's gateway (scenario 4), in this suite's port range. */
  private static final int SECOND_CIB_PORT = 47443;

  /** The consumer group session timeout: Kafka's default, which the gateway keeps. */
  private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(45);

  private static final Duration DATABASE_DOWN = Duration.ofSeconds(30);

  private static final Duration PARTITION = Duration.ofSeconds(20);

  private static Path work;
  private static ProcessFederation federation;
  private static final FaultAudit AUDIT = new FaultAudit(site -> federation.jdbcUrl(site));

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
    var before = AUDIT.before(CIB);
    var stream = new PublishStream("broker-loss", NCB, CIB, 600, 4);
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
    long healed = System.nanoTime();
    var accepted =
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofSeconds(2))
            .until(
                () -> post(NCB, NCB, "/api/v1/notices", body, "Idempotency-Key", "two-down"),
                r -> r.statusCode() == 202);
    Duration twoDownWait = Duration.ofNanos(System.nanoTime() - asked);
    assertThat(json(accepted).get("noticeId").stringValue())
        .as("the retry finishes the notice the refused request began")
        .isEqualTo(json(refused).get("noticeId").stringValue());
    ids.put("two-down", json(accepted).get("noticeId").stringValue());

    var row =
        AUDIT.audit(
            "1. broker loss (leader SIGKILL, then 2 of 3 down)",
            NCB,
            CIB,
            ids.values(),
            before,
            healed,
            max(stream.longestWait(), twoDownWait),
            Duration.ofMinutes(3),
            String.format(
                "leader kafka-%d killed after 150 acks, back after 400; two down: 503"
                    + " KAFKA_UNAVAILABLE in %d ms, the same key 202 once back; %d answers"
                    + " retried (%s)",
                leader, refusedMillis, stream.retries(), stream.refusals()));
    assertClean(row);
  }

  /**
   * Issue 16, scenario 2: TH.CIB's gateway is killed with SIGKILL in the middle of a stream and
   * restarted: every notice stored once, DELIVERED once on the sender's view, nothing quarantined.
   */
  @Test
  @Order(11)
  void aReceivingGatewayKilledMidStreamStoresEachNoticeOnce() throws Exception {
    var before = AUDIT.before(CIB);
    var stream = new PublishStream("receiver-kill", NCB, CIB, 400, 4);
    stream.at(100, () -> federation.stopGateway(CIB, true));
    Map<String, String> ids = stream.run();
    long restarted = System.nanoTime();
    federation.restartGateway(CIB);
    var row =
        AUDIT.audit(
            "2. receiving gateway kill -9",
            NCB,
            CIB,
            ids.values(),
            before,
            restarted,
            stream.longestWait(),
            Duration.ofMinutes(3),
            "TH.CIB killed after 100 acks, restarted after the stream ("
                + stream.millis()
                + " ms); caught up counted from the restart's beginning");
    assertClean(row);
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
    var before = AUDIT.before(CIB);
    var stream = new PublishStream("sender-kill", NCB, CIB, 300, 4);
    AtomicLong restarted = new AtomicLong();
    stream.at(
        100,
        () -> {
          federation.stopGateway(NCB, true);
          restarted.set(System.nanoTime());
          federation.restartGateway(NCB);
        });
    Map<String, String> ids = stream.run();
    var row =
        AUDIT.audit(
            "3. sending gateway kill -9",
            NCB,
            CIB,
            ids.values(),
            before,
            restarted.get(),
            stream.longestWait(),
            Duration.ofMinutes(3),
            "NL.NCB killed after 100 acks and restarted at once; "
                + stream.retries()
                + " answers retried with their key ("
                + stream.refusals()
                + ")");
    assertClean(row);
  }

  /**
   * Issue 16, scenario 4: a second instance of TH.CIB's gateway (its own Kafka instance id, the
   * same database and consumer group) shares the unit's partitions; the instance holding more of
   * them is killed with SIGKILL mid-stream. The survivor keeps storing on its own partitions, takes
   * the dead one's once the group's session timeout (Kafka's 45 s) ends, and re-reads what the dead
   * one stored without committing: every notice once, DELIVERED. The takeover gap is, on each
   * partition the dead instance held, from the last notice it stored to the first the survivor
   * stored.
   */
  @Test
  @Order(13)
  void aUnitsSecondGatewayTakesOverFromAKilledOne() throws Exception {
    String second = CIB.name() + "-b";
    federation.startInstance(CIB, second, SECOND_CIB_PORT);
    federation.awaitInstance(second, SECOND_CIB_PORT);
    String killed = null;
    try {
      Map<String, List<Integer>> owners =
          await()
              .atMost(Duration.ofMinutes(2))
              .pollInterval(Duration.ofSeconds(1))
              .until(
                  FederationProcessIT::noticePartitionOwners,
                  o -> o.size() == 2 && o.values().stream().mapToInt(List::size).sum() == 3);
      killed =
          owners.entrySet().stream()
              .max(Comparator.comparingInt(e -> e.getValue().size()))
              .orElseThrow()
              .getKey();
      String victim = killed;
      String survivor = victim.equals(CIB.name()) ? second : CIB.name();
      List<Integer> taken = owners.get(victim);
      List<Integer> kept = owners.get(survivor);

      var before = AUDIT.before(CIB);
      var stream = new PublishStream("takeover", NCB, CIB, 600, 4);
      AtomicLong killedNanos = new AtomicLong();
      AtomicReference<Instant> killedAt = new AtomicReference<>();
      stream.at(
          150,
          () -> {
            killedAt.set(Instant.now());
            killedNanos.set(System.nanoTime());
            federation.stopInstance(victim, true);
          });
      Map<String, String> ids = stream.run();
      var row =
          AUDIT.audit(
              "4. two instances of TH.CIB's gateway, the busier one kill -9",
              NCB,
              CIB,
              ids.values(),
              before,
              killedNanos.get(),
              stream.longestWait(),
              Duration.ofMinutes(3),
              "placeholder");
      Duration gap = Duration.ZERO;
      for (int partition : taken) {
        gap = max(gap, takeoverGap(ids.values(), partition, killedAt.get()));
      }
      long survivorDuringGap = storedBetween(ids.values(), kept, killedAt.get(), gap);
      FaultAudit.replaceNotes(
          row,
          String.format(
              "killed %s (partitions %s), survivor %s (partitions %s); takeover gap %s (last"
                  + " store by the killed one to the first by the survivor on its partitions;"
                  + " Kafka's session timeout 45 s); the survivor stored %d notices on its own"
                  + " partitions meanwhile; caught up counted from the kill",
              victim, taken, survivor, kept, FaultAudit.seconds(gap), survivorDuringGap));
      assertClean(row);
      assertThat(gap)
          .as("the survivor takes the partitions over once the session timeout ends")
          .isLessThan(SESSION_TIMEOUT.plusSeconds(30));
      assertThat(survivorDuringGap)
          .as("the survivor kept storing on its own partitions while the dead one's waited")
          .isPositive();
    } finally {
      // Back to one instance: the original restarted if it was the one killed, then the second
      // stopped politely (it leaves the group, so the original takes every partition at once).
      if (CIB.name().equals(killed)) {
        federation.restartGateway(CIB);
      }
      federation.stopInstance(second, false);
    }
  }

  /**
   * Issue 16, scenario 5: NL.NCB's database server (one of its own, {@link PostgresProcess}) is
   * stopped as a crash would (pg_ctl -m immediate) for 30 s in the middle of NL.NCB's stream to
   * TH.CIB, while TH.CIB sends a stream to NL.NCB. NL.NCB's publishes answer 503
   * DATABASE_UNAVAILABLE (never 202, never 500) within seconds, and its retries with the same keys
   * succeed once the server is back; its consumers (TH.CIB's notices, TH.CIB's receipts) pause and
   * resume from their committed offsets: nothing skipped, nothing twice, in both directions.
   */
  @Test
  @Order(14)
  void theSendersDatabaseDownForThirtySecondsRefusesWithACodeAndSkipsNothing() throws Exception {
    var beforeCib = AUDIT.before(CIB);
    var beforeNcb = AUDIT.before(NCB);
    var out = new PublishStream("db-out", NCB, CIB, 400, 4);
    var in = new PublishStream("db-in", CIB, NCB, 200, 2);
    AtomicLong down = new AtomicLong();
    AtomicLong back = new AtomicLong();
    AtomicReference<Instant> backAt = new AtomicReference<>();
    CompletableFuture<Map<String, String>> inbound = new CompletableFuture<>();
    out.at(
        100,
        () -> {
          federation.stopOwnDatabase(true);
          down.set(System.nanoTime());
          // TH.CIB's stream to NL.NCB runs while NL.NCB's database is down.
          Thread sender =
              new Thread(
                  () -> {
                    try {
                      inbound.complete(in.run());
                    } catch (Throwable e) {
                      inbound.completeExceptionally(e);
                    }
                  },
                  "db-in-stream");
          sender.start();
          Thread.sleep(DATABASE_DOWN.toMillis());
          federation.startOwnDatabase();
          back.set(System.nanoTime());
          backAt.set(Instant.now());
        });
    Map<String, String> sent = out.run();
    Map<String, String> received = inbound.get(10, TimeUnit.MINUTES);

    var rowOut =
        AUDIT.audit(
            "5. NL.NCB's database down 30 s: NL.NCB → TH.CIB",
            NCB,
            CIB,
            sent.values(),
            beforeCib,
            back.get(),
            out.longestWait(),
            Duration.ofMinutes(3),
            String.format(
                "server stopped (immediate) after 100 acks; answers while down: %s; slowest"
                    + " refusal %d ms; 202 answered to a request sent while down: %d",
                out.refusals(),
                out.slowestRefusalMillis(),
                out.acceptedBetween(down.get(), back.get())));
    long storedAfterBack =
        AUDIT.count(
            NCB,
            "select count(*) from inbox_notice where unit_id = 'NL.NCB' and received_at >= '"
                + java.sql.Timestamp.from(backAt.get())
                + "' and notice_id in ("
                + in(received.values())
                + ")");
    var rowIn =
        AUDIT.audit(
            "5. NL.NCB's database down 30 s: TH.CIB → NL.NCB",
            CIB,
            NCB,
            received.values(),
            beforeNcb,
            back.get(),
            in.longestWait(),
            Duration.ofMinutes(3),
            String.format(
                "sent while NL.NCB's database was down; %d of %d stored after it came back"
                    + " (consumption paused, then resumed)",
                storedAfterBack, received.size()));
    assertClean(rowOut);
    assertClean(rowIn);
    assertThat(out.refusals())
        .as("publishes while the database is down are refused with a code")
        .containsKey("503 DATABASE_UNAVAILABLE");
    assertThat(out.refusals().keySet())
        .as("no answer but these while the database is down")
        .allMatch(
            code ->
                code.equals("503 DATABASE_UNAVAILABLE")
                    || code.equals("409 IDEMPOTENCY_KEY_IN_FLIGHT")
                    || code.equals("cut"));
    assertThat(out.acceptedBetween(down.get(), back.get()))
        .as("nothing asked while the database was down is answered 202 before it is back")
        .isZero();
    // A request may wait for a connection twice (its work, then its clean-up), 5 s each; with
    // Hikari's default the first wait alone was 30 s.
    assertThat(out.slowestRefusalMillis())
        .as("a refusal comes within the pool's connection timeout, not after a hang")
        .isLessThan(25_000);
    assertThat(storedAfterBack)
        .as("NL.NCB's inbound consumption paused while its database was down")
        .isPositive();
  }

  /**
   * Issue 16, scenario 6: NL.NCB's gateway is moved into a network namespace of its own, where the
   * brokers are reachable only over one veth link, its database and callers over another. That link
   * is cut (set down on the host side: packets dropped without an answer) for 20 s in the middle of
   * NL.NCB's stream to TH.CIB, while TH.CIB sends to NL.NCB. NL.NCB's publishes answer 503
   * KAFKA_UNAVAILABLE (never 202) while cut, and succeed with the same keys once healed; its inbox
   * (TH.CIB's notices) and its outbox (its DELIVERED receipts to TH.CIB, the receipts it reads
   * back) catch up: nothing skipped, nothing twice, in both directions.
   */
  @Test
  @Order(15)
  void aGatewayPartitionedFromTheBrokersCatchesUpWhenHealed() throws Exception {
    federation.moveIntoNamespace(NCB);
    NetworkNamespace link = federation.namespace();
    var beforeCib = AUDIT.before(CIB);
    var beforeNcb = AUDIT.before(NCB);
    var out = new PublishStream("partition-out", NCB, CIB, 300, 4);
    var in = new PublishStream("partition-in", CIB, NCB, 150, 2);
    AtomicLong cut = new AtomicLong();
    AtomicLong healed = new AtomicLong();
    AtomicReference<Instant> healedAt = new AtomicReference<>();
    CompletableFuture<Map<String, String>> inbound = new CompletableFuture<>();
    try {
      out.at(
          80,
          () -> {
            link.cut();
            cut.set(System.nanoTime());
            Thread sender =
                new Thread(
                    () -> {
                      try {
                        inbound.complete(in.run());
                      } catch (Throwable e) {
                        inbound.completeExceptionally(e);
                      }
                    },
                    "partition-in-stream");
            sender.start();
            Thread.sleep(PARTITION.toMillis());
            link.heal();
            healed.set(System.nanoTime());
            healedAt.set(Instant.now());
          });
      Map<String, String> sent = out.run();
      Map<String, String> received = inbound.get(10, TimeUnit.MINUTES);

      var rowOut =
          AUDIT.audit(
              "6. NL.NCB partitioned from the brokers 20 s: NL.NCB → TH.CIB",
              NCB,
              CIB,
              sent.values(),
              beforeCib,
              healed.get(),
              out.longestWait(),
              Duration.ofMinutes(3),
              String.format(
                  "ip netns + veth, host end set down after 80 acks; answers while cut: %s;"
                      + " slowest refusal %d ms; 202 answered to a request sent while cut: %d",
                  out.refusals(),
                  out.slowestRefusalMillis(),
                  out.acceptedBetween(cut.get(), healed.get())));
      long storedAfterHeal =
          AUDIT.count(
              NCB,
              "select count(*) from inbox_notice where unit_id = 'NL.NCB' and received_at >= '"
                  + java.sql.Timestamp.from(healedAt.get())
                  + "' and notice_id in ("
                  + in(received.values())
                  + ")");
      var rowIn =
          AUDIT.audit(
              "6. NL.NCB partitioned from the brokers 20 s: TH.CIB → NL.NCB",
              CIB,
              NCB,
              received.values(),
              beforeNcb,
              healed.get(),
              in.longestWait(),
              Duration.ofMinutes(3),
              String.format(
                  "sent while NL.NCB was cut off; %d of %d stored after the heal, their DELIVERED"
                      + " receipts sent from NL.NCB's outbox then",
                  storedAfterHeal, received.size()));
      assertClean(rowOut);
      assertClean(rowIn);
      assertThat(out.refusals())
          .as("publishes while cut off from the brokers are refused with a code")
          .containsKey("503 KAFKA_UNAVAILABLE");
      assertThat(out.refusals().keySet())
          .as("no answer but these while cut off")
          .allMatch(
              code ->
                  code.equals("503 KAFKA_UNAVAILABLE")
                      || code.equals("409 IDEMPOTENCY_KEY_IN_FLIGHT")
                      || code.equals("cut"));
      assertThat(out.acceptedBetween(cut.get(), healed.get()))
          .as("nothing asked while cut off is answered 202 before the heal")
          .isZero();
      assertThat(storedAfterHeal)
          .as("NL.NCB's inbound consumption waited for the heal")
          .isPositive();
    } finally {
      link.heal();
    }
  }

  private static void assertClean(FaultAudit.Row row) {
    assertThat(row.missing()).as("%s: acknowledged notices missing", row.scenario()).isZero();
    assertThat(row.duplicated()).as("%s: notices duplicated", row.scenario()).isZero();
    assertThat(row.quarantined()).as("%s: copies quarantined", row.scenario()).isZero();
    assertThat(row.receipts())
        .as("%s: copies DELIVERED on the sender's view", row.scenario())
        .isEqualTo(row.acked());
  }

  /** Which instance of TH.CIB's gateway holds which partitions of its notices topic. */
  private static Map<String, List<Integer>> noticePartitionOwners() throws Exception {
    String topic = "liaison.notices.TH.CIB";
    String prefix = "liaison-inbound-TH.CIB.";
    Map<String, List<Integer>> owners = new TreeMap<>();
    try (Admin admin = Admin.create(federation.superUser())) {
      var group =
          admin
              .describeConsumerGroups(List.of("liaison-gateway.TH.CIB"))
              .all()
              .get(30, TimeUnit.SECONDS)
              .get("liaison-gateway.TH.CIB");
      for (var member : group.members()) {
        String instance = member.groupInstanceId().orElse("");
        if (!instance.startsWith(prefix)) {
          continue;
        }
        for (var tp : member.assignment().topicPartitions()) {
          if (tp.topic().equals(topic)) {
            owners
                .computeIfAbsent(instance.substring(prefix.length()), k -> new ArrayList<>())
                .add(tp.partition());
          }
        }
      }
    }
    owners.values().forEach(java.util.Collections::sort);
    return owners;
  }

  /**
   * On {@code partition}, among {@code ids}: from the last notice stored before {@code killedAt}
   * (or that instant, if none) to the first stored after it.
   */
  private static Duration takeoverGap(Collection<String> ids, int partition, Instant killedAt)
      throws Exception {
    try (var c = DriverManager.getConnection(federation.jdbcUrl(CIB), "postgres", "");
        var s =
            c.prepareStatement(
                "select max(received_at) filter (where received_at <= ?),"
                    + " min(received_at) filter (where received_at > ?) from inbox_notice"
                    + " where unit_id = 'TH.CIB' and kafka_partition = ? and notice_id in ("
                    + in(ids)
                    + ")")) {
      var at = java.sql.Timestamp.from(killedAt);
      s.setTimestamp(1, at);
      s.setTimestamp(2, at);
      s.setInt(3, partition);
      try (var r = s.executeQuery()) {
        r.next();
        var last = r.getTimestamp(1);
        var first = r.getTimestamp(2);
        if (first == null) {
          return Duration.ZERO;
        }
        return Duration.between(last == null ? killedAt : last.toInstant(), first.toInstant());
      }
    }
  }

  /**
   * How many of {@code ids} were stored on {@code partitions} within {@code window} of {@code
   * from}.
   */
  private static long storedBetween(
      Collection<String> ids, List<Integer> partitions, Instant from, Duration window)
      throws Exception {
    return AUDIT.count(
        CIB,
        "select count(*) from inbox_notice where unit_id = 'TH.CIB' and kafka_partition in ("
            + partitions.stream().map(String::valueOf).collect(Collectors.joining(","))
            + ") and received_at > '"
            + java.sql.Timestamp.from(from)
            + "' and received_at < '"
            + java.sql.Timestamp.from(from.plus(window))
            + "' and notice_id in ("
            + in(ids)
            + ")");
  }

  private static String in(Collection<String> ids) {
    return ids.stream().map(i -> "'" + i + "'").collect(Collectors.joining(","));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static long count(ProcessFederation.Site site, String sql) throws Exception {
    return AUDIT.count(site, sql);
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
   * {@code count} notices from {@code from} to {@code to} by {@code clients} callers at once, each
   * with its own Idempotency-Key; an answer other than 202 (503, 409, a connection cut) is retried
   * with the same key until 202. Steps run when so many notices have been answered 202. It keeps
   * what the audit reports: the refusals by status and code, the longest wait for a 202, the
   * slowest refusal, and when each 202 was asked and answered.
   */
  private static final class PublishStream {
    private final String name;
    private final ProcessFederation.Site from;
    private final ProcessFederation.Site to;
    private final int count;
    private final int clients;
    private final Map<Integer, Step> steps = new TreeMap<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final AtomicLong longestWait = new AtomicLong();
    private final AtomicLong slowestRefusal = new AtomicLong();
    private final Queue<long[]> acceptedAt = new ConcurrentLinkedQueue<>();
    private long millis;

    PublishStream(
        String name,
        ProcessFederation.Site from,
        ProcessFederation.Site to,
        int count,
        int clients) {
      this.name = name;
      this.from = from;
      this.to = to;
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

    Duration longestWait() {
      return Duration.ofNanos(longestWait.get());
    }

    long slowestRefusalMillis() {
      return Duration.ofNanos(slowestRefusal.get()).toMillis();
    }

    /** Non-202 answers by "status CODE" ("cut" for a connection cut), sorted. */
    Map<String, Integer> refusals() {
      Map<String, Integer> copy = new TreeMap<>();
      refusals.forEach((k, v) -> copy.put(k, v.get()));
      return copy;
    }

    /** 202 answers to requests sent after {@code from} and answered before {@code until}. */
    long acceptedBetween(long from, long until) {
      return acceptedAt.stream().filter(a -> a[0] > from && a[1] < until).count();
    }

    Map<String, String> run() throws Exception {
      Map<String, String> ids = new ConcurrentHashMap<>();
      String body = body(to.unit());
      var next = new AtomicInteger();
      var pool = Executors.newFixedThreadPool(clients);
      long started = System.nanoTime();
      List<Future<?>> work = new ArrayList<>();
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
      try {
        for (var step : steps.entrySet()) {
          await()
              .atMost(Duration.ofMinutes(5))
              .pollInterval(Duration.ofMillis(50))
              .until(() -> accepted.get() >= step.getKey());
          step.getValue().run();
        }
      } finally {
        pool.shutdown();
      }
      for (var w : work) {
        w.get(10, TimeUnit.MINUTES);
      }
      millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
      return new HashMap<>(ids);
    }

    private String publishUntilAccepted(String body, String key) throws Exception {
      long first = System.nanoTime();
      long deadline = first + Duration.ofMinutes(5).toNanos();
      while (true) {
        long asked = System.nanoTime();
        try {
          var answer = post(from, from, "/api/v1/notices", body, "Idempotency-Key", key);
          long answered = System.nanoTime();
          if (answer.statusCode() == 202) {
            acceptedAt.add(new long[] {asked, answered});
            longestWait.accumulateAndGet(answered - first, Math::max);
            return json(answer).get("noticeId").stringValue();
          }
          assertThat(answer.statusCode()).as(answer.body()).isIn(409, 429, 503);
          slowestRefusal.accumulateAndGet(answered - asked, Math::max);
          refusals
              .computeIfAbsent(
                  answer.statusCode() + " " + json(answer).path("code").asString(""),
                  k -> new AtomicInteger())
              .incrementAndGet();
        } catch (java.io.IOException e) {
          // the connection was cut: retried with the same key
          refusals.computeIfAbsent("cut", k -> new AtomicInteger()).incrementAndGet();
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
    return HttpRequest.newBuilder(
            URI.create("https://" + federation.host(at) + ":" + at.httpsPort() + path))
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
