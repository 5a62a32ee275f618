package org.liaison.pki.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.PkiException;
import org.liaison.pki.ca.CertificateProfile;
import org.liaison.pki.ca.CsrBuilder;
import org.liaison.pki.ca.FederationKit;
import org.liaison.schemas.UnitId;

/** PKCS#12 and PEM files, and where passwords come from. */
class KeyFilesTest {

  private static final UnitId NCB = UnitId.of("NL.NCB");
  private static final char[] PASSWORD = "s3cret-pass".toCharArray();
  private static FederationKit kit;

  @TempDir Path dir;

  @BeforeAll
  static void federation() {
    kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NCB));
  }

  @Test
  void pkcs12KeepsKeysAndChainsAndOpensslReadsIt() throws Exception {
    Path file = dir.resolve("ncb.p12");
    Pkcs12Store.write(file, PASSWORD, List.of(kit.unit(NCB).signing(), kit.unit(NCB).tls()));

    List<KeyEntry> entries = Pkcs12Store.read(file, PASSWORD);
    assertThat(entries)
        .extracting(KeyEntry::alias)
        .containsExactlyInAnyOrder("nl.ncb-signing", "nl.ncb-tls");
    KeyEntry signing = Pkcs12Store.read(file, PASSWORD, "nl.ncb-signing");
    assertThat(signing.chain()).isEqualTo(kit.unit(NCB).signing().chain());
    assertThat(signing.privateKey().getEncoded())
        .isEqualTo(kit.unit(NCB).signing().privateKey().getEncoded());

    Path passFile = dir.resolve("pass");
    Files.writeString(passFile, new String(PASSWORD) + "\n");
    Process openssl =
        new ProcessBuilder(
                "openssl",
                "pkcs12",
                "-in",
                file.toString(),
                "-passin",
                "file:" + passFile,
                "-noout")
            .redirectErrorStream(true)
            .start();
    String output = new String(openssl.getInputStream().readAllBytes());
    assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(openssl.exitValue()).as(output).isZero();
  }

  @Test
  void pkcs12RefusalsSayWhatIsWrong() throws Exception {
    Path file = dir.resolve("ncb.p12");
    Pkcs12Store.write(file, PASSWORD, List.of(kit.unit(NCB).signing()));
    Path garbage = Files.writeString(dir.resolve("garbage.p12"), "not a key store");

    assertRefused(
        () -> Pkcs12Store.read(file, "wrong".toCharArray()),
        PkiException.Code.WRONG_PASSWORD,
        "wrong password");
    assertRefused(
        () -> Pkcs12Store.read(dir.resolve("absent.p12"), PASSWORD),
        PkiException.Code.FILE_NOT_FOUND,
        "absent.p12");
    assertRefused(
        () -> Pkcs12Store.read(garbage, PASSWORD), PkiException.Code.BAD_INPUT, "not a PKCS#12");
    assertRefused(
        () -> Pkcs12Store.read(file, PASSWORD, "other"), PkiException.Code.KEY_NOT_FOUND, "other");
  }

  @Test
  void pemCarriesCertificatesCsrsCrlsAndEncryptedKeys() {
    var keys = KeyAlgorithm.EC_P256.generate();
    PKCS10CertificationRequest csr =
        CsrBuilder.create(
            NCB, CertificateProfile.SIGNING, keys.getPublic(), keys.getPrivate(), Optional.empty());
    Path chain = dir.resolve("chain.pem");
    Path crl = dir.resolve("crl.pem");
    Path request = dir.resolve("csr.pem");
    Path key = dir.resolve("key.pem");
    Pem.write(chain, Pem.encode(kit.issuingCa(), kit.trustAnchor()));
    Pem.write(crl, Pem.encode(kit.crl()));
    Pem.write(request, Pem.encode(csr));
    Pem.write(key, Pem.encodeEncryptedKey(keys.getPrivate(), PASSWORD));

    assertThat(Pem.readCertificates(chain)).containsExactly(kit.issuingCa(), kit.trustAnchor());
    assertThat(Pem.readCrls(crl)).containsExactly(kit.crl());
    assertThat(Pem.readCsr(request)).isEqualTo(csr);
    assertThat(Pem.readEncryptedKey(key, PASSWORD).getEncoded())
        .isEqualTo(keys.getPrivate().getEncoded());

    assertRefused(
        () -> Pem.readEncryptedKey(key, "wrong".toCharArray()),
        PkiException.Code.WRONG_PASSWORD,
        "wrong password");
    assertRefused(() -> Pem.readCertificates(crl), PkiException.Code.BAD_INPUT, "certificate");
    assertRefused(() -> Pem.readCsr(chain), PkiException.Code.BAD_INPUT, "CSR");
    assertRefused(
        () -> Pem.readCrls(dir.resolve("none.pem")), PkiException.Code.FILE_NOT_FOUND, "none.pem");
  }

  @Test
  void passwordsComeFromAFileOrTheEnvironment() throws Exception {
    Path file = Files.writeString(dir.resolve("pass"), "from-file\r\nsecond line ignored\n");
    Map<String, String> environment = Map.of("CA_PASSWORD", "from-env");

    assertThat(Passwords.fromFile(file)).isEqualTo("from-file".toCharArray());
    assertThat(Passwords.fromEnvironment("CA_PASSWORD", environment))
        .isEqualTo("from-env".toCharArray());
    assertThat(
            Passwords.resolve(Optional.empty(), Optional.of("CA_PASSWORD"), environment, "the CA"))
        .isEqualTo("from-env".toCharArray());

    assertRefused(
        () -> Passwords.fromEnvironment("UNSET", environment),
        PkiException.Code.PASSWORD_MISSING,
        "UNSET");
    assertRefused(
        () -> Passwords.fromFile(dir.resolve("absent")),
        PkiException.Code.FILE_NOT_FOUND,
        "absent");
    assertRefused(
        () -> Passwords.fromFile(Files.writeString(dir.resolve("empty"), "")),
        PkiException.Code.PASSWORD_MISSING,
        "empty");
    assertRefused(
        () -> Passwords.resolve(Optional.empty(), Optional.empty(), environment, "the CA"),
        PkiException.Code.PASSWORD_MISSING,
        "--password-file");
  }

  private static void assertRefused(ThrowingCallable call, PkiException.Code code, String text) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            PkiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.getMessage()).contains(text);
            });
  }
}
