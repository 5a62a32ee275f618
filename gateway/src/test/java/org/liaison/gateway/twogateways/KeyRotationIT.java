package org.liaison.gateway.twogateways;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.RecipientInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestReporter;
import org.liaison.gateway.dev.EmbeddedKafkaBroker;
import org.liaison.gateway.directory.FederationDirectory;
import org.liaison.gateway.transport.Topics;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.gateway.units.HostedUnits;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.CaPolicy;
import org.liaison.pki.ca.CertificateAuthority;
import org.liaison.pki.ca.CertificateProfile;
import org.liaison.pki.ca.FolderCaStore;
import org.liaison.pki.ca.RevocationReason;
import org.liaison.pki.cli.LiaisonPki;
import org.liaison.pki.directory.DirectoryEntries;
import org.liaison.pki.directory.DirectoryEntrySigner;
import org.liaison.pki.directory.EntryKey;
import org.liaison.pki.keys.KeyEntry;
import org.liaison.pki.keys.Pem;
import org.liaison.pki.keys.Pkcs12Store;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.DirectoryEntry;
import org.liaison.schemas.avro.UnitStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * Keys rotated without a restart and without losing a notice, on the in-process Kafka server with
 * two gateways: NL.NCB sends notices sealed to TH.CIB's current key; TH.CIB's key is rotated with
 * {@code liaison-pki unit rotate} and {@code pem import} as the README's sequence does it, on a
 * copy of the store moved over the live one while TH.CIB's gateway runs; the gateway reloads it
 * (seen in its keys and in {@code /actuator/metrics}), notices still sealed to the old key open
 * with the key kept under {@code encryption-yyyy-MM}, and once the new certificate is published in
 * the directory the next ones are sealed to it. Then NL.NCB's signing key is rotated the same way:
 * its next notices are signed with the new key, and a stored notice still reads with a valid
 * verification after the old signing certificate is revoked as superseded. Neither gateway
 * restarts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyRotationIT {

  private static final Logger log = LoggerFactory.getLogger(KeyRotationIT.class);

  private static final UnitId NCB = UnitId.of("NL.NCB");
  private static final UnitId CIB = UnitId.of("TH.CIB");
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final int BACKLOG = 10;
  private static final int AFTER = 5;
  private static final Duration RELOAD = Duration.ofMillis(500);

  private Path folder;
  private FederationFiles federation;
  private EmbeddedKafkaBroker broker;
  private final List<GatewayDatabase> databases = new ArrayList<>();
  private GatewayNode gatewayA;
  private GatewayNode gatewayB;
  private ForeignSender topics;
  private KafkaProducer<String, byte[]> publisher;
  private CertificateAuthority issuing;
  private DirectoryEntrySigner signer;

  @BeforeAll
  void start() throws IOException {
    folder = Files.createTempDirectory("liaison-rotation-");
    Path federationFolder = folder.resolve("federation");
    federation = FederationFiles.create(federationFolder, List.of(NCB, CIB));
    broker = EmbeddedKafkaBroker.start(folder.resolve("kafka"), 0);
    String kafka = broker.bootstrapServers();
    gatewayA = gateway("a", List.of(NCB), List.of(CIB), kafka).start();
    gatewayB = gateway("b", List.of(CIB), List.of(NCB), kafka).start();
    topics = new ForeignSender(Map.of("bootstrap.servers", kafka));
    publisher =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.ACKS_CONFIG, "all"),
            new StringSerializer(),
            new ByteArraySerializer());
    char[] password = Files.readString(federation.passwordFile()).strip().toCharArray();
    PrivateKeyHandle rootKey =
        Pkcs12Store.read(federationFolder.resolve("root.p12"), password, "root");
    CertificateAuthority root =
        new CertificateAuthority(
            rootKey,
            FolderCaStore.open(federationFolder.resolve("root")),
            CaPolicy.defaults(),
            Clock.systemUTC());
    issuing =
        new CertificateAuthority(
            Pkcs12Store.read(federationFolder.resolve("issuing.p12"), password, "issuing"),
            FolderCaStore.open(federationFolder.resolve("issuing")),
            CaPolicy.defaults(),
            Clock.systemUTC());
    var keys = KeyAlgorithm.EC_P256.generate();
    X509Certificate certificate =
        root.issueDirectorySigner(keys.getPublic(), "directory").certificate();
    signer =
        new DirectoryEntrySigner(
            KeyEntry.software(
                "directory", keys.getPrivate(), List.of(certificate, rootKey.certificate())));
  }

  @AfterAll
  void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {publisher, topics, gatewayB, gatewayA, broker}) {
      if (c != null) {
        c.close();
      }
    }
    for (GatewayDatabase db : databases) {
      db.drop();
    }
    if (folder != null) {
      FileSystemUtils.deleteRecursively(folder);
    }
  }

  @Test
  void aRotatedEncryptionKeyLosesNoNoticeAndSendersSwitchAtOnce(TestReporter report)
      throws Exception {
    X509Certificate oldCertificate = federation.encryption(CIB);
    publishUnit(List.of(oldCertificate));
    awaitEntryAtA(List.of(oldCertificate));
    UUID first = send();
    awaitInbox(List.of(first));
    long startedB = gatewayB.startupDate();

    // Given notices sealed to TH.CIB's current key,
    List<UUID> backlog = new ArrayList<>();
    for (int i = 0; i < BACKLOG; i++) {
      backlog.add(send());
    }

    // when its key is rotated as the README says (unit rotate, cert issue, pem import on a copy
    // of the store, moved over the live one) while its gateway runs,
    Rotated rotated = rotate(CIB, CertificateProfile.ENCRYPTION);
    long replaced = System.nanoTime();
    X509Certificate newCertificate = rotated.certificate();

    // then the gateway reloads the store in place,
    awaitKeys(gatewayB, CIB, u -> u.encryption().certificate().equals(newCertificate));
    long reloaded = System.nanoTime();
    assertThat(reloads(gatewayB, CIB, "reloaded")).isEqualTo(1.0);
    assertThat(reloads(gatewayB, CIB, "refused")).isZero();
    assertThat(gatewayB.bean(HostedUnits.class).find(CIB).orElseThrow().olderEncryption())
        .extracting(PrivateKeyHandle::certificate)
        .containsExactly(oldCertificate);

    // notices still sealed to the old key (the sender has not seen the new certificate) open
    // with the key the rotation kept, as does the whole backlog,
    List<UUID> late = new ArrayList<>();
    for (int i = 0; i < BACKLOG; i++) {
      late.add(send());
    }
    awaitInbox(backlog);
    awaitInbox(late);
    long oldKeyOpened = System.nanoTime();

    // and once the directory lists the new certificate, the sender seals to it at once.
    long published = System.nanoTime();
    publishUnit(List.of(oldCertificate, newCertificate));
    awaitEntryAtA(List.of(oldCertificate, newCertificate));
    long seenAtA = System.nanoTime();
    List<UUID> after = new ArrayList<>();
    for (int i = 0; i < AFTER; i++) {
      after.add(send());
    }
    awaitInbox(after);
    long afterOpened = System.nanoTime();

    Map<String, byte[]> records = topics.records(CIB);
    List<UUID> sealedToOld = new ArrayList<>(backlog);
    sealedToOld.addAll(late);
    for (UUID id : sealedToOld) {
      assertThat(sealedTo(records.get(id.toString()), oldCertificate, newCertificate))
          .as("notice %s sealed before the rotation was published", id)
          .containsExactly(oldCertificate.getSerialNumber().toString(16));
    }
    for (UUID id : after) {
      assertThat(sealedTo(records.get(id.toString()), oldCertificate, newCertificate))
          .as("notice %s sent after the rotation was published", id)
          .containsExactly(newCertificate.getSerialNumber().toString(16));
    }
    assertThat(rotated.output()).contains("kept as 'encryption-");
    assertThat(quarantinedAtB()).isZero();
    assertThat(gatewayB.startupDate()).as("TH.CIB's gateway was not restarted").isEqualTo(startedB);

    // A stored notice from before the rotation still reads (decrypted again with the kept key).
    var stored = gatewayB.get(CIB, "/api/v1/inbox/" + backlog.get(0));
    assertThat(stored.status()).as("%s", stored).isEqualTo(200);
    assertThat(stored.json().get("verification").get("signerUnit").stringValue())
        .isEqualTo(NCB.value());

    String figures =
        ("the key store replaced on disk was in use %d ms later (reload every %d ms); %d notices"
                + " sealed to the old key before and %d after it all opened %d ms after the"
                + " replacement, with no restart; the new certificate reached the sender %d ms"
                + " after publishing; %d notices sealed to it opened %d ms later")
            .formatted(
                TimeUnit.NANOSECONDS.toMillis(reloaded - replaced),
                RELOAD.toMillis(),
                BACKLOG,
                BACKLOG,
                TimeUnit.NANOSECONDS.toMillis(oldKeyOpened - replaced),
                TimeUnit.NANOSECONDS.toMillis(seenAtA - published),
                AFTER,
                TimeUnit.NANOSECONDS.toMillis(afterOpened - seenAtA));
    log.info("Encryption key rotation: {}", figures);
    report.publishEntry("encryption-key-rotation", figures);

    // Last (NL.NCB signs no more with it): a signing-key rotation leaves stored notices readable.
    aSigningKeyRotatesWithoutARestartAndStoredNoticesStayVerified(backlog.get(1));
  }

  /**
   * NL.NCB's signing key is rotated while its gateway runs: the store replaced on disk, the new key
   * signs the next notice, then the old certificate is revoked as superseded and the CRL published
   * in the directory. A notice signed with the old key before, stored at TH.CIB, still reads with
   * its verification (the signer is validated at the signing time; superseded after it is no
   * refusal), and NL.NCB's next notices still open.
   */
  private void aSigningKeyRotatesWithoutARestartAndStoredNoticesStayVerified(UUID stored)
      throws IOException {
    long startedA = gatewayA.startupDate();
    X509Certificate oldSigning = federation.unit(NCB).signing().certificate();
    X509Certificate newSigning = rotate(NCB, CertificateProfile.SIGNING).certificate();
    awaitKeys(gatewayA, NCB, u -> u.signing().certificate().equals(newSigning));
    assertThat(reloads(gatewayA, NCB, "reloaded")).isEqualTo(1.0);

    UUID signedAnew = send();
    awaitInbox(List.of(signedAnew));
    assertThat(signerSerial(signedAnew)).isEqualTo(newSigning.getSerialNumber().toString(16));

    X509CRL crl = issuing.revoke(oldSigning.getSerialNumber(), RevocationReason.SUPERSEDED);
    EntryKey key = EntryKey.crl(DirectoryEntries.crlSubject(crl));
    publish(DirectoryEntries.crl(crl, System.currentTimeMillis(), Instant.now()));
    FederationDirectory atB = gatewayB.bean(FederationDirectory.class);
    await()
        .atMost(PATIENCE)
        .until(() -> atB.entry(key).flatMap(e -> e.crl()).map(crl::equals).orElse(false));

    assertThat(signerSerial(stored)).isEqualTo(oldSigning.getSerialNumber().toString(16));
    UUID afterRevocation = send();
    awaitInbox(List.of(afterRevocation));
    assertThat(signerSerial(afterRevocation)).isEqualTo(newSigning.getSerialNumber().toString(16));
    assertThat(quarantinedAtB()).isZero();
    assertThat(gatewayA.startupDate()).as("NL.NCB's gateway was not restarted").isEqualTo(startedA);
  }

  /** What a rotation made: the new certificate, and what {@code unit rotate} printed. */
  private record Rotated(X509Certificate certificate, String output) {}

  /**
   * Rotates {@code unit}'s {@code profile} key as an administrator does: on a copy of its live key
   * store, which then replaces the live one in a single move (the gateway never reads a half-made
   * store).
   */
  private Rotated rotate(UnitId unit, CertificateProfile profile) throws IOException {
    String alias = profile.name().toLowerCase(Locale.ROOT);
    Path live = federation.keystore(unit);
    Path work = folder.resolve(unit.value() + "-" + alias + "-rotation.p12");
    Files.copy(live, work, StandardCopyOption.REPLACE_EXISTING);
    Path csrs = folder.resolve("csr");
    String output =
        cli(
            "unit",
            "rotate",
            "--unit",
            unit.value(),
            "--store",
            work.toString(),
            "--csr-dir",
            csrs.toString(),
            "--profile",
            alias,
            "--password-file",
            federation.passwordFile().toString());
    Path csr = csrs.resolve(unit.value() + "-" + alias + ".csr.pem");
    X509Certificate certificate = issuing.issue(Pem.readCsr(csr), unit, profile).certificate();
    Path issued = folder.resolve(unit.value() + "-" + alias + "-new.pem");
    Pem.write(issued, Pem.encode(certificate, issuing.certificate()));
    cli(
        "pem",
        "import",
        "--store",
        work.toString(),
        "--alias",
        alias,
        "--cert",
        issued.toString(),
        "--password-file",
        federation.passwordFile().toString());
    Files.move(work, live, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return new Rotated(certificate, output);
  }

  private static void awaitKeys(GatewayNode node, UnitId unit, Predicate<HostedUnit> reloaded) {
    HostedUnits hosted = node.bean(HostedUnits.class);
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> reloaded.test(hosted.find(unit).orElseThrow()));
  }

  /** {@code liaison.units.keys.reloads} of {@code unit} as the gateway's metrics endpoint says. */
  private static double reloads(GatewayNode node, UnitId unit, String outcome) {
    var answer =
        node.get(
            unit,
            "/actuator/metrics/liaison.units.keys.reloads?tag=unit:"
                + unit.value()
                + "&tag=outcome:"
                + outcome);
    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    return answer.json().get("measurements").get(0).get("value").asDouble();
  }

  private String signerSerial(UUID stored) {
    var read = gatewayB.get(CIB, "/api/v1/inbox/" + stored);
    assertThat(read.status()).as("%s", read).isEqualTo(200);
    var verification = read.json().get("verification");
    assertThat(verification.get("signerUnit").stringValue()).isEqualTo(NCB.value());
    return verification.get("signerCertificateSerial").stringValue();
  }

  private UUID send() {
    var answer = gatewayA.post(NCB, "/api/v1/notices", TwoGatewaysSuite.body(CIB));
    assertThat(answer.status()).as("%s", answer).isEqualTo(202);
    return UUID.fromString(answer.json().get("noticeId").stringValue());
  }

  private void awaitInbox(List<UUID> ids) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(TwoGatewaysSuite.inboxIds(gatewayB, CIB)).containsAll(ids));
  }

  private void awaitEntryAtA(List<X509Certificate> encryption) {
    FederationDirectory atA = gatewayA.bean(FederationDirectory.class);
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(5))
        .until(
            () ->
                atA.entry(EntryKey.unit(CIB.value()))
                    .map(e -> e.encryptionCertificates().equals(encryption))
                    .orElse(false));
  }

  /** Which of {@code candidates} (serial numbers, hex) a sealed notice's RecipientInfos name. */
  private static List<String> sealedTo(byte[] sealed, X509Certificate... candidates)
      throws Exception {
    assertThat(sealed).isNotNull();
    List<String> serials = new ArrayList<>();
    for (RecipientInformation r :
        new CMSAuthEnvelopedData(sealed).getRecipientInfos().getRecipients()) {
      for (X509Certificate candidate : candidates) {
        if (r.getRID().match(new X509CertificateHolder(candidate.getEncoded()))) {
          serials.add(candidate.getSerialNumber().toString(16));
        }
      }
    }
    return serials;
  }

  private long quarantinedAtB() {
    return gatewayB.jdbc().sql("select count(*) from quarantine").query(Long.class).single();
  }

  private void publishUnit(List<X509Certificate> encryption) {
    publish(
        DirectoryEntries.unit(
            CIB,
            "Thai unit",
            UnitStatus.ACTIVE,
            encryption,
            List.of(federation.unit(CIB).signing().certificate()),
            List.of(issuing.certificate()),
            System.currentTimeMillis(),
            Instant.now()));
  }

  private void publish(DirectoryEntry entry) {
    try {
      publisher
          .send(
              new ProducerRecord<>(
                  Topics.DIRECTORY,
                  new EntryKey(entry.getKind(), entry.getSubject()).recordKey(),
                  signer.sign(entry, Instant.now())))
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Kafka did not take the entry", e);
    }
  }

  /** Runs {@code liaison-pki} in this process; its output. */
  private static String cli(String... args) {
    var commandLine = LiaisonPki.commandLine(Clock.systemUTC(), Map.of());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    assertThat(code).as(err.toString()).isZero();
    return out.toString();
  }

  private GatewayNode gateway(String name, List<UnitId> hosted, List<UnitId> peers, String kafka) {
    Path data = folder.resolve(name);
    GatewayDatabase db = GatewayDatabase.of(GatewayDatabase.Kind.H2, data);
    databases.add(db);
    return GatewayNode.configure(federation, hosted, peers, kafka, db, data, Duration.ofSeconds(15))
        .with("--liaison.keystore-reload=" + RELOAD);
  }
}
