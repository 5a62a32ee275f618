package org.liaison.pki.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.PkiException;
import org.liaison.pki.ca.CaPolicy;
import org.liaison.pki.ca.CertificateAuthority;
import org.liaison.pki.ca.CertificateProfile;
import org.liaison.pki.ca.CsrBuilder;
import org.liaison.pki.ca.FederationKit;
import org.liaison.pki.ca.IssuedCertificate;
import org.liaison.pki.ca.MemoryCaStore;
import org.liaison.pki.ca.RevocationReason;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.seal.cms.SignedDataCreator;
import org.liaison.schemas.UnitId;

/** PKCS#11 against a fresh SoftHSM2 token: keys made in the token sign there and never leave. */
class Pkcs11TokenTest {

  private static final UnitId NCB = UnitId.of("NL.NCB");
  private static SoftHsm hsm;
  private static FederationKit kit;

  @BeforeAll
  static void freshToken() throws Exception {
    hsm = SoftHsm.freshToken();
    kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NCB));
  }

  private static Pkcs11Token open() {
    return Pkcs11Token.open(hsm.library, OptionalLong.of(hsm.slot), SoftHsm.PIN);
  }

  @Test
  void aUnitKeyMadeInTheHsmGetsACertificateFromACsrAndSignsThere() throws Exception {
    Pkcs11Token token = open();
    KeyPair keys = token.generateKeyPair(KeyAlgorithm.EC_P256);
    assertThat(keys.getPrivate().getEncoded()).as("the key bytes cannot be read").isNull();

    IssuedCertificate issued =
        kit.issuingAuthority()
            .issue(
                CsrBuilder.create(
                    NCB,
                    CertificateProfile.SIGNING,
                    keys.getPublic(),
                    keys.getPrivate(),
                    java.util.Optional.of(token.provider())),
                NCB,
                CertificateProfile.SIGNING);
    token.store("ncb-signing", keys.getPrivate(), List.of(issued.certificate(), kit.issuingCa()));

    PrivateKeyHandle handle = open().key("ncb-signing");
    assertThat(handle.certificate()).isEqualTo(issued.certificate());
    assertThat(handle.chain()).hasSize(2);
    assertThat(handle.requiredProvider()).isPresent();
    byte[] data = "a case notice".getBytes(StandardCharsets.UTF_8);
    Signature signer =
        Signature.getInstance("SHA256withECDSA", handle.requiredProvider().orElseThrow());
    signer.initSign(handle.privateKey());
    signer.update(data);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(handle.certificate());
    verifier.update(data);
    assertThat(verifier.verify(signature)).isTrue();

    // A notice's or receipt's SignedData, signed in the token.
    byte[] signed =
        new SignedDataCreator(ProviderChoice.select().asymmetric())
            .sign(
                data,
                handle.privateKey(),
                handle.requiredProvider().orElseThrow(),
                handle.chain(),
                Instant.now());
    SignerInformation info =
        new CMSSignedData(signed).getSignerInfos().getSigners().iterator().next();
    assertThat(
            info.verify(
                new JcaSimpleSignerInfoVerifierBuilder()
                    .setProvider(CryptoProviders.bouncyCastle())
                    .build(handle.certificate())))
        .isTrue();
  }

  @Test
  void aCaWhoseKeyIsInTheHsmIssuesAndRevokes() throws Exception {
    Pkcs11Token token = open();
    KeyPair caKeys = token.generateKeyPair(KeyAlgorithm.EC_P256);
    IssuedCertificate caCert = kit.rootAuthority().issueCa(caKeys.getPublic(), "HSM Issuing CA");
    PrivateKeyHandle caHandle =
        token.store(
            "hsm-ca", caKeys.getPrivate(), List.of(caCert.certificate(), kit.trustAnchor()));
    CertificateAuthority ca =
        new CertificateAuthority(
            caHandle, new MemoryCaStore(), CaPolicy.defaults(), Clock.systemUTC());

    KeyPair unitKeys = KeyAlgorithm.EC_P256.generate();
    IssuedCertificate unit =
        ca.issue(
            CsrBuilder.create(
                NCB,
                CertificateProfile.TLS,
                unitKeys.getPublic(),
                unitKeys.getPrivate(),
                java.util.Optional.empty()),
            NCB,
            CertificateProfile.TLS);
    X509CRL crl = ca.revoke(unit.serial(), RevocationReason.KEY_COMPROMISE);

    unit.certificate().verify(caCert.certificate().getPublicKey());
    crl.verify(caCert.certificate().getPublicKey());
    assertThat(crl.isRevoked(unit.certificate())).isTrue();
  }

  @Test
  void aWrongPinIsReportedAsSuch() {
    open().logout();
    assertThatThrownBy(
            () -> Pkcs11Token.open(hsm.library, OptionalLong.of(hsm.slot), "9999".toCharArray()))
        .isInstanceOfSatisfying(
            PkiException.class,
            e -> assertThat(e.code()).isEqualTo(PkiException.Code.WRONG_PASSWORD));
  }

  @Test
  void anUnknownAliasIsReportedAsSuch() {
    assertThatThrownBy(() -> open().key("no-such-key"))
        .isInstanceOfSatisfying(
            PkiException.class,
            e -> assertThat(e.code()).isEqualTo(PkiException.Code.KEY_NOT_FOUND));
  }

  @Test
  void aMissingModuleIsReportedAsSuch() {
    assertThatThrownBy(
            () ->
                Pkcs11Token.open(
                    Path.of("/nonexistent/libpkcs11.so"), OptionalLong.empty(), SoftHsm.PIN))
        .isInstanceOfSatisfying(
            PkiException.class,
            e -> assertThat(e.code()).isEqualTo(PkiException.Code.HSM_UNAVAILABLE));
  }
}
