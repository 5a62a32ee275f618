package org.liaison.pki.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.PkiException;
import org.liaison.pki.ca.FederationKit;
import org.liaison.schemas.UnitId;

/** A store's key proven to be its certificate's, and a key store read from bytes already read. */
class KeyPossessionTest {

  private static final UnitId NCB = UnitId.of("NL.NCB");
  private static final char[] PASSWORD = "s3cret-pass".toCharArray();
  private static FederationKit ec;
  private static FederationKit rsa;

  @TempDir Path dir;

  @BeforeAll
  static void federations() {
    ec = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NCB));
    rsa = FederationKit.create(KeyAlgorithm.RSA_3072, List.of(NCB));
  }

  @Test
  void aKeyWithItsOwnCertificatePasses() {
    assertThatCode(() -> KeyPossession.check(ec.unit(NCB).signing())).doesNotThrowAnyException();
    assertThatCode(() -> KeyPossession.check(ec.unit(NCB).encryption())).doesNotThrowAnyException();
    assertThatCode(() -> KeyPossession.check(rsa.unit(NCB).encryption()))
        .doesNotThrowAnyException();
  }

  @Test
  void aKeyWithAnotherKeysCertificateIsRefused() {
    PrivateKeyHandle signing = ec.unit(NCB).signing();
    PrivateKeyHandle encryption = ec.unit(NCB).encryption();
    KeyEntry swapped = KeyEntry.software("encryption", signing.privateKey(), encryption.chain());

    assertThatThrownBy(() -> KeyPossession.check(swapped))
        .isInstanceOf(PkiException.class)
        .satisfies(
            e ->
                assertThat(((PkiException) e).code())
                    .isEqualTo(PkiException.Code.KEY_CERTIFICATE_MISMATCH))
        .hasMessageContaining("'encryption'")
        .hasMessageContaining(encryption.certificate().getSerialNumber().toString(16));
  }

  @Test
  void aKeyOfAnotherTypeThanItsCertificateIsRefused() {
    KeyEntry mixed =
        KeyEntry.software(
            "encryption",
            rsa.unit(NCB).encryption().privateKey(),
            ec.unit(NCB).encryption().chain());

    assertThatThrownBy(() -> KeyPossession.check(mixed))
        .isInstanceOf(PkiException.class)
        .satisfies(
            e ->
                assertThat(((PkiException) e).code())
                    .isEqualTo(PkiException.Code.KEY_CERTIFICATE_MISMATCH));
  }

  @Test
  void aStoreReadFromBytesHasTheEntriesOfTheFile() throws Exception {
    Path file = dir.resolve("ncb.p12");
    Pkcs12Store.write(file, PASSWORD, List.of(ec.unit(NCB).signing(), ec.unit(NCB).encryption()));

    List<KeyEntry> entries = Pkcs12Store.read(Files.readAllBytes(file), PASSWORD, "ncb.p12");

    assertThat(entries).extracting(KeyEntry::alias).hasSize(2);
    assertThatThrownBy(() -> Pkcs12Store.read(new byte[] {1, 2, 3}, PASSWORD, "junk.p12"))
        .isInstanceOf(PkiException.class)
        .hasMessageContaining("junk.p12");
  }
}
