package org.liaison.gateway.units;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.CertificateProfile;
import org.liaison.pki.ca.FederationKit;
import org.liaison.pki.ca.Placeholder;
import org.liaison.pki.ca.RevocationReason;
import org.liaison.pki.ca.Validity;
import org.liaison.pki.keys.KeyEntry;
import org.liaison.pki.keys.Pkcs12Store;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.pki.validation.RevocationPolicy;
import org.liaison.pki.validation.TrustContext;
import org.liaison.schemas.UnitId;
import org.springframework.boot.health.contributor.Health;

/**
 * A hosted unit's key store replaced on disk: applied whole when it passes every check, refused
 * whole (the running keys stay, the refusal is counted and shown by health) when it does not.
 */
class KeyStoreReloaderTest {

  private static final UnitId CIB = UnitId.of("TH.CIB");
  private static final char[] PASSWORD = "unit-pass".toCharArray();
  private static FederationKit kit;

  @TempDir Path dir;
  private Path file;
  private UnitKeyStore store;
  private HostedUnits hosted;
  private MeterRegistry registry;
  private CertificateValidator validator;
  private KeyStoreReloader reloader;

  @BeforeAll
  static void federation() {
    kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(CIB));
  }

  @BeforeEach
  void start() throws Exception {
    file = dir.resolve("TH.CIB.p12");
    write(as("signing", kit.unit(CIB).signing()), as("encryption", kit.unit(CIB).encryption()));
    store = new UnitKeyStore(CIB, file, "signing", "encryption");
    byte[] bytes = Files.readAllBytes(file);
    hosted = new HostedUnits(List.of(store.load(bytes, PASSWORD.clone())));
    registry = new SimpleMeterRegistry();
    validator = validator();
    reloader =
        new KeyStoreReloader(
            hosted,
            List.of(
                new KeyStoreReloader.Watched(
                    store, PASSWORD::clone, KeyStoreReloader.sha256(bytes))),
            () -> validator,
            Clock.systemUTC(),
            registry);
  }

  @Test
  void anUnchangedStoreIsNotReadAgain() {
    HostedUnit before = hosted.find(CIB).orElseThrow();

    assertThat(reloader.poll()).isZero();

    assertThat(hosted.find(CIB).orElseThrow()).isSameAs(before);
    assertThat(count("reloaded", "NONE")).isZero();
    assertThat(state().outcome()).isEqualTo("LOADED_AT_START");
  }

  @Test
  void aRotatedStoreReplacesEveryKeyInPlace() throws Exception {
    // Given both keys rotated: the old encryption key kept under encryption-<yyyy-MM>,
    PrivateKeyHandle oldEncryption = kit.unit(CIB).encryption();
    PrivateKeyHandle newEncryption = fresh(CertificateProfile.ENCRYPTION);
    PrivateKeyHandle newSigning = fresh(CertificateProfile.SIGNING);
    write(
        as("signing", newSigning),
        as("encryption", newEncryption),
        as("encryption-2026-11", oldEncryption));

    // when the reloader polls,
    assertThat(reloader.poll()).isEqualTo(1);

    // then the unit runs with the new keys and still opens with the old one.
    HostedUnit now = hosted.find(CIB).orElseThrow();
    assertThat(now.signing().certificate()).isEqualTo(newSigning.certificate());
    assertThat(now.encryption().certificate()).isEqualTo(newEncryption.certificate());
    assertThat(now.olderEncryption())
        .extracting(PrivateKeyHandle::certificate)
        .containsExactly(oldEncryption.certificate());
    assertThat(now.openingKeys()).isNotNull();
    assertThat(count("reloaded", "NONE")).isEqualTo(1);
    assertThat(state().outcome()).isEqualTo("RELOADED");
    assertThat(state().encryptionSerial())
        .isEqualTo(newEncryption.certificate().getSerialNumber().toString(16));
    assertThat(reloader.poll()).as("the same bytes again").isZero();
    assertThat(count("reloaded", "NONE")).isEqualTo(1);
  }

  @Test
  void aKeyThatIsNotItsCertificatesIsRefusedAndTheOldKeysStay() throws Exception {
    HostedUnit before = hosted.find(CIB).orElseThrow();
    PrivateKeyHandle newEncryption = fresh(CertificateProfile.ENCRYPTION);
    PrivateKeyHandle other = fresh(CertificateProfile.ENCRYPTION);
    // The new certificate with another key (a wrong pem import): nothing of the store applies,
    // not even its valid new signing key.
    write(
        as("signing", fresh(CertificateProfile.SIGNING)),
        KeyEntry.software("encryption", other.privateKey(), newEncryption.chain()),
        as("encryption-2026-11", kit.unit(CIB).encryption()));

    assertThat(reloader.poll()).isZero();

    assertThat(hosted.find(CIB).orElseThrow()).isSameAs(before);
    assertThat(count("refused", "KEY_MISMATCH")).isEqualTo(1);
    KeyStoreReloader.State state = state();
    assertThat(state.outcome()).isEqualTo("REFUSED");
    assertThat(state.reason()).isEqualTo(UnitKeysCheck.Reason.KEY_MISMATCH);
    assertThat(state.detail())
        .contains("'encryption'", newEncryption.certificate().getSerialNumber().toString(16));
    assertThat(state.encryptionSerial())
        .as("health shows the keys still running")
        .isEqualTo(before.encryption().certificate().getSerialNumber().toString(16));
    Health health = new UnitKeysHealthIndicator(reloader).health();
    assertThat(health.getDetails().get("refused")).isEqualTo(List.of(CIB.value()));
    assertThat(health.getStatus().getCode()).isEqualTo("UP");

    // A refused store is not tried (nor counted) again until it changes; the fixed one applies.
    assertThat(reloader.poll()).isZero();
    assertThat(count("refused", "KEY_MISMATCH")).isEqualTo(1);
    write(as("signing", before.signing()), as("encryption", newEncryption));
    assertThat(reloader.poll()).isEqualTo(1);
    assertThat(hosted.find(CIB).orElseThrow().encryption().certificate())
        .isEqualTo(newEncryption.certificate());
    assertThat(new UnitKeysHealthIndicator(reloader).health().getDetails().get("refused"))
        .isEqualTo(List.of());
  }

  @Test
  void aStoreHalfwayThroughARotationWaitsForItsCertificate() throws Exception {
    HostedUnit before = hosted.find(CIB).orElseThrow();
    KeyPair keys = KeyAlgorithm.EC_P256.generate();
    write(
        as("signing", before.signing()),
        KeyEntry.software(
            "encryption", keys.getPrivate(), List.of(Placeholder.forKey(keys, CIB, Instant.now()))),
        as("encryption-2026-11", before.encryption()));

    assertThat(reloader.poll()).isZero();

    assertThat(hosted.find(CIB).orElseThrow()).isSameAs(before);
    assertThat(count("refused", "AWAITING_CERTIFICATE")).isEqualTo(1);
  }

  @Test
  void aRevokedOrExpiredCertificateIsRefused() throws Exception {
    HostedUnit before = hosted.find(CIB).orElseThrow();
    PrivateKeyHandle expired =
        kit.issueExtra(
            CIB,
            CertificateProfile.ENCRYPTION,
            Validity.starting(Instant.now().minus(Duration.ofDays(30)), Duration.ofDays(10)));
    write(as("signing", before.signing()), as("encryption", expired));

    assertThat(reloader.poll()).isZero();
    assertThat(count("refused", "CERTIFICATE_INVALID")).isEqualTo(1);
    assertThat(state().detail()).contains("EXPIRED");

    PrivateKeyHandle revoked = fresh(CertificateProfile.ENCRYPTION);
    kit.revoke(revoked.certificate(), RevocationReason.KEY_COMPROMISE);
    validator = validator();
    write(as("signing", before.signing()), as("encryption", revoked));

    assertThat(reloader.poll()).isZero();
    assertThat(count("refused", "CERTIFICATE_INVALID")).isEqualTo(2);
    assertThat(state().detail()).contains("REVOKED");
    assertThat(hosted.find(CIB).orElseThrow()).isSameAs(before);
  }

  @Test
  void aStoreThatIsNotPkcs12OrHasAnotherPasswordIsRefused() throws Exception {
    HostedUnit before = hosted.find(CIB).orElseThrow();
    Files.write(file, new byte[] {0x30, 0x03, 0x02, 0x01, 0x00});

    assertThat(reloader.poll()).isZero();

    Pkcs12Store.write(file, "another".toCharArray(), List.of(as("signing", before.signing())));
    assertThat(reloader.poll()).isZero();
    assertThat(count("refused", "UNREADABLE")).isEqualTo(2);
    assertThat(state().detail()).doesNotContain(new String(PASSWORD));
    Files.delete(file);
    assertThat(reloader.poll()).isZero();
    assertThat(reloader.poll()).isZero();
    assertThat(count("refused", "UNREADABLE")).as("a missing store, said once").isEqualTo(3);
    assertThat(state().detail()).contains("not found");
    assertThat(hosted.find(CIB).orElseThrow()).isSameAs(before);
  }

  private static CertificateValidator validator() {
    return new CertificateValidator(
        new TrustContext(
            List.of(kit.trustAnchor()),
            List.of(kit.issuingCa()),
            kit.crls(),
            RevocationPolicy.REQUIRE));
  }

  private static PrivateKeyHandle fresh(CertificateProfile profile) {
    return kit.issueExtra(
        CIB, profile, Validity.starting(Instant.now().minusSeconds(60), Duration.ofDays(365)));
  }

  private static KeyEntry as(String alias, PrivateKeyHandle key) {
    return KeyEntry.software(alias, key.privateKey(), key.chain());
  }

  private void write(KeyEntry... entries) {
    Pkcs12Store.write(file, PASSWORD, List.of(entries));
  }

  private KeyStoreReloader.State state() {
    Map<UnitId, KeyStoreReloader.State> states = reloader.states();
    return states.get(CIB);
  }

  private double count(String outcome, String reason) {
    var counter =
        registry
            .find("liaison.units.keys.reloads")
            .tags("unit", CIB.value(), "outcome", outcome, "reason", reason)
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
