package org.liaison.pki.ca;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.PkiException;
import org.liaison.pki.keys.Pem;
import org.liaison.schemas.UnitId;

class CaFolderTest {

  private static final char[] PASSWORD = "folder-secret".toCharArray();
  private static final UnitId NCB = UnitId.of("NL.NCB");

  @TempDir Path dir;

  @Test
  void aCaFolderSurvivesARestartAndFinishesAnInterruptedRevocation() {
    Path rootDir = dir.resolve("root");
    Path issuingDir = dir.resolve("issuing");
    CertificateAuthority root =
        CaFolder.initRoot(
            rootDir, "Root", KeyAlgorithm.EC_P256, Optional.empty(), PASSWORD, Clock.systemUTC());
    CaFolder.initIssuing(
        issuingDir,
        root,
        "Issuing",
        KeyAlgorithm.EC_P256,
        Optional.of(URI.create("http://pki.example/issuing.crl")),
        PASSWORD,
        Clock.systemUTC());
    CertificateAuthority issuing = CaFolder.open(issuingDir, PASSWORD, Clock.systemUTC());
    IssuedCertificate issued =
        issuing.issue(TestCsrs.good(NCB, CertificateProfile.TLS), NCB, CertificateProfile.TLS);

    // A crash right after the revocation was recorded: no CRL lists it yet.
    CaFolder.register(issuingDir)
        .recordRevocation(
            issued.serial(), new Revocation(RevocationReason.KEY_COMPROMISE, Instant.now()));
    assertThat(Pem.readCrls(issuingDir.resolve("crl.pem")).get(0).isRevoked(issued.certificate()))
        .isFalse();

    CertificateAuthority restarted = CaFolder.open(issuingDir, PASSWORD, Clock.systemUTC());

    assertThat(restarted.list())
        .extracting(IssuedCertificate::serial)
        .containsExactly(issued.serial());
    assertThat(Pem.readCrls(issuingDir.resolve("crl.pem")).get(0).isRevoked(issued.certificate()))
        .isTrue();
    assertThat(restarted.chain()).hasSize(2);
    assertThat(CaFolder.register(rootDir).issued())
        .extracting(IssuedCertificate::profile)
        .containsExactly(CertificateProfile.ROOT_CA, CertificateProfile.ISSUING_CA);
  }

  @Test
  void refusesToCreateACaOverAnother() {
    CaFolder.initRoot(
        dir, "Root", KeyAlgorithm.EC_P256, Optional.empty(), PASSWORD, Clock.systemUTC());
    CertificateAuthorityTest.assertRefused(
        () ->
            CaFolder.initRoot(
                dir, "Root", KeyAlgorithm.EC_P256, Optional.empty(), PASSWORD, Clock.systemUTC()),
        PkiException.Code.CA_STATE_INVALID,
        "already holds a CA");
  }
}
