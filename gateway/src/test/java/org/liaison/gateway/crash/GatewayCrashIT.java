package org.liaison.gateway.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.liaison.gateway.dev.EmbeddedKafkaBroker;
import org.liaison.gateway.json.NoticeJsonCodec;
import org.liaison.gateway.testing.TestNotices;
import org.liaison.gateway.twogateways.FederationFiles;
import org.liaison.gateway.twogateways.GatewayArguments;
import org.liaison.gateway.twogateways.GatewayDatabase;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * A gateway killed with SIGKILL while four clients publish, restarted on the same database, data
 * folder and Kafka cluster: every notice it answered 202, before the kill or after the restart, is
 * once in each recipient's inbox and readable on the sender's view, each Idempotency-Key names one
 * notice, and every copy ends DELIVERED. The gateway hosts the sender ({@code NL.NCB}) and both
 * recipients ({@code NL.ATT-BKK}, {@code TH.CIB}), so that the kill breaks its own database
 * commits, its Kafka offset commits and its receipts in both directions at once. Run on H2 (a file
 * database, as a single development gateway runs) and on PostgreSQL.
 *
 * <p>The time from the restart to the first notice delivered is reported (JUnit's report entries),
 * not asserted beyond a generous bound: the promise tested is durability, not speed.
 */
class GatewayCrashIT {

  private static final Logger log = LoggerFactory.getLogger(GatewayCrashIT.class);

  private static final UnitId NCB = UnitId.of("NL.NCB");
  private static final UnitId BKK = UnitId.of("NL.ATT-BKK");
  private static final UnitId CIB = UnitId.of("TH.CIB");
  private static final List<UnitId> RECIPIENTS = List.of(BKK, CIB);

  private static final int NOTICES = 240;
  private static final int CLIENTS = 4;

  /** The kill comes once this many notices were answered 202: a third of the way. */
  private static final int KILL_AFTER = NOTICES / 3;

  /**
   * Kafka's acknowledgement timeout; a claim left by a request the kill cut short is taken over
   * once it is older than this plus 60 s, which bounds the test's length.
   */
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);

  private static final Duration START_WITHIN = Duration.ofSeconds(90);
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  private static final NoticeJsonCodec JSON = new NoticeJsonCodec(AvroCodec.caseNotices());

  private Path folder;
  private EmbeddedKafkaBroker broker;
  private GatewayDatabase database;
  private GatewayProcess gateway;
  private Publishers publishers;

  @AfterEach
  void cleanUp() throws Exception {
    if (publishers != null) {
      publishers.stop();
    }
    if (gateway != null) {
      gateway.close();
    }
    if (broker != null) {
      broker.close();
    }
    if (database != null) {
      database.drop();
    }
    if (folder != null) {
      keepLog();
      FileSystemUtils.deleteRecursively(folder);
    }
  }

  @ParameterizedTest
  @EnumSource(GatewayDatabase.Kind.class)
  void everyNoticeAnswered202BeforeOrAfterAKillIsDeliveredOnceAndReadableByItsSender(
      GatewayDatabase.Kind kind, TestReporter reporter) throws Exception {
    // Given a gateway in its own process, and clients publishing through it
    folder = Files.createTempDirectory("liaison-crash-");
    broker = EmbeddedKafkaBroker.start(folder.resolve("kafka"), 0);
    var federation = FederationFiles.create(folder.resolve("federation"), List.of(NCB, BKK, CIB));
    Path data = folder.resolve("gateway");
    database = GatewayDatabase.of(kind, data);
    List<String> args =
        new ArrayList<>(
            GatewayArguments.production(
                federation,
                List.of(NCB, BKK, CIB),
                List.of(),
                broker.bootstrapServers(),
                List.of("--liaison.kafka.tls.enabled=false"),
                database,
                data,
                ACK_TIMEOUT));
    // Four clients and the audit's polling are one account: lift the per-account rate limit.
    args.add("--liaison.security.limits.requests-per-minute=1000000");
    args.add("--liaison.security.limits.burst=100000");
    gateway = new GatewayProcess(args, data, freePort()).start();
    awaitReady();
    publishers = new Publishers(gateway, NCB, bodies()).start(CLIENTS);

    // When it is killed a third of the way through, and restarted
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> publishers.acceptedCount() >= KILL_AFTER);
    gateway.kill();
    int acceptedBeforeKill = publishers.acceptedCount();
    Instant restartedAt = Instant.now();
    gateway.start();
    Instant readyAt = awaitReady();
    Instant firstDelivery = awaitFirstDeliverySince(restartedAt);
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(publishers::done);
    publishers.stop();

    // Then every key names one notice, and a client asking again gets that notice
    Map<String, Publishers.Accepted> first = publishers.firstAnswers();
    int askedAgain = 0;
    for (String key : first.keySet()) {
      if (Math.floorMod(key.hashCode(), 8) == 0) {
        var again = publishers.again(key);
        assertThat(again.status()).as("%s", again).isEqualTo(202);
        assertThat(again.json().get("repeated").booleanValue()).isTrue();
        askedAgain++;
      }
    }
    Map<String, Set<UUID>> idsByKey = new HashMap<>();
    for (var answer : publishers.answers()) {
      idsByKey.computeIfAbsent(answer.key(), k -> new HashSet<>()).add(answer.noticeId());
    }
    assertThat(idsByKey).hasSize(NOTICES);
    idsByKey.forEach((key, ids) -> assertThat(ids).as("notice ids of key %s", key).hasSize(1));
    Set<UUID> accepted = new HashSet<>();
    first.values().forEach(a -> accepted.add(a.noticeId()));
    assertThat(accepted).as("one notice per key").hasSize(NOTICES);
    assertThat(publishers.unexpected()).isEmpty();

    // and every one of them is once in each recipient's inbox, and DELIVERED on the sender's view
    for (UnitId recipient : RECIPIENTS) {
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(missing(accepted, recipient))
                      .as("notices answered 202 missing from the inbox of %s", recipient)
                      .isEmpty());
      List<UUID> inbox = inbox(recipient);
      assertThat(inbox).as("inbox of %s", recipient).doesNotHaveDuplicates();
      assertThat(new HashSet<>(inbox)).as("inbox of %s", recipient).isEqualTo(accepted);
    }
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(notDelivered(accepted)).isEmpty());
    Map<String, Integer> quarantined = new TreeMap<>();
    for (UnitId unit : List.of(NCB, BKK, CIB)) {
      quarantine(unit)
          .forEach((reason, n) -> quarantined.merge(unit + " " + reason, n, Integer::sum));
    }
    // A copy Kafka took just before the kill but the gateway never marked SENT is sent again by
    // the retry, with the same bytes; its second arrival is refused as a replay, and nothing else.
    assertThat(quarantined.keySet()).allSatisfy(reason -> assertThat(reason).endsWith(" REPLAY"));

    Map<String, String> figures = new LinkedHashMap<>();
    figures.put("database", kind.name());
    figures.put("notices", String.valueOf(NOTICES));
    figures.put("answered 202 before the kill", String.valueOf(acceptedBeforeKill));
    figures.put("asked again after all were answered", String.valueOf(askedAgain));
    figures.put("retried answers", publishers.refusals().toString());
    figures.put("quarantined", quarantined.toString());
    figures.put("restart to ready (ms)", millis(restartedAt, readyAt));
    figures.put("restart to first delivery (ms)", millis(restartedAt, firstDelivery));
    reporter.publishEntry(figures);
    log.info("Crash test figures: {}", figures);
  }

  /** Keeps the gateway's log (both runs) in target/, where the build's reports are. */
  private void keepLog() throws IOException {
    if (gateway != null && database != null && Files.exists(gateway.log())) {
      Path kept = Path.of("target", "crash-test", database.kind() + "-gateway.log");
      Files.createDirectories(kept.getParent());
      Files.copy(gateway.log(), kept, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Waits until the gateway answers, and answers when it did. */
  private Instant awaitReady() {
    await().atMost(START_WITHIN).pollInterval(Duration.ofMillis(100)).until(gateway::ready);
    return Instant.now();
  }

  /**
   * Waits until a notice is stored in a recipient's inbox after {@code since}, and answers when the
   * first one was (its received time, on the gateway's clock: the same machine's).
   */
  private Instant awaitFirstDeliverySince(Instant since) {
    AtomicReference<Instant> first = new AtomicReference<>();
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              for (UnitId recipient : RECIPIENTS) {
                var page = gateway.get(recipient, "/api/v1/inbox?size=200&since=" + since);
                for (JsonNode item : page.json().get("items")) {
                  Instant received = Instant.parse(item.get("receivedAt").stringValue());
                  first.accumulateAndGet(received, (a, b) -> a == null || b.isBefore(a) ? b : a);
                }
              }
              return first.get() != null;
            });
    return first.get();
  }

  /**
   * The notices of {@code accepted} not in {@code recipient}'s inbox, each with its copies as the
   * sender's view shows them.
   */
  private List<String> missing(Set<UUID> accepted, UnitId recipient) throws IOException {
    Set<UUID> inbox = new HashSet<>(inbox(recipient));
    List<String> missing = new ArrayList<>();
    for (UUID id : accepted) {
      if (!inbox.contains(id)) {
        var sent = gateway.get(NCB, "/api/v1/notices/" + id);
        missing.add(
            id
                + " (sender's view: "
                + sent.status()
                + " "
                + (sent.json() == null ? "" : sent.json().get("copies"))
                + ")");
      }
    }
    return missing;
  }

  /** Every notice id in {@code unit}'s inbox, page by page, duplicates kept. */
  private List<UUID> inbox(UnitId unit) throws IOException {
    List<UUID> ids = new ArrayList<>();
    for (int page = 0; ; page++) {
      var answer = gateway.get(unit, "/api/v1/inbox?size=200&page=" + page);
      assertThat(answer.status()).as("%s", answer).isEqualTo(200);
      JsonNode items = answer.json().get("items");
      items.forEach(item -> ids.add(UUID.fromString(item.get("noticeId").stringValue())));
      if (items.size() < 200) {
        return ids;
      }
    }
  }

  /**
   * "noticeId recipient state" of each copy not yet DELIVERED on the sender's view, and "noticeId
   * status" of each notice the sender's view does not show.
   */
  private List<String> notDelivered(Set<UUID> notices) throws IOException {
    List<String> pending = new ArrayList<>();
    for (UUID id : notices) {
      var answer = gateway.get(NCB, "/api/v1/notices/" + id);
      if (answer.status() != 200) {
        pending.add(id + " " + answer.status());
        continue;
      }
      Map<String, String> states = new HashMap<>();
      answer
          .json()
          .get("copies")
          .forEach(c -> states.put(c.get("recipient").stringValue(), c.get("state").stringValue()));
      for (UnitId recipient : RECIPIENTS) {
        String state = states.get(recipient.value());
        if (!"DELIVERED".equals(state)) {
          pending.add(id + " " + recipient + " " + state);
        }
      }
    }
    return pending;
  }

  /** How many records {@code unit}'s quarantine holds, by reason code. */
  private Map<String, Integer> quarantine(UnitId unit) throws IOException {
    var answer = gateway.get(unit, "/api/v1/quarantine?size=200");
    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    Map<String, Integer> reasons = new TreeMap<>();
    answer
        .json()
        .get("items")
        .forEach(q -> reasons.merge(q.get("reasonCode").stringValue(), 1, Integer::sum));
    return reasons;
  }

  /** A body per Idempotency-Key: the JSON a police system sends, without the gateway's fields. */
  private static Map<String, String> bodies() {
    Map<String, String> bodies = new LinkedHashMap<>();
    for (int i = 0; i < NOTICES; i++) {
      CaseNotice notice =
          TestNotices.alert(
              NCB.value(), RECIPIENTS.stream().map(UnitId::value).toArray(String[]::new));
      notice.setTitle("Forced labour on fishing vessels, report " + i);
      notice.setTrafficking(
          TraffickingDetails.newBuilder()
              .setForms(List.of(ExploitationForm.FORCED_LABOUR))
              .setSectors(List.of(Sector.FISHING_AND_SEA))
              .build());
      ObjectNode json = JSON.write(notice);
      json.remove(List.of("noticeId", "createdAt", "originator", "formatVersion"));
      bodies.put("crash-" + i + "-" + UUID.randomUUID(), json.toString());
    }
    return bodies;
  }

  private static String millis(Instant from, Instant to) {
    return String.valueOf(Duration.between(from, to).toMillis());
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }
}
