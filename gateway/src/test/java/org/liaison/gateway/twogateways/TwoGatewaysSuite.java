package org.liaison.gateway.twogateways;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.liaison.gateway.api.Role;
import org.liaison.gateway.json.NoticeJsonCodec;
import org.liaison.gateway.testing.TestNotices;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.seal.OpeningPolicy;
import org.liaison.pki.seal.ReceiptOpener;
import org.liaison.pki.seal.ReceiptResult;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.avro.ExploitationForm;
import org.liaison.schemas.avro.Receipt;
import org.liaison.schemas.avro.Sector;
import org.liaison.schemas.avro.TraffickingDetails;
import org.liaison.schemas.codec.AvroCodec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole path between two gateways: gateway A hosts {@code NL.NCB} and {@code NL.ATT-BKK},
 * gateway B hosts {@code TH.CIB}; both run in production mode against one Kafka cluster and one
 * federation, and the test talks to them over HTTP. Gateways, broker and federation are shared by
 * the tests of a class (each test uses notices of its own) to keep the suite's time down.
 * Subclasses choose the database and the Kafka cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoGatewaysSuite {

  static final UnitId NCB = UnitId.of("NL.NCB");
  static final UnitId BKK = UnitId.of("NL.ATT-BKK");
  static final UnitId CIB = UnitId.of("TH.CIB");
  static final Duration PATIENCE = Duration.ofSeconds(60);

  private static final NoticeJsonCodec JSON = new NoticeJsonCodec(AvroCodec.caseNotices());
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private String absent;
  private Path folder;
  private final List<GatewayDatabase> databases = new ArrayList<>();
  FederationFiles federation;
  GatewayNode gatewayA;
  GatewayNode gatewayB;
  ForeignSender foreign;

  /** The database both gateways use (each its own). */
  abstract GatewayDatabase.Kind database();

  /**
   * Starts the Kafka cluster for the class (the federation is made by then) and answers its
   * bootstrap servers.
   */
  abstract String startKafka(Path folder);

  /** Stops what {@link #startKafka} started, if it did. */
  abstract void stopKafka();

  /** The gateways' {@code liaison.kafka.tls} arguments: plaintext unless a variant secures it. */
  List<String> kafkaSecurityArguments() {
    return List.of("--liaison.kafka.tls.enabled=false");
  }

  /**
   * Whether the foreign client may read the units' notice topics, to count the records a test made.
   * The secured variant's ACLs let it write only; there the inbox counts stand alone.
   */
  boolean foreignClientReadsNotices() {
    return true;
  }

  /** The settings of the client that writes records past the gateways. */
  Map<String, Object> foreignClient(String bootstrapServers) {
    return Map.of("bootstrap.servers", bootstrapServers);
  }

  /**
   * Why this variant cannot run on this machine (Docker absent, say), or null when it can. Each
   * test of a variant that cannot run is then reported as skipped with this reason, never silently
   * left out.
   */
  String absentBecause() {
    return null;
  }

  @BeforeAll
  void startTwoGateways() throws IOException {
    absent = absentBecause();
    if (absent != null) {
      return;
    }
    folder = Files.createTempDirectory("liaison-two-gateways-");
    federation = FederationFiles.create(folder.resolve("federation"), List.of(NCB, BKK, CIB));
    String kafka = startKafka(folder.resolve("kafka"));
    gatewayA = gateway("a", List.of(NCB, BKK), List.of(CIB), kafka).start();
    gatewayB = gateway("b", List.of(CIB), List.of(NCB, BKK), kafka).start();
    foreign = new ForeignSender(foreignClient(kafka));
  }

  @BeforeEach
  void runsOnlyWhereItCan() {
    Assumptions.assumeTrue(absent == null, absent);
  }

  @AfterAll
  void stopTwoGateways() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {foreign, gatewayB, gatewayA}) {
      if (c != null) {
        c.close();
      }
    }
    stopKafka();
    for (GatewayDatabase db : databases) {
      db.drop();
    }
    if (folder != null) {
      FileSystemUtils.deleteRecursively(folder);
    }
  }

  @Test
  void aPublishedNoticeIsDeliveredReadAndAcknowledgedAtTheOriginator() {
    var accepted = gatewayA.post(NCB, "/api/v1/notices", body(BKK, CIB));

    assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
    assertThat(accepted.json().get("copies").findValuesAsString("state")).containsOnly("SENT");
    UUID id = UUID.fromString(accepted.json().get("noticeId").stringValue());
    awaitState(id, CIB, "DELIVERED");
    awaitState(id, BKK, "DELIVERED");

    assertThat(inboxIds(gatewayB, CIB)).containsOnlyOnce(id);
    var opened = gatewayB.get(CIB, "/api/v1/inbox/" + id);
    assertThat(opened.status()).as("%s", opened).isEqualTo(200);
    assertThat(opened.json().at("/notice/title").stringValue())
        .isEqualTo("Forced labour on fishing vessels");
    assertThat(opened.json().at("/verification/signerUnit").stringValue()).isEqualTo("NL.NCB");
    assertThat(gatewayB.post(CIB, "/api/v1/inbox/" + id + "/read", "").status()).isEqualTo(204);

    awaitState(id, CIB, "READ");
    assertThat(copyStates(id)).containsEntry("NL.ATT-BKK", "DELIVERED");
  }

  @Test
  void theInboxEventStreamShowsEachNoticeAsItArrivesAndResumesAfterTheLastEventId()
      throws Exception {
    EventStream.Event first;
    try (var events = gatewayB.stream(CIB, "/api/v1/inbox/events")) {
      assertThat(events.status()).isEqualTo(200);
      assertThat(events.contentType()).startsWith("text/event-stream");
      UUID id = accepted(gatewayA.post(NCB, "/api/v1/notices", body(CIB)));

      first = events.next(e -> e.data().contains(id.toString()), PATIENCE);
      assertThat(first.name()).isEqualTo("notice");
      JsonNode item = MAPPER.readTree(first.data());
      assertThat(item.get("noticeId").stringValue()).isEqualTo(id.toString());
      assertThat(item.get("from").stringValue()).isEqualTo("NL.NCB");
      assertThat(item.get("readAt").isNull()).isTrue();
      assertThat(first.id()).endsWith("_" + id);
    }

    // Sent while nobody listens: a client resuming after the last id it saw gets it.
    UUID missed = accepted(gatewayA.post(NCB, "/api/v1/notices", body(CIB)));
    awaitState(missed, CIB, "DELIVERED");
    try (var resumed = gatewayB.stream(CIB, "/api/v1/inbox/events", "Last-Event-ID", first.id())) {
      assertThat(resumed.status()).isEqualTo(200);
      var again = resumed.next(e -> e.data().contains(missed.toString()), PATIENCE);
      assertThat(again.id()).endsWith("_" + missed);
    }

    try (var wrongId = gatewayB.stream(CIB, "/api/v1/inbox/events", "Last-Event-ID", "42")) {
      assertThat(wrongId.status()).isEqualTo(400);
      assertThat(wrongId.contentType()).startsWith("application/problem+json");
    }
    String publisher = gatewayB.token("case-system", CIB, Role.PUBLISHER);
    try (var notAnOfficer = gatewayB.stream(publisher, "/api/v1/inbox/events")) {
      assertThat(notAnOfficer.status()).isEqualTo(403);
    }
  }

  @Test
  void everyForgedRecordEndsInTheReceiversQuarantineWithItsReasonCode() {
    var ncb = federation.unit(NCB);
    var cib = List.of(federation.encryption(CIB));
    Map<String, String> expected = new HashMap<>();

    CaseNotice tamperedNotice = alert(CIB);
    byte[] tampered = foreign.seal(ncb, tamperedNotice, cib);
    tampered[tampered.length - 40] ^= 0x01;
    expected.put(send(tamperedNotice, tampered, "NL.NCB"), "DECRYPTION_FAILED");

    CaseNotice replayed = alert(CIB);
    byte[] once = foreign.seal(ncb, replayed, cib);
    foreign.write(CIB, replayed.getNoticeId().toString(), once, "NL.NCB");
    // The same notice id sealed again: other bytes. (The very same bytes again are a resend after
    // a sender's crash, stored once and acknowledged again: InboundPipelineIT.)
    expected.put(send(replayed, foreign.seal(ncb, replayed, cib), "NL.NCB"), "REPLAY");

    CaseNotice lied = alert(CIB);
    expected.put(send(lied, foreign.seal(ncb, lied, cib), "NL.ATT-BKK"), "SENDER_MISMATCH");

    CaseNotice forBkk = alert(BKK);
    expected.put(send(forBkk, foreign.seal(ncb, forBkk, cib), "NL.NCB"), "NOT_A_RECIPIENT");

    CaseNotice misrouted = alert(BKK);
    byte[] sealedForBkk = foreign.seal(ncb, misrouted, List.of(federation.encryption(BKK)));
    expected.put(send(misrouted, sealedForBkk, "NL.NCB"), "NO_RECIPIENT_INFO");

    String garbage = UUID.randomUUID().toString();
    foreign.write(CIB, garbage, new byte[] {0x30, 0x03, 0x02, 0x01}, "NL.NCB");
    expected.put(garbage, "MALFORMED_CMS");

    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> assertThat(quarantined(expected.keySet())).isEqualTo(expected));
    // The originator is told only where B authenticated the signer: a signed REJECTED receipt
    // with B's reason. Gateway A never sent these hand-made notices, so it keeps each receipt in
    // its own quarantine; the test opens them there.
    Map<String, Set<String>> told =
        Map.of(
            lied.getNoticeId().toString(), Set.of("REJECTED SENDER_MISMATCH"),
            forBkk.getNoticeId().toString(), Set.of("REJECTED NOT_A_RECIPIENT"),
            replayed.getNoticeId().toString(), Set.of("DELIVERED null", "REJECTED REPLAY"));
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> assertThat(receiptsAtOriginator(expected.keySet())).isEqualTo(told));
    assertThat(inboxIds(gatewayB, CIB))
        .contains(replayed.getNoticeId())
        .doesNotContain(
            tamperedNotice.getNoticeId(),
            lied.getNoticeId(),
            forBkk.getNoticeId(),
            misrouted.getNoticeId());
  }

  @Test
  void aRestartedReceiverLosesNothingAndStoresNothingTwice() {
    UUID before = publish(CIB);
    awaitState(before, CIB, "DELIVERED");

    gatewayB.close();
    List<UUID> whileDown = List.of(publish(CIB), publish(CIB), publish(CIB));
    gatewayB.start();

    for (UUID id : whileDown) {
      awaitState(id, CIB, "DELIVERED");
    }
    List<UUID> inbox = inboxIds(gatewayB, CIB);
    assertThat(inbox).containsOnlyOnce(before).containsOnlyOnce(whileDown.toArray(UUID[]::new));
    assertThat(quarantinedIds())
        .doesNotContain(before.toString())
        .doesNotContainAnyElementsOf(whileDown.stream().map(UUID::toString).toList());
  }

  @Test
  void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswerAndSendsNothingTwice() {
    String key = "retry-" + UUID.randomUUID();
    String request = body(CIB);

    var first = gatewayA.post(NCB, "/api/v1/notices", request, "Idempotency-Key", key);
    var retry = gatewayA.post(NCB, "/api/v1/notices", request, "Idempotency-Key", key);

    assertThat(first.status()).as("%s", first).isEqualTo(202);
    assertThat(first.json().get("repeated").booleanValue()).isFalse();
    assertThat(retry.status()).as("%s", retry).isEqualTo(202);
    assertThat(retry.json().get("repeated").booleanValue()).isTrue();
    UUID id = UUID.fromString(first.json().get("noticeId").stringValue());
    assertThat(retry.json().get("noticeId").stringValue()).isEqualTo(id.toString());
    awaitState(id, CIB, "DELIVERED");
    assertThat(inboxIds(gatewayB, CIB)).containsOnlyOnce(id);
  }

  /**
   * Eight requests at once with one key and one body: the key is claimed before anything is sealed,
   * so one of them sends; the others wait for its answer (202, repeated, same id) or are told to
   * retry (409 IDEMPOTENCY_KEY_IN_FLIGHT with Retry-After). Never a 500, and one record on Kafka.
   */
  @Test
  void concurrentRequestsWithOneIdempotencyKeySendOneNotice() throws Exception {
    String key = "burst-" + UUID.randomUUID();
    String request = body(CIB);
    int n = 8;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<GatewayNode.Answer>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return gatewayA.post(NCB, "/api/v1/notices", request, "Idempotency-Key", key);
                }));
      }
      start.countDown();
      Set<String> ids = new HashSet<>();
      int accepted = 0;
      for (Future<GatewayNode.Answer> future : answers) {
        GatewayNode.Answer answer = future.get(60, TimeUnit.SECONDS);
        assertThat(answer.status()).as("%s", answer).isIn(202, 409);
        if (answer.status() == 202) {
          accepted++;
          ids.add(answer.json().get("noticeId").stringValue());
        } else {
          assertThat(answer.contentType()).startsWith("application/problem+json");
          assertThat(answer.json().get("code").stringValue())
              .isEqualTo("IDEMPOTENCY_KEY_IN_FLIGHT");
        }
      }
      assertThat(accepted).isPositive();
      assertThat(ids).hasSize(1);
      UUID id = UUID.fromString(ids.iterator().next());
      awaitState(id, CIB, "DELIVERED");
      assertThat(inboxIds(gatewayB, CIB)).containsOnlyOnce(id);
      if (foreignClientReadsNotices()) {
        assertThat(foreign.count(CIB, id.toString())).isEqualTo(1);
      }

      var retry = gatewayA.post(NCB, "/api/v1/notices", request, "Idempotency-Key", key);
      assertThat(retry.status()).as("%s", retry).isEqualTo(202);
      assertThat(retry.json().get("repeated").booleanValue()).isTrue();
      assertThat(retry.json().get("noticeId").stringValue()).isEqualTo(id.toString());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A gateway that crashed after claiming a key leaves the claim behind; the retry with the key
   * takes it over once the claim's lease has run out and sends the notice under the id claimed, or,
   * when Kafka had already taken every copy, answers with that notice and sends nothing again. The
   * crashes are left in the database as they would be (the claim, CLAIMED, dated long ago).
   */
  @Test
  void aRetryAfterACrashBetweenClaimAndAnswerFinishesTheClaimedNoticeOnce() {
    String request = body(CIB);
    String sent = "crash-sent-" + UUID.randomUUID();
    var first = gatewayA.post(NCB, "/api/v1/notices", request, "Idempotency-Key", sent);
    assertThat(first.status()).as("%s", first).isEqualTo(202);
    UUID sentId = UUID.fromString(first.json().get("noticeId").stringValue());
    JdbcClient db = gatewayA.jdbc();
    Map<String, Object> row =
        db.sql("select principal, request_sha256 from idempotency_key where notice_id = :id")
            .param("id", sentId)
            .query()
            .singleRow();
    OffsetDateTime longAgo = OffsetDateTime.parse("2026-01-01T00:00:00Z");

    // Crashed after Kafka took the copies, before the claim was marked DONE.
    db.sql("update idempotency_key set state = 'CLAIMED', claimed_at = :t where notice_id = :id")
        .param("t", longAgo)
        .param("id", sentId)
        .update();
    var afterSending = gatewayA.post(NCB, "/api/v1/notices", request, "Idempotency-Key", sent);
    assertThat(afterSending.status()).as("%s", afterSending).isEqualTo(202);
    assertThat(afterSending.json().get("noticeId").stringValue()).isEqualTo(sentId.toString());

    // Crashed after claiming a second key, before sealing anything.
    String claimed = "crash-claimed-" + UUID.randomUUID();
    UUID claimedId = UUID.randomUUID();
    db.sql(
            "insert into idempotency_key (principal, idem_key, request_sha256, notice_id,"
                + " created_at, state, claimed_at)"
                + " values (:p, :k, :h, :id, :t, 'CLAIMED', :t)")
        .param("p", row.get("principal"))
        .param("k", sha256(claimed))
        .param("h", row.get("request_sha256"))
        .param("id", claimedId)
        .param("t", longAgo)
        .update();
    var afterClaiming = gatewayA.post(NCB, "/api/v1/notices", request, "Idempotency-Key", claimed);
    assertThat(afterClaiming.status()).as("%s", afterClaiming).isEqualTo(202);
    assertThat(afterClaiming.json().get("noticeId").stringValue()).isEqualTo(claimedId.toString());

    awaitState(sentId, CIB, "DELIVERED");
    awaitState(claimedId, CIB, "DELIVERED");
    assertThat(inboxIds(gatewayB, CIB)).containsOnlyOnce(sentId, claimedId);
    if (foreignClientReadsNotices()) {
      assertThat(foreign.count(CIB, sentId.toString())).isEqualTo(1);
      assertThat(foreign.count(CIB, claimedId.toString())).isEqualTo(1);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void anIdempotencyKeyReusedWithAnotherBodyIsRefused() {
    String key = "reuse-" + UUID.randomUUID();
    assertThat(gatewayA.post(NCB, "/api/v1/notices", body(CIB), "Idempotency-Key", key).status())
        .isEqualTo(202);

    var reused = gatewayA.post(NCB, "/api/v1/notices", body(BKK), "Idempotency-Key", key);

    assertThat(reused.status()).as("%s", reused).isEqualTo(422);
    assertThat(reused.contentType()).startsWith("application/problem+json");
    assertThat(reused.json().get("code").stringValue()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
  }

  @Test
  void everyViolationOfANoticeComesBackInOneAnswer() {
    ObjectNode notice = (ObjectNode) MAPPER.readTree(body(CIB));
    notice.put("noticeId", UUID.randomUUID().toString());
    notice.put("priority", "WHENEVER");
    notice.remove("title");

    var refused = gatewayA.post(NCB, "/api/v1/notices", notice.toString());

    assertThat(refused.status()).as("%s", refused).isEqualTo(400);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("code").stringValue()).isEqualTo("NOTICE_INVALID");
    List<String> paths = refused.json().get("violations").findValuesAsString("path");
    assertThat(paths).hasSizeGreaterThanOrEqualTo(3).contains("$.noticeId", "$.priority");
  }

  @Test
  void aReplyGivingOnlyInReplyToJoinsTheThreadAndEachUnitSeesItsOwnPartInOrder() {
    ObjectNode first = (ObjectNode) MAPPER.readTree(body(BKK, CIB));
    first.put("caseReference", "NL-2026-" + UUID.randomUUID());
    UUID n1 = accepted(gatewayA.post(NCB, "/api/v1/notices", first.toString()));
    UUID elsewhere = publish(CIB);
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              assertThat(inboxIds(gatewayA, BKK)).contains(n1);
              assertThat(inboxIds(gatewayB, CIB)).contains(n1, elsewhere);
            });

    UUID r1 = accepted(gatewayB.post(CIB, "/api/v1/notices", reply(n1, NCB)));
    UUID r2 = accepted(gatewayA.post(BKK, "/api/v1/notices", reply(n1, NCB)));

    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () ->
                assertThat(thread(gatewayA, NCB, n1))
                    .containsExactly("SENT " + n1, "RECEIVED " + r1, "RECEIVED " + r2));
    assertThat(thread(gatewayB, CIB, n1)).containsExactly("RECEIVED " + n1, "SENT " + r1);
    assertThat(thread(gatewayA, BKK, n1)).containsExactly("RECEIVED " + n1, "SENT " + r2);
    var opened = gatewayA.get(NCB, "/api/v1/inbox/" + r1);
    assertThat(opened.status()).as("%s", opened).isEqualTo(200);
    assertThat(opened.json().at("/notice/threadId").stringValue()).isEqualTo(n1.toString());
    assertThat(opened.json().at("/notice/caseReference").stringValue())
        .isEqualTo(first.get("caseReference").stringValue());
    var unrelated = gatewayA.get(BKK, "/api/v1/threads/" + elsewhere);
    assertThat(unrelated.status()).as("%s", unrelated).isEqualTo(404);
    assertThat(unrelated.json().get("code").stringValue()).isEqualTo("NOT_FOUND");
  }

  @Test
  void aReplyNamingAnotherThreadOrCaseReferenceThanItsOriginalIsRefused() {
    UUID n1 = publish(CIB);
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> assertThat(inboxIds(gatewayB, CIB)).contains(n1));
    ObjectNode reply = (ObjectNode) MAPPER.readTree(reply(n1, NCB));
    reply.put("threadId", UUID.randomUUID().toString());
    reply.put("caseReference", "TH-2026-0001");

    var refused = gatewayB.post(CIB, "/api/v1/notices", reply.toString());

    assertThat(refused.status()).as("%s", refused).isEqualTo(400);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("code").stringValue()).isEqualTo("NOTICE_INVALID");
    assertThat(refused.json().get("violations").findValuesAsString("code"))
        .containsExactlyInAnyOrder("THREAD_MISMATCH", "CASE_REFERENCE_MISMATCH");
  }

  /**
   * Issue 12, point 5, across two gateways: on gateway A, which hosts NL.NCB and NL.ATT-BKK, each
   * unit's auditor lists the refusals of its own unit's callers and not the other's, except the
   * attempt of NL.ATT-BKK's caller to act for NL.NCB, which concerns both; TH.CIB's auditor lists
   * none of them there. Only a gateway auditor lists the gateway-wide refusal (a token that is not
   * one), and each gateway's trail holds its own refusals only.
   */
  @Test
  void eachUnitsAuditorListsItsOwnUnitsRefusalsAndEachGatewayItsOwn() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String ncbCaller = "ncb-system-" + run;
    String bkkCaller = "bkk-officer-" + run;
    String cibCaller = "cib-system-" + run;
    String forged = "/api/v1/notices/" + UUID.randomUUID();
    String ncbToken = gatewayA.token(ncbCaller, NCB, Role.PUBLISHER);
    String bkkToken = gatewayA.token(bkkCaller, BKK, Role.OFFICER);
    List<GatewayNode.Answer> refused =
        List.of(
            gatewayA.get(ncbToken, "/api/v1/quarantine"),
            gatewayA.get(bkkToken, "/api/v1/quarantine"),
            gatewayA.get(bkkToken, "/api/v1/inbox", "Liaison-Unit", NCB.value()),
            gatewayA.get("not-a-token-" + run, forged),
            gatewayB.get(gatewayB.token(cibCaller, CIB, Role.PUBLISHER), "/api/v1/quarantine"));
    assertThat(refused)
        .extracting(GatewayNode.Answer::status)
        .containsExactly(403, 403, 403, 401, 403);
    assertThat(refused.get(2).json().get("code").stringValue()).isEqualTo("UNIT_NOT_YOURS");

    String ncbDenied = "ACCESS_DENIED " + ncbCaller + " [NL.NCB] /api/v1/quarantine";
    String bkkDenied = "ACCESS_DENIED " + bkkCaller + " [NL.ATT-BKK] /api/v1/quarantine";
    String bkkIntoNcb = "UNIT_NOT_YOURS " + bkkCaller + " [NL.ATT-BKK, NL.NCB] /api/v1/inbox";
    String forgedToken = "TOKEN_MALFORMED - [] " + forged;
    String cibDenied = "ACCESS_DENIED " + cibCaller + " [TH.CIB] /api/v1/quarantine";
    String operator = "operator-" + run;
    assertThat(trail(gatewayA, gatewayA.token("ncb-auditor", NCB, Role.AUDITOR), run, forged))
        .containsExactlyInAnyOrder(ncbDenied, bkkIntoNcb);
    assertThat(trail(gatewayA, gatewayA.token("bkk-auditor", BKK, Role.AUDITOR), run, forged))
        .containsExactlyInAnyOrder(bkkDenied, bkkIntoNcb);
    assertThat(trail(gatewayA, gatewayA.token("cib-auditor", CIB, Role.AUDITOR), run, forged))
        .isEmpty();
    assertThat(trail(gatewayA, gatewayA.token(operator, NCB, Role.GATEWAY_AUDITOR), run, forged))
        .containsExactlyInAnyOrder(ncbDenied, bkkDenied, bkkIntoNcb, forgedToken);
    assertThat(trail(gatewayB, gatewayB.token("cib-auditor", CIB, Role.AUDITOR), run, forged))
        .containsExactly(cibDenied);
    assertThat(trail(gatewayB, gatewayB.token(operator, CIB, Role.GATEWAY_AUDITOR), run, forged))
        .containsExactly(cibDenied);
  }

  /**
   * "CODE account [units] path" of the events in the trail that {@code token} reads on {@code
   * gateway} whose account or path carries one of {@code marks}.
   */
  private static List<String> trail(GatewayNode gateway, String token, String... marks) {
    var answer = gateway.get(token, "/api/v1/audit/security-events?size=200");
    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    List<String> rows = new ArrayList<>();
    for (JsonNode e : answer.json().get("items")) {
      List<String> units = new ArrayList<>();
      e.get("units").forEach(u -> units.add(u.stringValue()));
      JsonNode account = e.get("account");
      String row =
          e.get("code").stringValue()
              + " "
              + (account == null || account.isNull() ? "-" : account.stringValue())
              + " "
              + units
              + " "
              + e.get("path").stringValue();
      if (Arrays.stream(marks).anyMatch(row::contains)) {
        rows.add(row);
      }
    }
    return rows;
  }

  /** A reply to {@code original} that names only the notice it answers: no thread, no case. */
  private static String reply(UUID original, UnitId... recipients) {
    ObjectNode reply = (ObjectNode) MAPPER.readTree(body(recipients));
    reply.remove(List.of("threadId", "caseReference"));
    reply.put("inReplyTo", original.toString());
    return reply.toString();
  }

  private static UUID accepted(GatewayNode.Answer answer) {
    assertThat(answer.status()).as("%s", answer).isEqualTo(202);
    return UUID.fromString(answer.json().get("noticeId").stringValue());
  }

  /** "DIRECTION noticeId" of each notice of the thread as {@code unit} sees it, in order. */
  private static List<String> thread(GatewayNode gateway, UnitId unit, UUID thread) {
    var answer = gateway.get(unit, "/api/v1/threads/" + thread);
    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    List<String> items = new ArrayList<>();
    for (JsonNode item : answer.json().get("items")) {
      items.add(item.get("direction").stringValue() + " " + item.get("noticeId").stringValue());
    }
    return items;
  }

  private GatewayNode gateway(String name, List<UnitId> hosted, List<UnitId> peers, String kafka) {
    Path data = folder.resolve(name);
    GatewayDatabase db = GatewayDatabase.of(database(), data);
    databases.add(db);
    return GatewayNode.configure(
        federation,
        hosted,
        peers,
        kafka,
        kafkaSecurityArguments(),
        db,
        data,
        Duration.ofSeconds(15));
  }

  /** The JSON a police system sends: a notice without the fields the gateway sets. */
  static String body(UnitId... recipients) {
    ObjectNode json = JSON.write(alert(recipients));
    json.remove(List.of("noticeId", "createdAt", "originator", "formatVersion"));
    return json.toString();
  }

  /**
   * A trafficking alert from {@code NL.NCB} that passes the notice rules, as the receiving gateway
   * checks them.
   */
  static CaseNotice alert(UnitId... recipients) {
    String[] to = Arrays.stream(recipients).map(UnitId::value).toArray(String[]::new);
    CaseNotice notice = TestNotices.alert(NCB.value(), to);
    notice.setTrafficking(
        TraffickingDetails.newBuilder()
            .setForms(List.of(ExploitationForm.FORCED_LABOUR))
            .setSectors(List.of(Sector.FISHING_AND_SEA))
            .build());
    return notice;
  }

  private UUID publish(UnitId to) {
    var accepted = gatewayA.post(NCB, "/api/v1/notices", body(to));
    assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
    return UUID.fromString(accepted.json().get("noticeId").stringValue());
  }

  private String send(CaseNotice notice, byte[] sealed, String senderHeader) {
    String key = notice.getNoticeId().toString();
    foreign.write(CIB, key, sealed, senderHeader);
    return key;
  }

  private void awaitState(UUID id, UnitId recipient, String state) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> assertThat(copyStates(id)).containsEntry(recipient.value(), state));
  }

  private Map<String, String> copyStates(UUID id) {
    var answer = gatewayA.get(NCB, "/api/v1/notices/" + id);
    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    Map<String, String> states = new HashMap<>();
    for (JsonNode copy : answer.json().get("copies")) {
      states.put(copy.get("recipient").stringValue(), copy.get("state").stringValue());
    }
    return states;
  }

  static List<UUID> inboxIds(GatewayNode gateway, UnitId unit) {
    var answer = gateway.get(unit, "/api/v1/inbox?size=200");
    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    return answer.json().get("items").findValuesAsString("noticeId").stream()
        .map(UUID::fromString)
        .toList();
  }

  /** The reason code of each quarantined record of {@code TH.CIB}, by record key. */
  private Map<String, String> quarantined(Set<String> keys) {
    var answer = gatewayB.get(CIB, "/api/v1/quarantine?size=200");
    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    Map<String, String> codes = new HashMap<>();
    for (JsonNode q : answer.json().get("items")) {
      String key = q.get("noticeIdHint").stringValue();
      if (keys.contains(key)) {
        codes.put(key, q.get("reasonCode").stringValue());
      }
    }
    return codes;
  }

  /**
   * The receipts about {@code keys} that gateway A quarantined for {@code NL.NCB}, opened and
   * verified as coming from {@code TH.CIB}: "STATUS reasonCode" by notice id.
   */
  private Map<String, Set<String>> receiptsAtOriginator(Set<String> keys) {
    var answer = gatewayA.get(NCB, "/api/v1/quarantine?size=200");
    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    var opener = new ReceiptOpener(ProviderChoice.select(), OpeningPolicy.defaults());
    Map<String, Set<String>> receipts = new HashMap<>();
    for (JsonNode q : answer.json().get("items")) {
      String key = q.get("noticeIdHint").stringValue();
      if (!keys.contains(key)) {
        continue;
      }
      assertThat(q.get("reasonCode").stringValue()).isEqualTo("RECEIPT_FOR_UNKNOWN_NOTICE");
      byte[] raw = gatewayA.bytes(NCB, "/api/v1/quarantine/" + q.get("id").asLong() + "/raw");
      var opened = opener.open(raw, NCB, federation.validator(), Optional.of(CIB), Instant.now());
      assertThat(opened).isInstanceOf(ReceiptResult.Verified.class);
      Receipt receipt = ((ReceiptResult.Verified) opened).receipt();
      receipts
          .computeIfAbsent(key, k -> new HashSet<>())
          .add(receipt.getStatus() + " " + receipt.getReasonCode());
    }
    return receipts;
  }

  private List<String> quarantinedIds() {
    var answer = gatewayB.get(CIB, "/api/v1/quarantine?size=200");
    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    return answer.json().get("items").findValuesAsString("noticeIdHint");
  }
}
