package org.liaison.gateway.twogateways;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
 * An encryption key rotated without losing a notice, on the in-process Kafka server with two
 * gateways: while TH.CIB's gateway is stopped, NL.NCB sends notices sealed to TH.CIB's current key,
 * which wait in Kafka; TH.CIB's key is rotated with {@code liaison-pki unit rotate} and {@code pem
 * import} as the README's sequence does it, its gateway started again, and the new certificate
 * published in the directory. Every notice of the backlog opens (with the key kept under {@code
 * encryption-yyyy-MM}), the next ones are sealed to the new key as soon as the sender's gateway has
 * the entry, and a stored notice still reads with a valid verification after NL.NCB's signing
 * certificate is revoked as superseded (a signing-key rotation).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyRotationIT {

  private static final Logger log = LoggerFactory.getLogger(KeyRotationIT.class);

  private static final UnitId NCB = UnitId.of("NL.NCB");
  private static final UnitId CIB = UnitId.of("TH.CIB");
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final int BACKLOG = 10;
  private static final int AFTER = 5;

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

    // Given TH.CIB's gateway stopped and a backlog sealed to its current key waiting in Kafka,
    gatewayB.close();
    List<UUID> backlog = new ArrayList<>();
    for (int i = 0; i < BACKLOG; i++) {
      backlog.add(send());
    }

    // when its key is rotated as the README says (unit rotate, cert issue, pem import),
    String rotated =
        cli(
            "unit",
            "rotate",
            "--unit",
            CIB.value(),
            "--store",
            federation.keystore(CIB).toString(),
            "--csr-dir",
            folder.resolve("csr").toString(),
            "--password-file",
            federation.passwordFile().toString());
    Path csr = folder.resolve("csr").resolve(CIB.value() + "-encryption.csr.pem");
    X509Certificate newCertificate =
        issuing.issue(Pem.readCsr(csr), CIB, CertificateProfile.ENCRYPTION).certificate();
    Path issued = folder.resolve("TH.CIB-encryption-new.pem");
    Pem.write(issued, Pem.encode(newCertificate, issuing.certificate()));
    cli(
        "pem",
        "import",
        "--store",
        federation.keystore(CIB).toString(),
        "--alias",
        "encryption",
        "--cert",
        issued.toString(),
        "--password-file",
        federation.passwordFile().toString());
    long restart = System.nanoTime();
    gatewayB.start();

    // then the whole backlog opens with the key the rotation kept,
    awaitInbox(backlog);
    long backlogOpened = System.nanoTime();

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
    for (UUID id : backlog) {
      assertThat(sealedTo(records.get(id.toString()), oldCertificate, newCertificate))
          .as("backlog notice %s", id)
          .containsExactly(oldCertificate.getSerialNumber().toString(16));
    }
    for (UUID id : after) {
      assertThat(sealedTo(records.get(id.toString()), oldCertificate, newCertificate))
          .as("notice %s sent after the rotation was published", id)
          .containsExactly(newCertificate.getSerialNumber().toString(16));
    }
    assertThat(rotated).contains("kept as 'encryption-");
    assertThat(quarantinedAtB()).isZero();

    // A stored notice from before the rotation still reads, with its verification.
    var stored = gatewayB.get(CIB, "/api/v1/inbox/" + backlog.get(0));
    assertThat(stored.status()).as("%s", stored).isEqualTo(200);
    assertThat(stored.json().get("verification").get("signerUnit").stringValue())
        .isEqualTo(NCB.value());

    String figures =
        ("%d notices sealed to the old key waited in Kafka; all opened %d ms after the receiving"
                + " gateway was started with the rotated key store; the new certificate reached the"
                + " sender %d ms after publishing; %d notices sealed to it opened %d ms later")
            .formatted(
                BACKLOG,
                TimeUnit.NANOSECONDS.toMillis(backlogOpened - restart),
                TimeUnit.NANOSECONDS.toMillis(seenAtA - published),
                AFTER,
                TimeUnit.NANOSECONDS.toMillis(afterOpened - seenAtA));
    log.info("Encryption key rotation: {}", figures);
    report.publishEntry("encryption-key-rotation", figures);

    // Last (NL.NCB signs no more with it): a signing-key rotation leaves stored notices readable.
    storedNoticesStillReadAsVerifiedAfterASigningKeyRotation(backlog.get(1));
  }

  /**
   * NL.NCB's signing key is rotated: its certificate revoked as superseded and the CRL published in
   * the directory. A notice it signed before, stored at TH.CIB, still reads with its verification
   * (the signer is validated at the signing time; superseded after it is no refusal).
   */
  private void storedNoticesStillReadAsVerifiedAfterASigningKeyRotation(UUID stored) {
    X509Certificate oldSigning = federation.unit(NCB).signing().certificate();
    X509CRL crl = issuing.revoke(oldSigning.getSerialNumber(), RevocationReason.SUPERSEDED);
    EntryKey key = EntryKey.crl(DirectoryEntries.crlSubject(crl));
    publish(DirectoryEntries.crl(crl, System.currentTimeMillis(), Instant.now()));
    FederationDirectory atB = gatewayB.bean(FederationDirectory.class);
    await()
        .atMost(PATIENCE)
        .until(() -> atB.entry(key).flatMap(e -> e.crl()).map(crl::equals).orElse(false));

    var read = gatewayB.get(CIB, "/api/v1/inbox/" + stored);

    assertThat(read.status()).as("%s", read).isEqualTo(200);
    var verification = read.json().get("verification");
    assertThat(verification.get("signerCertificateSerial").stringValue())
        .isEqualTo(oldSigning.getSerialNumber().toString(16));
    assertThat(verification.get("signerUnit").stringValue()).isEqualTo(NCB.value());
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
    return GatewayNode.configure(
        federation, hosted, peers, kafka, db, data, Duration.ofSeconds(15));
  }
}
