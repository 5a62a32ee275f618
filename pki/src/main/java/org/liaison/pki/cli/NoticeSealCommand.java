package org.liaison.pki.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.liaison.pki.BoundedRead;
import org.liaison.pki.PkiException;
import org.liaison.pki.UnitCertificates;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.keys.KeyEntry;
import org.liaison.pki.seal.NoticeRulesCheck;
import org.liaison.pki.seal.NoticeSealer;
import org.liaison.pki.seal.SealedDigest;
import org.liaison.pki.seal.SealingException;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.codec.AvroCodec;
import org.liaison.schemas.codec.DecodeException;
import org.liaison.schemas.codec.DecodeLimits;
import org.liaison.schemas.codec.NoticeJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code notice seal}: sign with the unit's signing key, encrypt to recipients and sender. */
@Command(
    name = "seal",
    description =
        "Seal a notice: sign it with the sending unit's key, encrypt it to each recipient.",
    mixinStandardHelpOptions = true)
final class NoticeSealCommand implements Callable<Integer> {

  enum Format {
    json,
    avro
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--notice",
      required = true,
      paramLabel = "FILE",
      description = "The notice, as JSON or Avro single-object encoding.")
  Path notice;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "json or avro (default: json for *.json, else avro).")
  Format format;

  @Option(
      names = "--store",
      required = true,
      paramLabel = "FILE",
      description = "The sending unit's PKCS#12 store (signing key, encryption certificate).")
  Path store;

  @Mixin PasswordOptions password;

  @Option(names = "--signing-alias", paramLabel = "ALIAS", description = "Signing key's alias.")
  String signingAlias;

  @Option(
      names = "--encryption-alias",
      paramLabel = "ALIAS",
      description = "Alias of the sender's own encryption key (it gets a copy).")
  String encryptionAlias;

  @Option(
      names = "--recipient",
      required = true,
      paramLabel = "PEM",
      description = "A recipient unit's encryption certificate (repeat for each).")
  List<Path> recipients = new ArrayList<>();

  @Mixin TrustOptions trust;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Sealed output.")
  Path out;

  @Override
  public Integer call() {
    try {
      CaseNotice caseNotice = readNotice();
      NoticeKeys keys =
          NoticeKeys.load(store, Cli.password(spec, password, "the key store " + store));
      KeyEntry signing = keys.signing(Optional.ofNullable(signingAlias));
      KeyEntry encryption = keys.encryption(Optional.ofNullable(encryptionAlias));
      List<String> violations = NoticeRulesCheck.standard().violations(caseNotice);
      if (!violations.isEmpty()) {
        return refused("NOTICE_RULES_VIOLATED", "the notice breaks its rules: " + violations);
      }
      List<X509Certificate> recipientCertificates =
          SealRecipients.checked(recipients, caseNotice, trust.validator(), Instant.now());
      byte[] sealed =
          new NoticeSealer(ProviderChoice.select(), Clock.systemUTC())
              .seal(caseNotice, signing, encryption, recipientCertificates);
      Files.write(out, sealed);
      String sha256 = HexFormat.of().formatHex(SealedDigest.sha256(sealed));
      if (json) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("noticeId", caseNotice.getNoticeId().toString());
        row.put("originator", caseNotice.getOriginator().toString());
        row.put(
            "recipients",
            recipientCertificates.stream()
                .map(c -> UnitCertificates.unitOf(c).map(UnitId::value).orElse(null))
                .toList());
        row.put("out", out.toString());
        row.put("bytes", sealed.length);
        row.put("sha256", sha256);
        spec.commandLine().getOut().println(Json.write(row));
      } else {
        spec.commandLine()
            .getOut()
            .printf(
                "sealed notice %s from %s for %d recipient(s): %s (%d bytes, sha256 %s)%n",
                caseNotice.getNoticeId(),
                caseNotice.getOriginator(),
                recipientCertificates.size(),
                out,
                sealed.length,
                sha256);
      }
      return ExitCodes.OK;
    } catch (SealRecipients.Refused e) {
      return refused(e.code(), e.getMessage());
    } catch (PkiException e) {
      return refused(e.code().name(), e.getMessage());
    } catch (DecodeException e) {
      // The decoder's own reason is in the message; the command's code is the generic one.
      return refused(PkiException.Code.BAD_INPUT.name(), "the notice: " + e.getMessage());
    } catch (SealingException e) {
      return refused(PkiException.Code.CRYPTO_FAILURE.name(), e.getMessage());
    } catch (IOException e) {
      return refused(PkiException.Code.IO_FAILURE.name(), "cannot write " + out + ": " + e);
    }
  }

  private int refused(String code, String message) {
    spec.commandLine().getErr().println("notice seal: " + message + " [" + code + "]");
    return ExitCodes.FAILED;
  }

  private CaseNotice readNotice() {
    // JSON carries attachments in base64, a third larger than the Avro encoding's cap.
    byte[] bytes =
        BoundedRead.file(notice, 2L * DecodeLimits.defaults().maxInputBytes(), "the notice file");
    Format chosen =
        format != null
            ? format
            : notice.getFileName().toString().endsWith(".json") ? Format.json : Format.avro;
    return chosen == Format.json
        ? NoticeJson.read(new String(bytes, StandardCharsets.UTF_8))
        : AvroCodec.caseNotices().decode(bytes);
  }
}
