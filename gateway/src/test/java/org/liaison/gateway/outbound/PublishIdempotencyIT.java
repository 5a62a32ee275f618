package org.liaison.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.liaison.gateway.json.NoticeJsonCodec;
import org.liaison.gateway.ops.GatewayMetrics;
import org.liaison.gateway.store.GroupCommit;
import org.liaison.gateway.store.IdempotencyKeys;
import org.liaison.gateway.store.RecipientState;
import org.liaison.gateway.store.SentStore;
import org.liaison.gateway.testing.TestDatabase;
import org.liaison.gateway.transport.UnitProducers;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.gateway.units.KnownPeers;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.FederationKit;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.seal.NoticeSealer;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.pki.validation.RevocationPolicy;
import org.liaison.pki.validation.TrustContext;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.codec.AvroCodec;
import org.liaison.schemas.examples.ExampleNotices;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The publish path's commits with an Idempotency-Key, on each database the gateway supports and its
 * group commit: the first request claims its key and stores its sealed notice in one commit, and
 * the key's semantics are those of a claim taken before anything is sent (a retry replays, the key
 * with another body is a conflict even when that body would be refused, a refused request leaves no
 * claim).
 */
class PublishIdempotencyIT {

  private static final UnitId NCB = UnitId.of("NL.NCB");
  private static final UnitId CIB = UnitId.of("TH.CIB");
  private static final UnitId ATT = UnitId.of("NL.ATT-BKK");

  private final NoticeJsonCodec json = new NoticeJsonCodec(AvroCodec.caseNotices());
  private final MockProducer<String, byte[]> kafka =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private TestDatabase db;
  private GroupCommit commits;
  private JdbcClient jdbc;
  private PublishService service;
  private HostedUnit ncb;

  @AfterEach
  void close() throws Exception {
    if (commits != null) {
      commits.close();
    }
    if (db != null) {
      db.close();
    }
  }

  private void open(TestDatabase.Kind kind) {
    db = TestDatabase.create(kind);
    var connections = db.connections();
    jdbc = JdbcClient.create(connections);
    commits = new GroupCommit(new DataSourceTransactionManager(connections), 64);
    var kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NCB, CIB, ATT));
    ncb = new HostedUnit(NCB, kit.unit(NCB).signing(), kit.unit(NCB).encryption());
    var peers =
        new KnownPeers(
            List.of(ncb),
            List.of(
                kit.unit(CIB).encryption().certificate(), kit.unit(ATT).encryption().certificate()),
            new CertificateValidator(
                new TrustContext(
                    List.of(kit.trustAnchor()),
                    List.of(kit.issuingCa()),
                    kit.crls(),
                    RevocationPolicy.REQUIRE)));
    var sent = new SentStore(jdbc, commits.transactions());
    var publisher =
        new NoticePublisher(
            new NoticeSealer(ProviderChoice.select(), Clock.systemUTC()),
            UnitProducers.shared(kafka),
            sent,
            Clock.systemUTC(),
            Duration.ofSeconds(5),
            GatewayMetrics.unregistered());
    service =
        new PublishService(
            json,
            publisher,
            peers,
            new IdempotencyKeys(jdbc, commits.transactions()),
            sent,
            new ReplyThreads(null, sent, null),
            Clock.systemUTC());
  }

  /** The example alert from NL.NCB to NL.ATT-BKK and TH.CIB, as a caller would post it. */
  private ObjectNode body() {
    ObjectNode body = json.write(ExampleNotices.traffickingAlert());
    PublishService.SET_BY_GATEWAY.forEach(body::remove);
    body.remove("expiresAt");
    return body;
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void theFirstRequestClaimsAndStoresInOneCommitAndMarksTheKeyDoneInTheNext(
      TestDatabase.Kind kind) {
    open(kind);

    PublishService.Accepted accepted = service.publish("ncb-app", ncb, body(), "case-1");

    assertThat(accepted.repeated()).isFalse();
    assertThat(accepted.outcome().complete()).isTrue();
    assertThat(kafka.history()).hasSize(2);
    assertThat(keyState()).containsExactly("DONE " + accepted.noticeId());
    assertThat(copyStates(accepted.noticeId())).containsOnly(RecipientState.SENT);
    assertThat(commits.units())
        .as("the claim with the sealed notice, then the copies sent with the key's DONE")
        .isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aRetryReplaysTheFirstAnswerAndSendsNothingAgain(TestDatabase.Kind kind) {
    open(kind);
    PublishService.Accepted first = service.publish("ncb-app", ncb, body(), "case-1");

    PublishService.Accepted retry = service.publish("ncb-app", ncb, body(), "case-1");

    assertThat(retry.repeated()).isTrue();
    assertThat(retry.noticeId()).isEqualTo(first.noticeId());
    assertThat(kafka.history()).hasSize(2);
    assertThat(count("sent_notice")).isEqualTo(1);
    assertThat(count("idempotency_key")).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aKeyReusedWithABodyThatWouldBeRefusedIsAConflict(TestDatabase.Kind kind) {
    open(kind);
    service.publish("ncb-app", ncb, body(), "case-1");
    ObjectNode refused = body();
    ((ArrayNode) refused.get("recipients")).removeAll().add("XX.NOBODY");

    assertThatThrownBy(() -> service.publish("ncb-app", ncb, refused, "case-1"))
        .as("the key's first use decides, as when the claim came before the checks")
        .isInstanceOf(IdempotencyConflictException.class);
    assertThatThrownBy(() -> service.publish("ncb-app", ncb, refused, "case-2"))
        .isInstanceOf(NoticeRefusedException.class);
    assertThat(count("idempotency_key")).as("a refused request leaves no claim").isEqualTo(1);
    assertThat(count("sent_notice")).isEqualTo(1);
    assertThat(kafka.history()).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aClaimLeftWithoutItsNoticeIsFinishedUnderItsNoticeId(TestDatabase.Kind kind) {
    open(kind);
    // Given a claim as an earlier version left it when it stopped between claim and notice
    var keys = new IdempotencyKeys(jdbc);
    UUID id = UUID.randomUUID();
    String sha = firstRequestHash();
    assertThat(keys.claim("ncb-app", "case-1", sha, id, Instant.EPOCH)).isTrue();

    PublishService.Accepted finished = service.publish("ncb-app", ncb, body(), "case-1");

    assertThat(finished.noticeId()).isEqualTo(id);
    assertThat(finished.outcome().complete()).isTrue();
    assertThat(keyState()).containsExactly("DONE " + id);
    assertThat(kafka.history()).hasSize(2);
  }

  /** The request hash the service computes, read back from a claim it made. */
  private String firstRequestHash() {
    service.publish("ncb-app", ncb, body(), "probe");
    String sha =
        jdbc.sql("select request_sha256 from idempotency_key").query(String.class).single();
    jdbc.sql("delete from idempotency_key").update();
    kafka.clear();
    return sha;
  }

  private List<String> keyState() {
    return jdbc.sql("select state, notice_id from idempotency_key")
        .query((rs, n) -> rs.getString(1) + " " + rs.getObject(2, UUID.class))
        .list();
  }

  private List<RecipientState> copyStates(UUID id) {
    return jdbc.sql("select state from sent_recipient where notice_id = :id")
        .param("id", id)
        .query((rs, n) -> RecipientState.valueOf(rs.getString(1)))
        .list();
  }

  private long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }
}
