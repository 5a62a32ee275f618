package org.liaison.pki.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.keys.Pem;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.pki.seal.cms.DerReader;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.codec.AvroCodec;

/**
 * OpenSSL 3's {@code cms} command and Liaison understand each other both ways: OpenSSL decrypts and
 * verifies what Liaison seals, and Liaison opens what OpenSSL signs and then encrypts.
 */
@ParameterizedClass
@MethodSource("org.liaison.pki.seal.SealingFixture#providerChoices")
class OpenSslInteropTest {

  @Parameter ProviderChoice providers;

  @TempDir Path dir;

  /**
   * Both RecipientInfos: the recipient's (a full ECDH when sealing) and the sender's own (its
   * secret computed from the sender's private key as a multiple of the generator, see {@code
   * OwnKeyAgreement}); OpenSSL must decrypt either with the unit's key.
   */
  @ParameterizedTest
  @ValueSource(strings = {"TH.CIB", "NL.NCB"})
  void openSslDecryptsAndVerifiesWhatLiaisonSeals(String decryptingUnit) throws Exception {
    SealingFixture fx = SealingFixture.ec(providers);
    CaseNotice notice = SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build();
    Files.write(dir.resolve("sealed.der"), fx.seal(notice));
    writeKey(fx.kit.unit(UnitId.of(decryptingUnit)).encryption(), "unit-enc");
    Pem.write(dir.resolve("root.pem"), Pem.encode(fx.kit.trustAnchor()));

    openssl(
        "cms",
        "-decrypt",
        "-inform",
        "DER",
        "-in",
        "sealed.der",
        "-recip",
        "unit-enc.pem",
        "-inkey",
        "unit-enc.key",
        "-binary",
        "-out",
        "signed.der");
    openssl(
        "cms",
        "-verify",
        "-inform",
        "DER",
        "-in",
        "signed.der",
        "-CAfile",
        "root.pem",
        "-purpose",
        "any",
        "-binary",
        "-out",
        "notice.avro");

    byte[] content = Files.readAllBytes(dir.resolve("notice.avro"));
    assertThat(AvroCodec.caseNotices().decode(content)).isEqualTo(notice);
  }

  @Test
  void openSslRefusesWhatLiaisonSealedWhenTheCiphertextIsTampered() throws Exception {
    SealingFixture fx = SealingFixture.ec(providers);
    byte[] sealed = fx.seal(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build());
    Files.write(dir.resolve("sealed.der"), Tamper.flipCiphertextByte(sealed));
    writeKey(fx.kit.unit(SealingFixture.TH).encryption(), "th-enc");
    Result result =
        run(
            "cms",
            "-decrypt",
            "-inform",
            "DER",
            "-in",
            "sealed.der",
            "-recip",
            "th-enc.pem",
            "-inkey",
            "th-enc.key",
            "-binary",
            "-out",
            "signed.der");
    assertThat(result.exit()).as(result.output()).isNotZero();
  }

  @Test
  void liaisonOpensWhatOpenSslSignsAndEncrypts() throws Exception {
    SealingFixture fx = SealingFixture.ec(providers);
    CaseNotice notice = SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build();
    Pem.write(dir.resolve("nl-enc.pem"), Pem.encode(fx.encryption(SealingFixture.NL)));

    byte[] sealed =
        openSslSignsAndEncrypts(fx, notice, false, "sha256", "th-enc.pem", "nl-enc.pem");
    OpenResult result = fx.open(sealed, SealingFixture.TH);

    assertThat(result).isInstanceOf(OpenResult.Opened.class);
    OpenResult.Opened opened = (OpenResult.Opened) result;
    assertThat(opened.notice()).isEqualTo(notice);
    assertThat(opened.report().signerUnit()).isEqualTo(SealingFixture.NL);
    assertThat(opened.report().keyManagementAlgorithm())
        .isEqualTo("dhSinglePass-stdDH-sha256kdf+aes256-wrap");
  }

  @Test
  void liaisonOpensWhatOpenSslStreamsInBer() throws Exception {
    SealingFixture fx = SealingFixture.ec(providers);
    CaseNotice notice = SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build();

    byte[] sealed = openSslSignsAndEncrypts(fx, notice, true, "sha256", "th-enc.pem");

    // Indefinite lengths and constructed OCTET STRINGs in both layers: the normalising path.
    byte[] signed = Files.readAllBytes(dir.resolve("signed.der"));
    assertThatThrownBy(() -> DerReader.validate(signed, 0, signed.length))
        .isInstanceOf(DerReader.NotDer.class);
    assertThatThrownBy(() -> DerReader.validate(sealed, 0, sealed.length))
        .isInstanceOf(DerReader.NotDer.class);

    OpenResult result = fx.open(sealed, SealingFixture.TH);

    assertThat(result).isInstanceOf(OpenResult.Opened.class);
    assertThat(((OpenResult.Opened) result).notice()).isEqualTo(notice);
  }

  /**
   * NL.NCB's notice signed by {@code openssl cms -sign} (SHA-256, the issuing CA included) and
   * encrypted by {@code openssl cms -encrypt} (AES-256-GCM, ECDH with the KDF's digest {@code
   * kdfDigest}, or OpenSSL's default, SHA-1, when null) to the given recipient certificate files in
   * {@link #dir}; TH.CIB's is written there as {@code th-enc.pem}. With {@code stream}, both steps
   * stream (BER with indefinite lengths).
   */
  private byte[] openSslSignsAndEncrypts(
      SealingFixture fx,
      CaseNotice notice,
      boolean stream,
      String kdfDigest,
      String... recipientFiles)
      throws Exception {
    Files.write(dir.resolve("notice.avro"), AvroCodec.caseNotices().encode(notice));
    writeKey(fx.signing(SealingFixture.NL), "nl-sign");
    Pem.write(dir.resolve("issuing.pem"), Pem.encode(fx.kit.issuingCa()));
    Pem.write(dir.resolve("th-enc.pem"), Pem.encode(fx.encryption(SealingFixture.TH)));
    List<String> streaming = stream ? List.of("-stream") : List.of();
    List<String> sign = new ArrayList<>(List.of("cms", "-sign"));
    sign.addAll(streaming);
    sign.addAll(
        List.of(
            "-binary",
            "-nodetach",
            "-md",
            "sha256",
            "-in",
            "notice.avro",
            "-signer",
            "nl-sign.pem",
            "-inkey",
            "nl-sign.key",
            "-certfile",
            "issuing.pem",
            "-outform",
            "DER",
            "-out",
            "signed.der"));
    openssl(sign.toArray(String[]::new));
    List<String> encrypt = new ArrayList<>(List.of("cms", "-encrypt"));
    encrypt.addAll(streaming);
    encrypt.addAll(
        List.of(
            "-binary",
            "-aes-256-gcm",
            "-in",
            "signed.der",
            "-outform",
            "DER",
            "-out",
            "sealed.der"));
    for (String recipient : recipientFiles) {
      encrypt.addAll(List.of("-recip", recipient));
      if (kdfDigest != null) {
        encrypt.addAll(List.of("-keyopt", "ecdh_kdf_md:" + kdfDigest));
      }
    }
    openssl(encrypt.toArray(String[]::new));
    return Files.readAllBytes(dir.resolve("sealed.der"));
  }

  @Test
  void openSslsDefaultSha1KdfIsRefused() throws Exception {
    SealingFixture fx = SealingFixture.ec(providers);
    CaseNotice notice = SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build();

    byte[] sealed = openSslSignsAndEncrypts(fx, notice, false, null, "th-enc.pem");
    OpenResult result = fx.open(sealed, SealingFixture.TH);

    assertThat(((OpenResult.Rejected) result).reason())
        .isEqualTo(RejectReason.ALGORITHM_NOT_ALLOWED);
    assertThat(((OpenResult.Rejected) result).detail()).contains("1.3.133.16.840.63.0.2");
  }

  private void writeKey(PrivateKeyHandle handle, String name) throws IOException {
    PrivateKey key = handle.privateKey();
    Pem.write(dir.resolve(name + ".key"), Pem.encode(new JcaPKCS8Generator(key, null).generate()));
    Pem.write(dir.resolve(name + ".pem"), Pem.encode(handle.certificate()));
  }

  private record Result(int exit, String output) {}

  private void openssl(String... args) throws Exception {
    Result result = run(args);
    assertThat(result.exit())
        .as("openssl %s: %s", args[0] + " " + args[1], result.output())
        .isZero();
  }

  private Result run(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
