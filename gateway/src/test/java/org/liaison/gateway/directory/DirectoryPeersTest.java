package org.liaison.gateway.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.gateway.units.TrustMaterial;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.FederationKit;
import org.liaison.pki.directory.DirectoryEntries;
import org.liaison.pki.directory.DirectoryEntrySigner;
import org.liaison.pki.validation.RevocationPolicy;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.UnitStatus;

/**
 * Which certificate the gateway seals to once the directory speaks: the directory's for a unit it
 * lists, none for a suspended unit whatever the peers files say, the files' for the others; and
 * what the gateway does with a refused record (counted by reason, not applied) and its state file.
 */
class DirectoryPeersTest {

  private static final UnitId NL = UnitId.of("NL.NCB");
  private static final UnitId TH = UnitId.of("TH.CIB");

  private final FederationKit kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NL, TH));
  private final DirectoryEntrySigner signer =
      new DirectoryEntrySigner(kit.issueDirectorySigner("directory"));
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @TempDir Path dir;

  private FederationDirectory directory() {
    return new FederationDirectory(
        new TrustMaterial(
            List.of(kit.trustAnchor()),
            List.of(kit.issuingCa()),
            kit.crls(),
            RevocationPolicy.REQUIRE),
        new DirectoryProperties(null, null, null, 0),
        dir,
        Clock.systemUTC(),
        meters);
  }

  private static DirectoryHealthIndicator health(FederationDirectory directory) {
    return new DirectoryHealthIndicator(
        directory,
        new DirectoryFreshness(Set.of(NL), directory, java.time.Duration.ofHours(24)),
        java.time.Duration.ofHours(24),
        java.time.Duration.ofDays(30),
        Clock.systemUTC());
  }

  private byte[] entry(UnitId unit, UnitStatus status, X509Certificate encryption, long seq) {
    return entry(unit, status, encryption, seq, Instant.now());
  }

  private byte[] entry(
      UnitId unit, UnitStatus status, X509Certificate encryption, long seq, Instant issuedAt) {
    return signer.sign(
        DirectoryEntries.unit(
            unit,
            unit.value(),
            status,
            List.of(encryption),
            List.of(kit.unit(unit).signing().certificate()),
            List.of(kit.issuingCa()),
            seq,
            issuedAt),
        Instant.now());
  }

  @Test
  void theDirectorysCertificateWinsForAUnitItListsAndTheFilesServeTheOthers() {
    FederationDirectory directory = directory();
    X509Certificate fromDirectory = kit.unit(TH).encryption().certificate();
    X509Certificate fromFile =
        kit.issueExtra(
                TH,
                org.liaison.pki.ca.CertificateProfile.ENCRYPTION,
                org.liaison.pki.ca.Validity.starting(Instant.now(), java.time.Duration.ofDays(30)))
            .certificate();
    DirectoryPeers peers = new DirectoryPeers(Set.of(NL), unit -> Optional.of(fromFile), directory);

    assertThat(peers.encryptionCertificate(TH)).contains(fromFile);
    assertThat(directory.apply("unit:TH.CIB", entry(TH, UnitStatus.ACTIVE, fromDirectory, 1), "t"))
        .isTrue();
    assertThat(peers.encryptionCertificate(TH)).contains(fromDirectory);
  }

  @Test
  void afterAKeyRotationTheNewestValidCertificateIsSealedToWhateverTheEntrysOrder() {
    FederationDirectory directory = directory();
    X509Certificate old = kit.unit(TH).encryption().certificate();
    X509Certificate rotated =
        kit.issueExtra(
                TH,
                org.liaison.pki.ca.CertificateProfile.ENCRYPTION,
                org.liaison.pki.ca.Validity.starting(
                    Instant.now().plusSeconds(1), java.time.Duration.ofDays(30)))
            .certificate();
    X509Certificate notYetValid =
        kit.issueExtra(
                TH,
                org.liaison.pki.ca.CertificateProfile.ENCRYPTION,
                org.liaison.pki.ca.Validity.starting(
                    Instant.now().plus(java.time.Duration.ofDays(2)),
                    java.time.Duration.ofDays(30)))
            .certificate();
    DirectoryPeers peers = new DirectoryPeers(Set.of(NL), unit -> Optional.empty(), directory);
    directory.apply("unit:TH.CIB", entry(TH, List.of(old), 1), "t");
    assertThat(peers.encryptionCertificate(TH)).contains(old);

    directory.apply("unit:TH.CIB", entry(TH, List.of(old, notYetValid, rotated), 2), "t");

    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(peers.encryptionCertificate(TH)).contains(rotated));
  }

  private byte[] entry(UnitId unit, List<X509Certificate> encryption, long seq) {
    return signer.sign(
        DirectoryEntries.unit(
            unit,
            unit.value(),
            UnitStatus.ACTIVE,
            encryption,
            List.of(kit.unit(unit).signing().certificate()),
            List.of(kit.issuingCa()),
            seq,
            Instant.now()),
        Instant.now());
  }

  @Test
  void aSuspendedUnitIsSealedToByNobody() {
    FederationDirectory directory = directory();
    X509Certificate cert = kit.unit(TH).encryption().certificate();
    DirectoryPeers peers = new DirectoryPeers(Set.of(NL), unit -> Optional.of(cert), directory);

    directory.apply("unit:TH.CIB", entry(TH, UnitStatus.SUSPENDED, cert, 1), "t");

    assertThat(peers.encryptionCertificate(TH)).isEmpty();
  }

  @Test
  void aUnitWhoseEntryIsOlderThanTheMaximumAgeIsSealedToByNobodyAndHealthSaysSo() {
    FederationDirectory directory = directory();
    X509Certificate cert = kit.unit(TH).encryption().certificate();
    DirectoryPeers peers =
        new DirectoryPeers(
            Set.of(NL), unit -> Optional.of(cert), directory, java.time.Duration.ofHours(24));
    var health = health(directory);
    assertThat(health.health().getStatus().getCode()).isEqualTo("UP");

    directory.apply(
        "unit:TH.CIB",
        entry(TH, UnitStatus.ACTIVE, cert, 1, Instant.now().minus(java.time.Duration.ofHours(25))),
        "t");

    assertThat(peers.encryptionCertificate(TH)).isEmpty();
    assertThat(health.health().getStatus().getCode()).isEqualTo("DOWN");
    assertThat(health.health().getDetails()).containsEntry("code", "DIRECTORY_STALE");
  }

  @Test
  void oneStaleUnitAmongFreshOnesIsRefusedBothWaysWithItsCodeAndNamedInHealth() {
    FederationDirectory directory = directory();
    X509Certificate cert = kit.unit(TH).encryption().certificate();
    DirectoryPeers peers =
        new DirectoryPeers(
            Set.of(NL), unit -> Optional.of(cert), directory, java.time.Duration.ofHours(24));
    DirectoryFreshness freshness =
        new DirectoryFreshness(Set.of(NL), directory, java.time.Duration.ofHours(24));
    Instant longAgo = Instant.now().minus(java.time.Duration.ofHours(25));
    directory.apply(
        "unit:NL.NCB",
        entry(NL, UnitStatus.ACTIVE, kit.unit(NL).encryption().certificate(), 1, longAgo),
        "t");
    directory.apply("unit:TH.CIB", entry(TH, UnitStatus.ACTIVE, cert, 1, longAgo), "t");
    assertThat(peers.refusal(TH)).contains(DirectoryFreshness.RECIPIENT_STALE);
    assertThat(freshness.staleness(TH, Instant.now())).isPresent();

    UnitId other = UnitId.of("TH.DSI");
    kit.addUnit(other);
    directory.apply(
        "unit:TH.DSI",
        entry(other, UnitStatus.ACTIVE, kit.unit(other).encryption().certificate(), 1),
        "t");
    var health = health(directory).health();

    assertThat(peers.encryptionCertificate(TH)).isEmpty();
    assertThat(peers.encryptionCertificate(other)).isPresent();
    assertThat(peers.refusal(other)).isEmpty();
    assertThat(freshness.staleness(other, Instant.now())).isEmpty();
    // The hosted unit's own entry is never judged: its keys are here.
    assertThat(freshness.staleness(NL, Instant.now())).isEmpty();
    assertThat(health.getStatus().getCode()).isEqualTo("DOWN");
    assertThat(health.getDetails())
        .containsEntry("code", "DIRECTORY_STALE")
        .containsEntry("staleUnits", List.of("TH.CIB"));
  }

  @Test
  void everyListedCertificateHasItsDaysLeftInMetricsAndHealthWhetherHostedOrNot() {
    FederationDirectory directory = directory();
    X509Certificate nlEncryption = kit.unit(NL).encryption().certificate();
    X509Certificate thEncryption = kit.unit(TH).encryption().certificate();
    X509Certificate expiring =
        kit.issueExtra(
                TH,
                org.liaison.pki.ca.CertificateProfile.ENCRYPTION,
                org.liaison.pki.ca.Validity.starting(
                    Instant.now().minusSeconds(60), java.time.Duration.ofDays(10)))
            .certificate();
    directory.apply("unit:NL.NCB", entry(NL, List.of(nlEncryption), 1), "t");
    directory.apply("unit:TH.CIB", entry(TH, List.of(thEncryption, expiring), 1), "t");

    double expectedDays =
        java.time.Duration.between(Instant.now(), thEncryption.getNotAfter().toInstant())
                .toSeconds()
            / 86_400.0;
    assertThat(daysLeft("TH.CIB", "encryption", thEncryption))
        .isCloseTo(expectedDays, within(0.01));
    assertThat(daysLeft("TH.CIB", "encryption", expiring)).isCloseTo(10.0, within(0.01));
    assertThat(daysLeft("NL.NCB", "encryption", nlEncryption)).isPositive();
    assertThat(daysLeft("TH.CIB", "signing", kit.unit(TH).signing().certificate())).isPositive();
    var health = health(directory).health();
    String expiringName = "TH.CIB encryption " + expiring.getSerialNumber().toString(16);
    assertThat(health.getDetails())
        .containsEntry("expiringSoon", List.of(expiringName + " (9 days left)"));
    assertThat(health.getDetails().get("certificates").toString())
        .contains(
            "NL.NCB", "TH.CIB", "encryption " + expiring.getSerialNumber().toString(16) + "=9");

    // An entry that no longer lists a certificate takes its gauge away.
    directory.apply("unit:TH.CIB", entry(TH, List.of(thEncryption), 2), "t");
    assertThat(
            meters
                .find("liaison.directory.certificate.days.left")
                .tag("serial", expiring.getSerialNumber().toString(16))
                .gauge())
        .isNull();
  }

  private double daysLeft(String unit, String use, X509Certificate cert) {
    return meters
        .get("liaison.directory.certificate.days.left")
        .tags("unit", unit, "use", use, "serial", cert.getSerialNumber().toString(16))
        .gauge()
        .value();
  }

  @Test
  void aFreshDirectoryIsHealthyWithItsAge() {
    FederationDirectory directory = directory();
    directory.apply(
        "unit:TH.CIB",
        entry(TH, UnitStatus.ACTIVE, kit.unit(TH).encryption().certificate(), 1),
        "t");

    var health = health(directory).health();

    assertThat(health.getStatus().getCode()).isEqualTo("UP");
    assertThat(health.getDetails()).containsEntry("entries", 1).containsKey("ageSeconds");
  }

  @Test
  void aRefusedRecordIsCountedByReasonAndNotApplied() {
    FederationDirectory directory = directory();
    byte[] signed = entry(TH, UnitStatus.ACTIVE, kit.unit(TH).encryption().certificate(), 1);

    assertThat(directory.apply("unit:NL.NCB", signed, "t")).isFalse();
    assertThat(directory.apply(null, signed, "t")).isFalse();

    assertThat(
            meters
                .get(FederationDirectory.REJECTED)
                .tag("reason", "KEY_MISMATCH")
                .counter()
                .count())
        .isEqualTo(2.0);
    assertThat(directory.entries()).isEmpty();
  }

  @Test
  void theSavedStateIsThereAfterARestart() {
    FederationDirectory first = directory();
    first.apply(
        "unit:TH.CIB",
        entry(TH, UnitStatus.ACTIVE, kit.unit(TH).encryption().certificate(), 1),
        "t");
    first.save();

    FederationDirectory second = directory();

    assertThat(second.entries()).hasSize(1);
    assertThat(second.newestIssuedAt()).isPresent();
  }
}
