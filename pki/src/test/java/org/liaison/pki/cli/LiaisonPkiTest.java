package org.liaison.pki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pki.keys.KeyEntry;
import org.liaison.pki.keys.Pem;
import org.liaison.pki.keys.Pkcs12Store;

/**
 * The command in-process: each operation, its output, and the message and exit code of mistakes.
 */
class LiaisonPkiTest {

  private static final Map<String, String> ENV = Map.of("ISSUING_PASSWORD", "issuing-secret");
  private static final Instant START = Instant.parse("2026-11-28T10:00:00Z");

  @TempDir Path dir;
  private java.time.Clock clock = java.time.Clock.fixed(START, ZoneOffset.UTC);

  private CliRun run(String... args) {
    return CliRun.run(clock, ENV, args);
  }

  private Path root;
  private Path issuing;
  private Path rootPass;

  @BeforeEach
  void federation() throws Exception {
    root = dir.resolve("root");
    issuing = dir.resolve("issuing");
    rootPass = Files.writeString(dir.resolve("root.pass"), "root-secret\n");
    CliRun init =
        run(
            "ca",
            "init-root",
            "--dir",
            root.toString(),
            "--password-file",
            rootPass.toString(),
            "--crl-uri",
            "http://pki.example/root.crl");
    assertThat(init.exitCode()).as(init.err()).isZero();
    assertThat(init.out()).contains("Root CA created", "CN=Liaison Root CA");
    CliRun sub =
        run(
            "ca",
            "init-issuing",
            "--dir",
            issuing.toString(),
            "--root-dir",
            root.toString(),
            "--root-password-file",
            rootPass.toString(),
            "--password-env",
            "ISSUING_PASSWORD",
            "--crl-uri",
            "http://pki.example/issuing.crl");
    assertThat(sub.exitCode()).as(sub.err()).isZero();
    assertThat(Pem.readCertificates(issuing.resolve("ca.pem"))).hasSize(2);
  }

  private String[] ca(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--ca-dir";
    all[args.length + 1] = issuing.toString();
    all[args.length + 2] = "--password-env";
    all[args.length + 3] = "ISSUING_PASSWORD";
    return all;
  }

  private Path keygen(String unit) {
    Path store = dir.resolve(unit + ".p12");
    CliRun keygen =
        run(
            "unit",
            "keygen",
            "--unit",
            unit,
            "--store",
            store.toString(),
            "--csr-dir",
            dir.resolve("csr").toString(),
            "--password-env",
            "ISSUING_PASSWORD");
    assertThat(keygen.exitCode()).as(keygen.err()).isZero();
    return store;
  }

  private String issue(String unit, String profile) {
    CliRun issued =
        run(
            ca(
                "cert",
                "issue",
                "--csr",
                csr(unit, profile).toString(),
                "--unit",
                unit,
                "--profile",
                profile,
                "--out",
                dir.resolve(unit + "-" + profile + ".pem").toString()));
    assertThat(issued.exitCode()).as(issued.err()).isZero();
    Matcher serial = Pattern.compile("serial\\s+([0-9A-F]+)").matcher(issued.out());
    assertThat(serial.find()).isTrue();
    return serial.group(1);
  }

  private Path csr(String unit, String profile) {
    return dir.resolve("csr").resolve(unit + "-" + profile + ".csr.pem");
  }

  @Test
  void keygenIssueImportAndExportMakeAUsableKeyStore() throws Exception {
    Path store = keygen("NL.NCB");
    issue("NL.NCB", "signing");

    CliRun imported =
        run(
            "pem",
            "import",
            "--store",
            store.toString(),
            "--alias",
            "signing",
            "--cert",
            dir.resolve("NL.NCB-signing.pem").toString(),
            "--password-env",
            "ISSUING_PASSWORD");
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    KeyEntry entry = Pkcs12Store.read(store, "issuing-secret".toCharArray(), "signing");
    assertThat(entry.chain()).hasSize(3);
    assertThat(entry.certificate().getSubjectX500Principal().getName())
        .isEqualTo("CN=NL.NCB,O=Liaison,C=NL");

    Path exported = dir.resolve("exported.pem");
    CliRun export =
        run(
            "pem",
            "export",
            "--store",
            store.toString(),
            "--alias",
            "signing",
            "--out",
            exported.toString(),
            "--password-env",
            "ISSUING_PASSWORD",
            "--json");
    assertThat(export.exitCode()).isZero();
    assertThat(export.out()).contains("\"certificates\":3");
    assertThat(Pem.readCertificates(exported)).isEqualTo(entry.chain());

    CliRun wrongKey =
        run(
            "pem",
            "import",
            "--store",
            store.toString(),
            "--alias",
            "tls",
            "--cert",
            dir.resolve("NL.NCB-signing.pem").toString(),
            "--password-env",
            "ISSUING_PASSWORD");
    assertThat(wrongKey.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(wrongKey.err()).contains("is not for key 'tls'", "[BAD_INPUT]");
  }

  @Test
  void rotateKeepsTheCurrentKeyUnderADatedAliasAndMakesANewKeyAndCsr() throws Exception {
    Path store = keygen("NL.NCB");
    String first = issue("NL.NCB", "encryption");
    importCertificate(store, "encryption", dir.resolve("NL.NCB-encryption.pem"));
    KeyEntry before = Pkcs12Store.read(store, "issuing-secret".toCharArray(), "encryption");

    CliRun rotate = rotate(store);
    assertThat(rotate.exitCode()).as(rotate.err()).isZero();
    assertThat(rotate.out()).contains("kept as 'encryption-2026-11'", first);

    var entries = Pkcs12Store.read(store, "issuing-secret".toCharArray());
    KeyEntry kept = Pkcs12Store.read(store, "issuing-secret".toCharArray(), "encryption-2026-11");
    KeyEntry fresh = Pkcs12Store.read(store, "issuing-secret".toCharArray(), "encryption");
    assertThat(entries).extracting(KeyEntry::alias).hasSize(4);
    assertThat(kept.privateKey()).isEqualTo(before.privateKey());
    assertThat(kept.chain()).isEqualTo(before.chain());
    assertThat(fresh.certificate().getPublicKey())
        .isNotEqualTo(before.certificate().getPublicKey());
    assertThat(Pem.readCsr(csr("NL.NCB", "encryption")).getSubjectPublicKeyInfo().getEncoded())
        .isEqualTo(fresh.certificate().getPublicKey().getEncoded());

    CliRun again = rotate(store);
    assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(again.err()).contains("still waits for its certificate", "[BAD_INPUT]");

    String second = issue("NL.NCB", "encryption");
    importCertificate(store, "encryption", dir.resolve("NL.NCB-encryption.pem"));
    CliRun third = rotate(store, "--json");
    assertThat(third.exitCode()).as(third.err()).isZero();
    assertThat(third.out())
        .contains("\"kept\":\"encryption-2026-11-2\"", "\"keptSerial\":\"" + second + "\"");
  }

  private CliRun rotate(Path store, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "unit",
                "rotate",
                "--unit",
                "NL.NCB",
                "--store",
                store.toString(),
                "--csr-dir",
                dir.resolve("csr").toString(),
                "--password-env",
                "ISSUING_PASSWORD"));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  private void importCertificate(Path store, String alias, Path cert) {
    CliRun imported =
        run(
            "pem",
            "import",
            "--store",
            store.toString(),
            "--alias",
            alias,
            "--cert",
            cert.toString(),
            "--password-env",
            "ISSUING_PASSWORD");
    assertThat(imported.exitCode()).as(imported.err()).isZero();
  }

  @Test
  void revokeListAndCrlTellTheSameStory() {
    keygen("NL.NCB");
    keygen("TH.CIB");
    String kept = issue("NL.NCB", "signing");
    String revoked = issue("TH.CIB", "tls");

    CliRun revoke = run(ca("cert", "revoke", "--serial", revoked, "--reason", "key-compromise"));
    assertThat(revoke.exitCode()).as(revoke.err()).isZero();
    assertThat(revoke.out()).contains("Revoked " + revoked, "TH.CIB", "key-compromise", "CRL #2");
    var crl = Pem.readCrls(issuing.resolve("crl.pem")).get(0);
    assertThat(crl.getRevokedCertificate(new java.math.BigInteger(revoked, 16))).isNotNull();

    CliRun list = run("cert", "list", "--ca-dir", issuing.toString());
    assertThat(list.out()).containsPattern(kept + "\\s+NL.NCB\\s+signing\\s+valid");
    assertThat(list.out()).containsPattern(revoked + "\\s+TH.CIB\\s+tls\\s+revoked");
    CliRun json = run("cert", "list", "--ca-dir", issuing.toString(), "--json");
    assertThat(json.out())
        .contains(
            "\"serial\":\"" + revoked + "\"",
            "\"status\":\"revoked\"",
            "\"reason\":\"key-compromise\"");

    CliRun fresh = run(ca("crl", "create", "--json"));
    assertThat(fresh.exitCode()).isZero();
    assertThat(fresh.out()).contains("\"crlNumber\":\"3\"", "\"revoked\":1");

    CliRun twice = run(ca("cert", "revoke", "--serial", revoked, "--reason", "superseded"));
    assertThat(twice.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(twice.err()).contains("already revoked", "[ALREADY_REVOKED]");
    assertThat(twice.err().lines()).hasSize(1);
    CliRun twiceJson =
        run(ca("cert", "revoke", "--serial", revoked, "--reason", "superseded", "--json"));
    assertThat(twiceJson.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(twiceJson.out()).startsWith("{\"error\":\"ALREADY_REVOKED\"");
  }

  @Test
  void keygenNeverOverwritesAKeyStore() {
    Path store = keygen("NL.NCB");
    CliRun again =
        run(
            "unit",
            "keygen",
            "--unit",
            "NL.NCB",
            "--store",
            store.toString(),
            "--csr-dir",
            dir.resolve("csr2").toString(),
            "--password-env",
            "ISSUING_PASSWORD");
    assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(again.err()).contains("exists already", "[BAD_INPUT]");
  }

  @Test
  void renewsWithTheSameKeyOrANewCsr() {
    keygen("NL.NCB");
    String first = issue("NL.NCB", "encryption");
    clock = java.time.Clock.fixed(START.plus(Duration.ofDays(300)), ZoneOffset.UTC);

    CliRun same =
        run(ca("cert", "renew", "--serial", first, "--out", dir.resolve("r1.pem").toString()));
    assertThat(same.exitCode()).as(same.err()).isZero();
    assertThat(same.out()).contains("Renewed encryption certificate for NL.NCB");
    CliRun rekey =
        run(
            ca(
                "cert",
                "renew",
                "--serial",
                first,
                "--csr",
                csr("NL.NCB", "encryption").toString(),
                "--out",
                dir.resolve("r2.pem").toString(),
                "--json"));
    assertThat(rekey.exitCode()).as(rekey.err()).isZero();
    assertThat(rekey.out()).contains("\"holder\":\"NL.NCB\"", "\"profile\":\"encryption\"");
  }

  @Test
  void aCsrForAnotherUnitIsRefusedInOneLine() {
    keygen("TH.CIB");
    CliRun run =
        run(
            ca(
                "cert",
                "issue",
                "--csr",
                csr("TH.CIB", "signing").toString(),
                "--unit",
                "NL.NCB",
                "--profile",
                "signing",
                "--out",
                dir.resolve("x.pem").toString()));
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err().strip())
        .isEqualTo("liaison-pki: the CSR is for unit 'TH.CIB', not for NL.NCB [CSR_UNIT_MISMATCH]");
    assertThat(dir.resolve("x.pem")).doesNotExist();
  }

  @Test
  void aWrongPasswordIsSaidPlainly() throws Exception {
    keygen("NL.NCB");
    Path wrong = Files.writeString(dir.resolve("wrong.pass"), "not-it\n");
    CliRun run =
        run(
            "cert",
            "issue",
            "--ca-dir",
            issuing.toString(),
            "--password-file",
            wrong.toString(),
            "--csr",
            csr("NL.NCB", "signing").toString(),
            "--unit",
            "NL.NCB",
            "--profile",
            "signing",
            "--out",
            dir.resolve("x.pem").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).contains("wrong password", "[WRONG_PASSWORD]");
  }

  @Test
  void aMissingFileIsNamed() {
    CliRun run =
        run(
            ca(
                "cert",
                "issue",
                "--csr",
                dir.resolve("nope.csr.pem").toString(),
                "--unit",
                "NL.NCB",
                "--profile",
                "signing",
                "--out",
                dir.resolve("x.pem").toString()));
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).contains("file not found", "nope.csr.pem", "[FILE_NOT_FOUND]");

    CliRun noCa = run("cert", "list", "--ca-dir", dir.resolve("no-ca").toString());
    assertThat(noCa.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(noCa.err()).contains("no CA in", "[FILE_NOT_FOUND]");
  }

  @Test
  void anExpiredCaRefusesToIssue() {
    keygen("NL.NCB");
    clock = java.time.Clock.fixed(START.plus(Duration.ofDays(6 * 365)), ZoneOffset.UTC);
    CliRun run =
        run(
            ca(
                "cert",
                "issue",
                "--csr",
                csr("NL.NCB", "signing").toString(),
                "--unit",
                "NL.NCB",
                "--profile",
                "signing",
                "--out",
                dir.resolve("x.pem").toString()));
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).contains("expired on", "[CA_EXPIRED]");
  }

  @Test
  void aMissingPasswordSaysWhereToPutIt() {
    CliRun run = run("crl", "create", "--ca-dir", issuing.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).contains("--password-file", "[PASSWORD_MISSING]");

    CliRun unset =
        run("crl", "create", "--ca-dir", issuing.toString(), "--password-env", "UNSET_VAR");
    assertThat(unset.err()).contains("UNSET_VAR", "[PASSWORD_MISSING]");
  }

  @Test
  void usageErrorsExitWithTwoAndSayWhatIsWrong() {
    CliRun profile =
        run(ca("cert", "issue", "--csr", "a", "--unit", "NL.NCB", "--profile", "x", "--out", "b"));
    assertThat(profile.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(profile.err()).contains("unknown profile 'x': use signing, encryption or tls");

    CliRun unit =
        run(
            ca(
                "cert",
                "issue",
                "--csr",
                "a",
                "--unit",
                "nl-ncb",
                "--profile",
                "signing",
                "--out",
                "b"));
    assertThat(unit.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unit.err()).contains("not of the form CC.CODE");

    CliRun reason = run(ca("cert", "revoke", "--serial", "AB", "--reason", "bored"));
    assertThat(reason.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(reason.err()).contains("unknown revocation reason 'bored'");

    CliRun plainPassword = run(ca("crl", "create", "--password", "secret"));
    assertThat(plainPassword.exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void initRefusesAFolderThatHoldsACa() {
    CliRun again =
        run("ca", "init-root", "--dir", root.toString(), "--password-file", rootPass.toString());
    assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(again.err()).contains("already holds a CA", "[CA_STATE_INVALID]");
  }

  @Test
  void everyCommandHasHelp() {
    for (List<String> command :
        List.of(
            List.<String>of(),
            List.of("ca"),
            List.of("ca", "init-root"),
            List.of("ca", "init-issuing"),
            List.of("unit", "keygen"),
            List.of("cert", "issue"),
            List.of("cert", "issue-service"),
            List.of("cert", "renew"),
            List.of("cert", "revoke"),
            List.of("cert", "list"),
            List.of("cert", "verify"),
            List.of("crl", "create"),
            List.of("pem", "import"),
            List.of("pem", "export"),
            List.of("kafka"),
            List.of("kafka", "acls"))) {
      String[] args =
          new java.util.ArrayList<>(command) {
            {
              add("--help");
            }
          }.toArray(String[]::new);
      CliRun help = run(args);
      assertThat(help.exitCode()).as(String.join(" ", command)).isZero();
      assertThat(help.out()).startsWith("Usage: liaison-pki");
    }
  }
}
