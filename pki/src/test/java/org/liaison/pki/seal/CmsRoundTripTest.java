package org.liaison.pki.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.seal.cms.AuthEnvelopedEncryptor;
import org.liaison.pki.seal.cms.SignedDataCreator;

/** Sign-then-encrypt and back over raw bytes, with both provider sets. */
class CmsRoundTripTest {

  static List<ProviderChoice> providers() {
    return List.of(ProviderChoice.preferNative(), ProviderChoice.pureJava());
  }

  @ParameterizedTest
  @MethodSource("providers")
  void signedAndEncryptedContentComesBackWithItsSigner(ProviderChoice p) throws Exception {
    TestPki.Issued ca = TestPki.ca("Test CA");
    TestPki.Issued signer =
        TestPki.leaf(ca, "NL.NCB", TestPki.ec("secp256r1"), KeyUsage.digitalSignature);
    TestPki.Issued recipient =
        TestPki.leaf(ca, "TH.NCB", TestPki.ec("secp256r1"), KeyUsage.keyAgreement);
    TestPki.Issued rsaRecipient =
        TestPki.leaf(ca, "NL.ATT-BKK", TestPki.rsa(3072), KeyUsage.keyEncipherment);
    byte[] content = "a notice".getBytes(StandardCharsets.UTF_8);

    byte[] signed =
        new SignedDataCreator(p.asymmetric())
            .sign(
                content,
                signer.key(),
                p.asymmetric(),
                List.of(signer.certificate()),
                Instant.now());
    byte[] sealed =
        new AuthEnvelopedEncryptor(p.asymmetric(), p.symmetric(), p.fallback(), new SecureRandom())
            .encrypt(signed, List.of(recipient.certificate(), rsaRecipient.certificate()));

    EnvelopeOpener.Decrypted decrypted =
        new EnvelopeOpener(p, 1 << 20)
            .open(sealed, recipient.certificate(), recipient.key(), p.asymmetric());
    SignatureVerifier.Verified verified = new SignatureVerifier(p).verify(decrypted.content());
    assertThat(verified.content()).isEqualTo(content);
    assertThat(verified.signer()).isEqualTo(signer.certificate());
    assertThat(decrypted.keyManagement()).isEqualTo("dhSinglePass-stdDH-sha256kdf+aes256-wrap");

    EnvelopeOpener.Decrypted viaRsa =
        new EnvelopeOpener(p, 1 << 20)
            .open(sealed, rsaRecipient.certificate(), rsaRecipient.key(), p.fallback());
    assertThat(new SignatureVerifier(p).verify(viaRsa.content()).content()).isEqualTo(content);
    assertThat(viaRsa.keyManagement()).isEqualTo("RSA-OAEP-SHA-256");
  }
}
