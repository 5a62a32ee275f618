package org.liaison.pki.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.schemas.UnitId;

/**
 * Stops CA operations at each crash point, as a power cut would, restarts the CA from its folder
 * and checks the promises: no half-issued certificate, no reused serial or CRL number, and a
 * recorded revocation always reaches a CRL.
 */
class FolderCaStoreCrashTest {

  private static final UnitId UNIT = UnitId.of("NL.NCB");

  @TempDir Path folder;
  private PrivateKeyHandle caKey;

  /** Thrown at the armed crash point. */
  private static final class SimulatedCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /** Crashes the {@code occurrence}-th time {@code step} is reached, once. */
  private static final class ArmedCrash implements CrashPoints {
    private final Step step;
    private int remaining;

    ArmedCrash(Step step, int occurrence) {
      this.step = step;
      this.remaining = occurrence;
    }

    @Override
    public void reached(Step reached) {
      if (reached == step && --remaining == 0) {
        throw new SimulatedCrash();
      }
    }
  }

  /** Hands out given serials first (to force reuse attempts), then random ones; remembers all. */
  private static final class RecordingSerials implements SerialSource {
    final Deque<BigInteger> forced = new ArrayDeque<>();
    final Deque<BigInteger> handedOut = new ArrayDeque<>();
    private final SerialSource random = SerialSource.random();

    @Override
    public BigInteger next() {
      BigInteger serial = forced.isEmpty() ? random.next() : forced.pop();
      handedOut.push(serial);
      return serial;
    }
  }

  @BeforeEach
  void makeCaKey() {
    caKey =
        CertificateAuthority.createRoot(
            "ca",
            KeyAlgorithm.EC_P256.generate(),
            Optional.empty(),
            "Crash Test CA",
            new MemoryCaStore(),
            Clock.systemUTC(),
            SerialSource.random());
  }

  private CertificateAuthority open(CrashPoints crashPoints, SerialSource serials) {
    CertificateAuthority ca =
        new CertificateAuthority(
            caKey,
            FolderCaStore.open(folder, crashPoints),
            CaPolicy.defaults(),
            Clock.systemUTC(),
            serials,
            crashPoints);
    ca.recover();
    return ca;
  }

  @ParameterizedTest(name = "crash at {0} #{1}")
  @CsvSource({
    "FILE_WRITTEN_BEFORE_RENAME, 1", // serial reservation not yet renamed
    "SERIAL_RESERVED, 1",
    "CERTIFICATE_SIGNED, 1",
    "FILE_WRITTEN_BEFORE_RENAME, 2", // certificate record not yet renamed
    "CERTIFICATE_RECORDED, 1"
  })
  void anIssuanceCutShortLeavesNoHalfCertificateAndItsSerialIsNeverReused(
      CrashPoints.Step step, int occurrence) throws Exception {
    RecordingSerials serials = new RecordingSerials();
    IssuedCertificate before =
        open(CrashPoints.NONE, serials)
            .issue(
                TestCsrs.good(UNIT, CertificateProfile.SIGNING), UNIT, CertificateProfile.SIGNING);

    CertificateAuthority crashing = open(new ArmedCrash(step, occurrence), serials);
    assertThatThrownBy(
            () ->
                crashing.issue(
                    TestCsrs.good(UNIT, CertificateProfile.TLS), UNIT, CertificateProfile.TLS))
        .isInstanceOf(SimulatedCrash.class);
    BigInteger crashedSerial = serials.handedOut.peek();

    serials.forced.push(crashedSerial);
    CertificateAuthority restarted = open(CrashPoints.NONE, serials);
    List<IssuedCertificate> listed = restarted.list();
    boolean recorded = step == CrashPoints.Step.CERTIFICATE_RECORDED;
    assertThat(listed).hasSize(recorded ? 2 : 1);
    assertThat(listed.get(0).serial()).isEqualTo(before.serial());
    for (IssuedCertificate issued : listed) {
      issued.certificate().verify(caKey.certificate().getPublicKey());
    }
    assertThat(temporaryFiles()).isEmpty();

    // Before its reservation file is renamed into place, a serial has signed nothing: it may be
    // handed out again. From then on it never is.
    boolean reserved = !(step == CrashPoints.Step.FILE_WRITTEN_BEFORE_RENAME && occurrence == 1);
    IssuedCertificate after =
        restarted.issue(TestCsrs.good(UNIT, CertificateProfile.TLS), UNIT, CertificateProfile.TLS);
    assertThat(after.serial()).isNotEqualTo(before.serial());
    if (reserved) {
      assertThat(after.serial()).isNotEqualTo(crashedSerial);
    }
    assertThat(FolderCaStore.open(folder).abandonedSerials())
        .isEqualTo(reserved && !recorded ? java.util.Set.of(crashedSerial) : java.util.Set.of());
  }

  @Test
  void aRevocationCutShortBeforeItsCrlGetsItsCrlOnRestart() {
    CertificateAuthority ca = open(CrashPoints.NONE, SerialSource.random());
    IssuedCertificate issued =
        ca.issue(TestCsrs.good(UNIT, CertificateProfile.SIGNING), UNIT, CertificateProfile.SIGNING);
    BigInteger firstCrl = crlNumber(ca.createCrl());

    CertificateAuthority crashing =
        open(new ArmedCrash(CrashPoints.Step.REVOCATION_RECORDED, 1), SerialSource.random());
    assertThatThrownBy(() -> crashing.revoke(issued.serial(), RevocationReason.KEY_COMPROMISE))
        .isInstanceOf(SimulatedCrash.class);

    CertificateAuthority restarted = open(CrashPoints.NONE, SerialSource.random());
    X509CRL crl = restarted.currentCrl().orElseThrow();
    assertThat(crl.getRevokedCertificate(issued.serial())).isNotNull();
    assertThat(crlNumber(crl)).isGreaterThan(firstCrl);
    assertThat(restarted.find(issued.serial()).status(java.time.Instant.now()))
        .isEqualTo(CertificateStatus.REVOKED);
  }

  @ParameterizedTest(name = "crash at {0} #{1}")
  @CsvSource({"CRL_NUMBER_RESERVED, 1", "FILE_WRITTEN_BEFORE_RENAME, 2"})
  void aCrlCutShortNeverLetsItsNumberBeUsedTwice(CrashPoints.Step step, int occurrence) {
    CertificateAuthority ca = open(CrashPoints.NONE, SerialSource.random());
    BigInteger first = crlNumber(ca.createCrl());

    CertificateAuthority crashing = open(new ArmedCrash(step, occurrence), SerialSource.random());
    assertThatThrownBy(crashing::createCrl).isInstanceOf(SimulatedCrash.class);

    CertificateAuthority restarted = open(CrashPoints.NONE, SerialSource.random());
    assertThat(crlNumber(restarted.currentCrl().orElseThrow())).isEqualTo(first);
    assertThat(crlNumber(restarted.createCrl())).isEqualTo(first.add(BigInteger.TWO));
  }

  private List<Path> temporaryFiles() throws Exception {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(f -> f.toString().endsWith(".tmp")).toList();
    }
  }

  static BigInteger crlNumber(X509CRL crl) {
    return ASN1Integer.getInstance(
            ASN1OctetString.getInstance(crl.getExtensionValue(Extension.cRLNumber.getId()))
                .getOctets())
        .getValue();
  }
}
