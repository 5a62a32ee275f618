package org.liaison.pki.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.liaison.pki.BoundedRead;
import org.liaison.pki.PkiException;
import org.liaison.pki.UnitCertificates;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.keys.KeyEntry;
import org.liaison.pki.seal.InMemoryReplayStore;
import org.liaison.pki.seal.NoticeOpener;
import org.liaison.pki.seal.NoticeRulesCheck;
import org.liaison.pki.seal.OpenResult;
import org.liaison.pki.seal.OpeningKeys;
import org.liaison.pki.seal.OpeningPolicy;
import org.liaison.pki.seal.RejectReason;
import org.liaison.pki.seal.VerificationReport;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.codec.NoticeJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code notice open}: every check a gateway runs, then the notice as JSON and the verification
 * report, or the reason code. The replay check starts from an empty store: one invocation cannot
 * see earlier ones.
 */
@Command(
    name = "open",
    description = "Open a sealed notice with a unit's keys and check everything a gateway checks.",
    mixinStandardHelpOptions = true)
final class NoticeOpenCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "Sealed notice.")
  Path in;

  @Option(
      names = "--store",
      required = true,
      paramLabel = "FILE",
      description = "The receiving unit's PKCS#12 store (its encryption key).")
  Path store;

  @Mixin PasswordOptions password;

  @Option(names = "--encryption-alias", paramLabel = "ALIAS", description = "Encryption key alias.")
  String encryptionAlias;

  @Mixin TrustOptions trust;

  @Option(
      names = "--sender",
      paramLabel = "UNIT",
      description = "The unit the transport says sent it; checked against the signer.")
  String sender;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Option(
      names = "--own-copy",
      description =
          "Open the copy the store's own unit sent (the RecipientInfo every seal makes for its"
              + " sender): the signer must be that unit. Decryption, signature and the signer's"
              + " certificate are checked; the arrival checks (window, replay) are not.")
  boolean ownCopy;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      byte[] sealed =
          BoundedRead.file(in, OpeningPolicy.defaults().maxSealedBytes(), "the sealed notice");
      KeyEntry encryption =
          NoticeKeys.load(store, Cli.password(spec, password, "the key store " + store))
              .encryption(Optional.ofNullable(encryptionAlias));
      UnitId unit =
          UnitCertificates.unitOf(encryption.certificate())
              .orElseThrow(
                  () ->
                      new PkiException(
                          PkiException.Code.BAD_INPUT,
                          "the encryption certificate in " + store + " names no unit"));
      NoticeOpener opener =
          new NoticeOpener(
              ProviderChoice.select(),
              OpeningPolicy.defaults(),
              new InMemoryReplayStore(),
              NoticeRulesCheck.standard());
      OpeningKeys keys = new OpeningKeys(unit, encryption);
      OpenResult result =
          ownCopy
              ? ownCopy(opener.reopen(sealed, keys, trust.validator(), Instant.now()), unit)
              : opener.open(
                  sealed,
                  keys,
                  trust.validator(),
                  Optional.ofNullable(sender).map(UnitId::of),
                  Instant.now());
      if (result instanceof OpenResult.Opened opened) {
        if (json) {
          Map<String, Object> answer = new LinkedHashMap<>();
          answer.put("result", "OPENED");
          answer.put("notice", new Json.Raw(NoticeJson.write(opened.notice())));
          answer.put("verification", report(opened.report()));
          out.println(Json.write(answer));
        } else {
          out.println(NoticeJson.write(opened.notice()));
          printReport(out, opened.report());
        }
        return ExitCodes.OK;
      }
      OpenResult.Rejected rejected = (OpenResult.Rejected) result;
      if (json) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("result", "REJECTED");
        answer.put("reason", rejected.reason().name());
        answer.put("detail", rejected.detail());
        out.println(Json.write(answer));
      } else {
        out.println("rejected: " + rejected.reason() + ": " + rejected.detail());
      }
      return ExitCodes.INVALID;
    } catch (PkiException e) {
      spec.commandLine().getErr().println("notice open: " + e.getMessage() + " [" + e.code() + "]");
      return ExitCodes.FAILED;
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("notice open: " + e.getMessage());
      return ExitCodes.FAILED;
    }
  }

  /** A copy opened with the sender's own key counts only when the store's unit signed it. */
  private static OpenResult ownCopy(OpenResult result, UnitId unit) {
    if (result instanceof OpenResult.Opened opened && !opened.report().signerUnit().equals(unit)) {
      return new OpenResult.Rejected(
          RejectReason.NOT_A_RECIPIENT,
          "signed by " + opened.report().signerUnit() + ": not a copy " + unit + " sent");
    }
    return result;
  }

  private static Map<String, Object> report(VerificationReport report) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("signerUnit", report.signerUnit().value());
    row.put("signerCertificateSerial", report.signerSerial().toString(16));
    row.put("signingTime", report.signingTime().toString());
    row.put("digestAlgorithm", report.digestAlgorithm());
    row.put("signatureAlgorithm", report.signatureAlgorithm());
    row.put("contentEncryptionAlgorithm", report.contentEncryptionAlgorithm());
    row.put("keyManagementAlgorithm", report.keyManagementAlgorithm());
    return row;
  }

  private static void printReport(PrintWriter out, VerificationReport report) {
    out.println("opened: signed by " + report.signerUnit() + " at " + report.signingTime());
    out.println("signer certificate serial: " + report.signerSerial().toString(16));
    out.println(
        "algorithms: "
            + report.digestAlgorithm()
            + ", "
            + report.signatureAlgorithm()
            + ", "
            + report.contentEncryptionAlgorithm()
            + ", "
            + report.keyManagementAlgorithm());
  }
}
