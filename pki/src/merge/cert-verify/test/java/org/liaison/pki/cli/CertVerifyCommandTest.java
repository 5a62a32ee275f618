package org.liaison.pki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.FederationKit;
import org.liaison.pki.ca.RevocationReason;
import org.liaison.pki.keys.Pem;
import org.liaison.schemas.UnitId;

/** {@code cert verify} in-process: valid, revoked, wrong purpose, expired, no CRL, bad usage. */
class CertVerifyCommandTest {

  private static final UnitId NCB = UnitId.of("NL.NCB");
  private static final UnitId CIB = UnitId.of("TH.CIB");
  private static FederationKit kit;

  @TempDir static Path dir;
  private static Path root;
  private static Path issuing;
  private static Path crls;

  @BeforeAll
  static void federation() {
    kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NCB, CIB));
    kit.revoke(kit.unit(CIB).signing().certificate(), RevocationReason.KEY_COMPROMISE);
    root = write("root.pem", kit.trustAnchor());
    issuing = write("issuing.pem", kit.issuingCa());
    crls = write("crls.pem", kit.rootCrl(), kit.crl());
  }

  private static Path write(String name, Object... objects) {
    Path file = dir.resolve(name);
    Pem.write(file, Pem.encode(objects));
    return file;
  }

  private static CliRun verify(String... args) {
    List<String> all =
        new java.util.ArrayList<>(
            List.of(
                "cert",
                "verify",
                "--trust-anchor",
                root.toString(),
                "--untrusted",
                issuing.toString()));
    all.addAll(List.of(args));
    return CliRun.run(Clock.systemUTC(), Map.of(), all.toArray(String[]::new));
  }

  @Test
  void aValidCertificateExitsZero() {
    Path cert = write("ncb-signing.pem", kit.unit(NCB).signing().certificate());
    CliRun run = verify("--crl", crls.toString(), "--purpose", "signing", cert.toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains(cert + ": OK");
  }

  @Test
  void aRevokedCertificateExitsOneWithItsReason() {
    Path cert = write("cib-signing.pem", kit.unit(CIB).signing().certificate());
    CliRun run = verify("-CRLfile", crls.toString(), "--json", cert.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.out()).contains("\"reason\":\"REVOKED\"");
  }

  @Test
  void theWrongPurposeIsRefused() {
    Path cert = write("ncb-encryption.pem", kit.unit(NCB).encryption().certificate());
    CliRun run = verify("--crl", crls.toString(), "--purpose", "signing", cert.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.out()).contains("WRONG_KEY_USAGE");
  }

  @Test
  void validityIsCheckedAtTheGivenTime() {
    Path cert = write("ncb-tls.pem", kit.unit(NCB).tls().certificate());
    String later = Instant.now().plus(Duration.ofDays(400)).toString();
    CliRun run =
        verify(
            "--crl", crls.toString(), "--allow-missing-revocation", "--at", later, cert.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.out()).contains("EXPIRED");
  }

  @Test
  void noCrlMeansRevocationUnknownUnlessAllowed() {
    Path cert = write("ncb-signing2.pem", kit.unit(NCB).signing().certificate());
    CliRun strict = verify(cert.toString());
    assertThat(strict.exitCode()).isEqualTo(ExitCodes.INVALID);
    assertThat(strict.out()).contains("REVOCATION_UNKNOWN");
    CliRun lenient = verify("--allow-missing-revocation", cert.toString());
    assertThat(lenient.exitCode()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void badOptionsAreUsageErrors() {
    Path cert = write("ncb-signing3.pem", kit.unit(NCB).signing().certificate());
    assertThat(verify("--purpose", "shopping", cert.toString()).exitCode())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(verify("--at", "yesterday", cert.toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
    CliRun missing = verify(dir.resolve("absent.pem").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(missing.err()).contains("[FILE_NOT_FOUND]");
  }
}
