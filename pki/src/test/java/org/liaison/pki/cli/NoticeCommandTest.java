package org.liaison.pki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.FederationKit;
import org.liaison.pki.ca.RevocationReason;
import org.liaison.pki.keys.Pem;
import org.liaison.pki.keys.Pkcs12Store;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.codec.NoticeJson;
import org.liaison.schemas.examples.ExampleNotices;
import picocli.CommandLine;

/**
 * {@code notice seal} and {@code notice open} run as an administrator would, exit codes included.
 */
class NoticeCommandTest {

  @TempDir Path dir;

  private FederationKit kit;
  private CaseNotice notice;

  private record Run(int exit, String out, String err) {}

  @BeforeEach
  void federation() throws Exception {
    notice = ExampleNotices.traffickingAlert();
    List<UnitId> units =
        Stream.concat(Stream.of(notice.getOriginator()), notice.getRecipients().stream())
            .map(UnitId::of)
            .toList();
    kit = FederationKit.create(KeyAlgorithm.EC_P256, units);
    Files.writeString(dir.resolve("pw"), "correct horse\n");
    for (UnitId unit : units) {
      Pkcs12Store.write(
          dir.resolve(unit.value() + ".p12"),
          "correct horse".toCharArray(),
          List.of(kit.unit(unit).signing(), kit.unit(unit).encryption()));
      Pem.write(
          dir.resolve(unit.value() + "-enc.pem"),
          Pem.encode(kit.unit(unit).encryption().certificate()));
    }
    Pem.write(dir.resolve("root.pem"), Pem.encode(kit.trustAnchor()));
    Pem.write(dir.resolve("issuing.pem"), Pem.encode(kit.issuingCa()));
    Pem.write(dir.resolve("crls.pem"), Pem.encode(kit.crls().toArray()));
    Files.writeString(dir.resolve("notice.json"), NoticeJson.write(notice));
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = LiaisonPki.commandLine(Clock.systemUTC(), Map.of());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] withCommand = new String[args.length + 1];
    withCommand[0] = "notice";
    System.arraycopy(args, 0, withCommand, 1, args.length);
    int exit = cli.execute(withCommand);
    return new Run(exit, out.toString(), err.toString());
  }

  private Run seal() {
    return seal(
        notice.getRecipients().stream()
            .map(r -> dir.resolve(r + "-enc.pem").toString())
            .toArray(String[]::new));
  }

  /**
   * Seals notice.json from the originator to {@code recipientPems}, with the federation's trust.
   */
  private Run seal(String... recipientPems) {
    return sealWith(List.of(), List.of(recipientPems));
  }

  private Run sealWith(List<String> options, List<String> recipientPems) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "seal",
                "--notice",
                dir.resolve("notice.json").toString(),
                "--store",
                dir.resolve(notice.getOriginator() + ".p12").toString(),
                "--password-file",
                dir.resolve("pw").toString(),
                "--trust-anchor",
                dir.resolve("root.pem").toString(),
                "--intermediates",
                dir.resolve("issuing.pem").toString(),
                "--crl",
                dir.resolve("crls.pem").toString(),
                "--out",
                dir.resolve("sealed.der").toString()));
    args.addAll(options);
    for (String pem : recipientPems) {
      args.add("--recipient");
      args.add(pem);
    }
    return run(args.toArray(String[]::new));
  }

  private Run open(String unit, String sealed, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "open",
                "--in",
                dir.resolve(sealed).toString(),
                "--store",
                dir.resolve(unit + ".p12").toString(),
                "--password-file",
                dir.resolve("pw").toString(),
                "--trust-anchor",
                dir.resolve("root.pem").toString(),
                "--intermediates",
                dir.resolve("issuing.pem").toString(),
                "--crl",
                dir.resolve("crls.pem").toString()));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  @Test
  void sealThenOpenPrintsTheNoticeAndTheReport() {
    Run sealed = seal();
    assertThat(sealed.exit()).as(sealed.err()).isZero();
    assertThat(sealed.out()).contains(notice.getNoticeId().toString()).contains("sha256");

    Run opened = open(notice.getRecipients().get(0), "sealed.der");

    assertThat(opened.exit()).as(opened.err() + opened.out()).isZero();
    assertThat(NoticeJson.read(opened.out().substring(0, opened.out().indexOf("\nopened:"))))
        .isEqualTo(notice);
    assertThat(opened.out())
        .contains("opened: signed by " + notice.getOriginator())
        .contains("AES-256-GCM");
  }

  @Test
  void sealAndOpenAnswerInJsonWhenAsked() throws Exception {
    List<String> recipients = notice.getRecipients();
    Run sealed =
        sealWith(
            List.of("--json"),
            recipients.stream().map(r -> dir.resolve(r + "-enc.pem").toString()).toList());
    assertThat(sealed.exit()).as(sealed.err()).isZero();
    assertThat(sealed.out().strip())
        .startsWith("{\"noticeId\":\"" + notice.getNoticeId() + "\"")
        .contains("\"originator\":\"" + notice.getOriginator() + "\"")
        .contains("\"sha256\":\"")
        .endsWith("}");
    recipients.forEach(r -> assertThat(sealed.out()).contains("\"" + r + "\""));

    Run opened = open(recipients.get(0), "sealed.der", "--json");

    assertThat(opened.exit()).as(opened.err() + opened.out()).isZero();
    String out = opened.out().strip();
    assertThat(out)
        .startsWith("{\"result\":\"OPENED\",\"notice\":{")
        .contains("\"verification\":{\"signerUnit\":\"" + notice.getOriginator() + "\"")
        .contains("\"contentEncryptionAlgorithm\":\"AES-256-GCM\"");
    String noticeJson =
        out.substring(
            "{\"result\":\"OPENED\",\"notice\":".length(), out.indexOf(",\"verification\":"));
    assertThat(NoticeJson.read(noticeJson)).isEqualTo(notice);

    byte[] bytes = Files.readAllBytes(dir.resolve("sealed.der"));
    bytes[bytes.length - 3] ^= 0x01;
    Files.write(dir.resolve("tampered.der"), bytes);
    Run rejected = open(recipients.get(0), "tampered.der", "--json");
    assertThat(rejected.exit()).isEqualTo(ExitCodes.INVALID);
    assertThat(rejected.out())
        .startsWith("{\"result\":\"REJECTED\",\"reason\":\"DECRYPTION_FAILED\"");
  }

  @Test
  void theSenderOpensItsOwnCopyOnlyWithOwnCopy() {
    assertThat(seal().exit()).isZero();
    String sender = notice.getOriginator();
    String recipient = notice.getRecipients().get(0);

    Run asRecipient = open(sender, "sealed.der");
    Run own = open(sender, "sealed.der", "--own-copy");
    Run notOwn = open(recipient, "sealed.der", "--own-copy");

    assertThat(asRecipient.exit()).isEqualTo(ExitCodes.INVALID);
    assertThat(asRecipient.out()).startsWith("rejected: NOT_A_RECIPIENT");
    assertThat(own.exit()).as(own.err() + own.out()).isZero();
    assertThat(own.out()).contains("opened: signed by " + sender);
    assertThat(notOwn.exit()).isEqualTo(ExitCodes.INVALID);
    assertThat(notOwn.out())
        .startsWith("rejected: NOT_A_RECIPIENT")
        .contains("signed by " + sender);
  }

  @Test
  void aTamperedNoticeIsRejectedWithItsReasonAndExitCodeOne() throws Exception {
    assertThat(seal().exit()).isZero();
    byte[] bytes = Files.readAllBytes(dir.resolve("sealed.der"));
    bytes[bytes.length - 3] ^= 0x01;
    Files.write(dir.resolve("tampered.der"), bytes);

    Run opened = open(notice.getRecipients().get(0), "tampered.der");

    assertThat(opened.exit()).isEqualTo(ExitCodes.INVALID);
    assertThat(opened.out()).startsWith("rejected: DECRYPTION_FAILED");
  }

  @Test
  void aMissingRequiredOptionIsAUsageError() {
    Run run = run("seal", "--notice", dir.resolve("notice.json").toString());
    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Missing required option");
  }

  @Test
  void aWrongPasswordIsAnOperationalFailure() throws Exception {
    Files.writeString(dir.resolve("pw"), "wrong\n", StandardCharsets.UTF_8);
    Run run = seal();
    assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).startsWith("notice seal:");
  }

  @Test
  void aWrongPasswordWhenOpeningNamesItsCode() throws Exception {
    assertThat(seal().exit()).isZero();
    Files.writeString(dir.resolve("pw"), "wrong\n", StandardCharsets.UTF_8);
    Run run = open(notice.getRecipients().get(0), "sealed.der");
    assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).startsWith("notice open:").contains("[WRONG_PASSWORD]");
  }

  @Test
  void aPasswordFileAndAPasswordVariableTogetherAreAUsageError() {
    assertThat(seal().exit()).isZero();
    List<String> args = new ArrayList<>(List.of("open"));
    args.addAll(
        List.of(
            "--in",
            dir.resolve("sealed.der").toString(),
            "--store",
            dir.resolve(notice.getRecipients().get(0) + ".p12").toString(),
            "--password-file",
            dir.resolve("pw").toString(),
            "--password-env",
            "UNIT_PASSWORD",
            "--trust-anchor",
            dir.resolve("root.pem").toString()));
    Run run = run(args.toArray(String[]::new));
    assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("not both").doesNotContain("Exception");
  }

  @Test
  void aMissingSealedFileIsAnOperationalFailure() {
    Run run = open(notice.getRecipients().get(0), "absent.der");
    assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).contains("absent.der");
  }

  private static final String ATT = "NL.ATT-BKK";
  private static final String CIB = "TH.CIB";

  private void assertRefusedBeforeWriting(Run run, String code) {
    assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).startsWith("notice seal:").contains("[" + code + "]");
    assertThat(dir.resolve("sealed.der")).doesNotExist();
  }

  @Test
  void aRogueCertificateCopyingTheIssuersNameIsNotEncryptedTo() throws Exception {
    FederationKit rogue = FederationKit.create(KeyAlgorithm.EC_P256, List.of(UnitId.of(CIB)));
    assertThat(rogue.issuingCa().getSubjectX500Principal())
        .isEqualTo(kit.issuingCa().getSubjectX500Principal());
    Path pem = dir.resolve("rogue.pem");
    Pem.write(pem, Pem.encode(rogue.unit(UnitId.of(CIB)).encryption().certificate()));

    assertRefusedBeforeWriting(
        seal(dir.resolve(ATT + "-enc.pem").toString(), pem.toString()), "UNKNOWN_ISSUER");
  }

  @Test
  void aCertificateOfAUnitNotAmongTheRecipientsIsNotEncryptedTo() throws Exception {
    Files.writeString(
        dir.resolve("notice.json"),
        NoticeJson.write(CaseNotice.newBuilder(notice).setRecipients(List.of(ATT)).build()));

    assertRefusedBeforeWriting(
        seal(dir.resolve(ATT + "-enc.pem").toString(), dir.resolve(CIB + "-enc.pem").toString()),
        "RECIPIENT_NOT_IN_NOTICE");
  }

  @Test
  void aSigningCertificateIsNotEncryptedTo() throws Exception {
    Path pem = dir.resolve("att-signing.pem");
    Pem.write(pem, Pem.encode(kit.unit(UnitId.of(ATT)).signing().certificate()));

    assertRefusedBeforeWriting(
        seal(pem.toString(), dir.resolve(CIB + "-enc.pem").toString()), "WRONG_KEY_USAGE");
  }

  @Test
  void aRevokedEncryptionCertificateIsNotEncryptedTo() throws Exception {
    kit.revoke(
        kit.unit(UnitId.of(CIB)).encryption().certificate(), RevocationReason.KEY_COMPROMISE);
    Pem.write(dir.resolve("crls.pem"), Pem.encode(kit.crls().toArray()));

    assertRefusedBeforeWriting(seal(), "REVOKED");
  }

  @Test
  void aRecipientWithoutACertificateIsRefused() {
    assertRefusedBeforeWriting(
        seal(dir.resolve(ATT + "-enc.pem").toString()), "RECIPIENT_WITHOUT_CERTIFICATE");
  }

  @Test
  void aNoticeBreakingItsRulesIsNotSealed() throws Exception {
    Files.writeString(
        dir.resolve("notice.json"),
        NoticeJson.write(
            CaseNotice.newBuilder(notice)
                .setExpiresAt(notice.getCreatedAt().minusSeconds(60))
                .build()));

    assertRefusedBeforeWriting(seal(), "NOTICE_RULES_VIOLATED");
  }

  @Test
  void sealingWithoutTheFederationsTrustIsAUsageError() {
    Run run =
        run(
            "seal",
            "--notice",
            dir.resolve("notice.json").toString(),
            "--store",
            dir.resolve(notice.getOriginator() + ".p12").toString(),
            "--password-file",
            dir.resolve("pw").toString(),
            "--recipient",
            dir.resolve(ATT + "-enc.pem").toString(),
            "--out",
            dir.resolve("sealed.der").toString());
    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--trust-anchor");
  }
}
