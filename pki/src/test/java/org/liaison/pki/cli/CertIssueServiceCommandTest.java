package org.liaison.pki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.CaFolder;
import org.liaison.pki.ca.CertificateProfile;
import org.liaison.pki.ca.CsrBuilder;
import org.liaison.pki.keys.Pem;
import org.liaison.schemas.UnitId;

/** {@code cert issue-service}: a broker's certificate, with the host names clients verify. */
class CertIssueServiceCommandTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
  private static final Map<String, String> ENV = Map.of("CA_PASSWORD", "secret");

  @TempDir Path dir;
  private Path issuing;
  private Path csr;

  @BeforeEach
  void federationAndCsr() {
    char[] password = "secret".toCharArray();
    var root =
        CaFolder.initRoot(
            dir.resolve("root"), "Root", KeyAlgorithm.EC_P256, Optional.empty(), password, CLOCK);
    issuing = dir.resolve("issuing");
    CaFolder.initIssuing(
        issuing, root, "Issuing", KeyAlgorithm.EC_P256, Optional.empty(), password, CLOCK);
    // Whatever the CSR's subject says: the certificate names what the CA operator gives.
    KeyPair keys = KeyAlgorithm.EC_P256.generate();
    csr = dir.resolve("broker.csr.pem");
    Pem.write(
        csr,
        Pem.encode(
            CsrBuilder.create(
                UnitId.of("NL.NCB"),
                CertificateProfile.TLS,
                keys.getPublic(),
                keys.getPrivate(),
                Optional.empty())));
  }

  private CliRun issue(String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "cert",
                "issue-service",
                "--ca-dir",
                issuing.toString(),
                "--password-env",
                "CA_PASSWORD",
                "--csr",
                csr.toString()));
    args.addAll(List.of(extra));
    return CliRun.run(CLOCK, ENV, args.toArray(String[]::new));
  }

  @Test
  void issuesACertificateNamingTheServiceAndItsHosts() throws Exception {
    Path out = dir.resolve("kafka-1.pem");

    CliRun run =
        issue(
            "--name",
            "kafka-1",
            "--host",
            "kafka-1.example",
            "--host",
            "10.0.0.5",
            "--out",
            out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Issued tls certificate for kafka-1");
    List<X509Certificate> chain = Pem.readCertificates(out);
    assertThat(chain).hasSize(3);
    assertThat(chain.get(0).getSubjectX500Principal().getName())
        .isEqualTo("CN=kafka-1,OU=Services,O=Liaison");
    assertThat(chain.get(0).getSubjectAlternativeNames())
        .extracting(n -> String.valueOf(n.get(1)))
        .containsExactlyInAnyOrder("kafka-1.example", "10.0.0.5");
    CliRun list = CliRun.run(CLOCK, ENV, "cert", "list", "--ca-dir", issuing.toString());
    assertThat(list.out()).containsPattern("kafka-1\\s+tls\\s+valid");
  }

  @Test
  void refusesANameThatIsNotAServiceName() {
    CliRun run = issue("--name", "NL.NCB", "--out", dir.resolve("x.pem").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).contains("service name 'NL.NCB'", "[BAD_INPUT]");
  }
}
