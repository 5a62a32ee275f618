package org.liaison.pki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.CaFolder;
import org.liaison.pki.ca.CertificateAuthority;
import org.liaison.pki.ca.CertificateProfile;
import org.liaison.pki.ca.CsrBuilder;
import org.liaison.pki.directory.DirectoryVerifier;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.CrlEntry;
import org.liaison.schemas.avro.PolicyEntry;

/**
 * {@code cert issue-directory-signer}, {@code directory publish unit|crl|policy}, {@code directory
 * show}, {@code directory verify} and {@code cert revoke --publish}, through the command line.
 */
class DirectoryCommandTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
  private static final Map<String, String> ENV =
      Map.of("CA_PASSWORD", "secret", "SIGNER_PASSWORD", "signer secret");
  private static final UnitId NL = UnitId.of("NL.NCB");

  @TempDir Path dir;
  private Path root;
  private Path issuing;
  private Path signer;
  private CertificateAuthority issuingCa;

  @BeforeEach
  void federationWithADirectorySigner() {
    char[] password = "secret".toCharArray();
    root = dir.resolve("root");
    issuing = dir.resolve("issuing");
    var rootCa =
        CaFolder.initRoot(root, "Root", KeyAlgorithm.EC_P256, Optional.empty(), password, CLOCK);
    issuingCa =
        CaFolder.initIssuing(
            issuing, rootCa, "Issuing", KeyAlgorithm.EC_P256, Optional.empty(), password, CLOCK);
    for (CertificateProfile profile :
        List.of(CertificateProfile.SIGNING, CertificateProfile.ENCRYPTION)) {
      KeyPair keys = KeyAlgorithm.EC_P256.generate();
      issuingCa.issue(
          CsrBuilder.create(NL, profile, keys.getPublic(), keys.getPrivate(), Optional.empty()),
          NL,
          profile);
    }
    signer = dir.resolve("directory.p12");
    CliRun run =
        run(
            "cert",
            "issue-directory-signer",
            "--ca-dir",
            root.toString(),
            "--password-env",
            "CA_PASSWORD",
            "--store",
            signer.toString(),
            "--store-password-env",
            "SIGNER_PASSWORD");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("CN=directory,OU=Directory,O=Liaison");
  }

  @Test
  void anIssuingCaCannotIssueTheDirectorySigner() {
    CliRun run =
        run(
            "cert",
            "issue-directory-signer",
            "--ca-dir",
            issuing.toString(),
            "--password-env",
            "CA_PASSWORD",
            "--store",
            dir.resolve("other.p12").toString(),
            "--store-password-env",
            "SIGNER_PASSWORD");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).contains("[CA_STATE_INVALID]");
  }

  @Test
  void aPublishedUnitEntryVerifiesAndShows() {
    Path entry = dir.resolve("nl.der");

    CliRun publish =
        publish(
            "unit",
            "--ca-dir",
            issuing.toString(),
            "--unit",
            "NL.NCB",
            "--display-name",
            "Dutch NCB",
            "--out",
            entry.toString(),
            "--json");

    assertThat(publish.exitCode()).as(publish.err()).isZero();
    assertThat(publish.out()).contains("\"key\":\"unit:NL.NCB\"", "\"sequence\":" + CLOCK.millis());
    CliRun verify = verify(entry, "unit:NL.NCB");
    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).contains("VALID directory entry unit:NL.NCB", "Dutch NCB");
    CliRun show = run("directory", "show", "--in", entry.toString(), "--json");
    assertThat(show.exitCode()).isZero();
    assertThat(show.out())
        .contains("\"unit\":\"NL.NCB\"", "\"encryptionCertificates\":1", "\"verified\":false");
  }

  @Test
  void sequencesIncreaseFromOnePublicationToTheNextEvenWithAStoppedClock() {
    Path first = dir.resolve("1.der");
    Path second = dir.resolve("2.der");

    publish("unit", "--ca-dir", issuing.toString(), "--unit", "NL.NCB", "--out", first.toString());
    CliRun again =
        publish(
            "unit",
            "--ca-dir",
            issuing.toString(),
            "--unit",
            "NL.NCB",
            "--out",
            second.toString(),
            "--json");

    assertThat(again.out()).contains("\"sequence\":" + (CLOCK.millis() + 1));
    assertThat(Files.exists(dir.resolve("directory.p12.sequence"))).isTrue();
  }

  @Test
  void aUnitWithoutValidCertificatesCannotBePublishedActive() {
    CliRun run =
        publish(
            "unit",
            "--ca-dir",
            issuing.toString(),
            "--unit",
            "TH.CIB",
            "--out",
            dir.resolve("th.der").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).contains("[UNKNOWN_CERTIFICATE]");
  }

  @Test
  void revokeWithPublishWritesTheNewCrlAsAnEntryThatVerifies() throws Exception {
    var encryption =
        issuingCa.list().stream()
            .filter(i -> i.profile() == CertificateProfile.ENCRYPTION)
            .findFirst()
            .orElseThrow();
    Path entry = dir.resolve("crl.der");

    CliRun revoke =
        run(
            "cert",
            "revoke",
            "--ca-dir",
            issuing.toString(),
            "--password-env",
            "CA_PASSWORD",
            "--serial",
            Cli.serial(encryption.serial()),
            "--reason",
            "key-compromise",
            "--publish",
            "--signer-store",
            signer.toString(),
            "--signer-password-env",
            "SIGNER_PASSWORD",
            "--out",
            entry.toString());

    assertThat(revoke.exitCode()).as(revoke.err()).isZero();
    assertThat(revoke.out()).contains("Published crl:CN=Issuing,O=Liaison");
    assertThat(verify(entry, "crl:CN=Issuing,O=Liaison").exitCode()).isZero();
    var inspected = new DirectoryVerifier().inspect(Files.readAllBytes(entry));
    CrlEntry crl = (CrlEntry) inspected.entry().getBody();
    assertThat(crl.getCrlNumber()).isEqualTo(2);
  }

  @Test
  void revokeWithPublishNeedsSomewhereToPublish() {
    CliRun run =
        run(
            "cert",
            "revoke",
            "--ca-dir",
            issuing.toString(),
            "--password-env",
            "CA_PASSWORD",
            "--serial",
            "01",
            "--reason",
            "key-compromise",
            "--publish");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void aCrlAndAPolicyArePublished() throws Exception {
    Path crl = dir.resolve("crl.der");
    Path policyFile = dir.resolve("policy.properties");
    Files.writeString(
        policyFile,
        "allowed-algorithms=EC_P256,EC_P384\nsigning-time-window-seconds=604800\n"
            + "max-clock-skew-seconds=300\nmax-notice-bytes=10485760\nrequire.*=EC_P256\n");
    Path policy = dir.resolve("policy.der");

    assertThat(publish("crl", "--ca-dir", root.toString(), "--out", crl.toString()).exitCode())
        .isZero();
    CliRun published =
        publish("policy", "--policy", policyFile.toString(), "--out", policy.toString());

    assertThat(published.exitCode()).as(published.err()).isZero();
    assertThat(verify(crl, "crl:CN=Root,O=Liaison").exitCode()).isZero();
    assertThat(verify(policy, "policy:federation").exitCode()).isZero();
    PolicyEntry body =
        (PolicyEntry) new DirectoryVerifier().inspect(Files.readAllBytes(policy)).entry().getBody();
    assertThat(body.getKeyTypeRequirements())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getUnits()).isEqualTo("*");
              assertThat(r.getKeyTypes()).containsExactly("EC_P256");
            });
  }

  @Test
  void aPolicyFileWithAnUnknownAlgorithmIsRefused() throws Exception {
    Path policyFile = dir.resolve("policy.properties");
    Files.writeString(
        policyFile,
        "allowed-algorithms=RSA_1024\nsigning-time-window-seconds=1\n"
            + "max-clock-skew-seconds=1\nmax-notice-bytes=1\n");

    CliRun run =
        publish("policy", "--policy", policyFile.toString(), "--out", dir.resolve("p").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).contains("RSA_1024", "[BAD_INPUT]");
  }

  @Test
  void verifyGivesTheReasonCodeOfARefusal() throws Exception {
    Path entry = dir.resolve("nl.der");
    publish("unit", "--ca-dir", issuing.toString(), "--unit", "NL.NCB", "--out", entry.toString());

    CliRun wrongKey = verify(entry, "unit:TH.CIB");
    byte[] bytes = Files.readAllBytes(entry);
    bytes[bytes.length - 3] ^= 1;
    Path forged = dir.resolve("forged.der");
    Files.write(forged, bytes);
    CliRun forgedRun = verify(forged, null);

    assertThat(wrongKey.exitCode()).isEqualTo(ExitCodes.INVALID);
    assertThat(wrongKey.out()).contains("INVALID [KEY_MISMATCH]");
    assertThat(forgedRun.exitCode()).isEqualTo(ExitCodes.INVALID);
    assertThat(forgedRun.out()).contains("[FORGED]");
  }

  @Test
  void publishingNeedsADestination() {
    CliRun run = publish("unit", "--ca-dir", issuing.toString(), "--unit", "NL.NCB");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--out, --bootstrap-servers");
  }

  @Test
  void brokersThatDoNotAnswerAreAFailureNamingThem() {
    CliRun run =
        publish(
            "unit",
            "--ca-dir",
            issuing.toString(),
            "--unit",
            "NL.NCB",
            "--bootstrap-servers",
            "127.0.0.1:1",
            "--kafka-timeout-ms",
            "1500");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).contains("127.0.0.1:1", "[IO_FAILURE]");
  }

  private CliRun publish(String kind, String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "directory",
                "publish",
                kind,
                "--signer-store",
                signer.toString(),
                "--signer-password-env",
                "SIGNER_PASSWORD"));
    all.addAll(List.of(args));
    return run(all.toArray(String[]::new));
  }

  private CliRun verify(Path entry, String key) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "directory",
                "verify",
                "--in",
                entry.toString(),
                "--trust-anchor",
                root.resolve("ca.pem").toString(),
                "--intermediates",
                issuing.resolve("ca.pem").toString(),
                "--crl",
                root.resolve("crl.pem").toString(),
                "--crl",
                issuing.resolve("crl.pem").toString()));
    if (key != null) {
      all.addAll(List.of("--key", key));
    }
    return run(all.toArray(String[]::new));
  }

  private static CliRun run(String... args) {
    return CliRun.run(CLOCK, ENV, args);
  }
}
