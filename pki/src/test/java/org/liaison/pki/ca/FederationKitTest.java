package org.liaison.pki.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.PkiException;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.schemas.UnitId;

class FederationKitTest {

  private static final UnitId NCB = UnitId.of("NL.NCB");
  private static final UnitId BKK = UnitId.of("NL.ATT-BKK");
  private static final UnitId CIB = UnitId.of("TH.CIB");

  @Test
  void buildsAFederationWhoseChainsTheJdkAccepts() throws Exception {
    FederationKit kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NCB, BKK, CIB));

    assertThat(kit.units()).containsExactlyInAnyOrder(NCB, BKK, CIB);
    for (UnitId unit : kit.units()) {
      for (CertificateProfile profile :
          List.of(
              CertificateProfile.SIGNING, CertificateProfile.ENCRYPTION, CertificateProfile.TLS)) {
        PrivateKeyHandle handle = kit.unit(unit).forProfile(profile);
        assertThat(handle.chain()).containsExactly(handle.certificate(), kit.issuingCa());
        assertThat(PkixCheck.validate(kit.trustAnchor(), handle.chain(), kit.crls(), Instant.now()))
            .isEmpty();
      }
    }
  }

  @Test
  void unitKeysSignAndTheirCertificatesVerify() throws Exception {
    FederationKit kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NCB));
    PrivateKeyHandle signing = kit.unit(NCB).signing();
    byte[] data = "notice".getBytes(StandardCharsets.UTF_8);

    Signature signer = Signature.getInstance("SHA256withECDSA", CryptoProviders.bouncyCastle());
    signer.initSign(signing.privateKey());
    signer.update(data);
    byte[] signature = signer.sign();

    Signature verifier = Signature.getInstance("SHA256withECDSA", CryptoProviders.bouncyCastle());
    verifier.initVerify(signing.certificate());
    verifier.update(data);
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void revokingAUnitCertificatePutsItOnAFreshCrlThatTheJdkHonours() throws Exception {
    FederationKit kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NCB, BKK));
    X509CRL before = kit.crl();
    X509Certificate revoked = kit.unit(NCB).signing().certificate();

    X509CRL after = kit.revoke(revoked, RevocationReason.KEY_COMPROMISE);

    assertThat(after.getRevokedCertificate(revoked.getSerialNumber())).isNotNull();
    assertThat(crlNumber(after)).isGreaterThan(crlNumber(before));
    assertThat(kit.crl()).isEqualTo(after);
    assertThat(
            PkixCheck.validate(
                kit.trustAnchor(), kit.unit(NCB).signing().chain(), kit.crls(), Instant.now()))
        .hasValueSatisfying(reason -> assertThat(reason).startsWith("REVOKED"));
    assertThat(
            PkixCheck.validate(
                kit.trustAnchor(), kit.unit(BKK).signing().chain(), kit.crls(), Instant.now()))
        .isEmpty();
    assertThat(crlNumber(kit.freshCrl())).isGreaterThan(crlNumber(after));
  }

  @Test
  void revokingTheIssuingCaGoesOnTheRootCrl() {
    FederationKit kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NCB));

    X509CRL rootCrl = kit.revoke(kit.issuingCa(), RevocationReason.CA_COMPROMISE);

    assertThat(rootCrl.getRevokedCertificate(kit.issuingCa().getSerialNumber())).isNotNull();
    assertThat(kit.rootCrl()).isEqualTo(rootCrl);
  }

  @Test
  void issuesExpiredAndNotYetValidCertificatesForTests() throws Exception {
    FederationKit kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NCB));
    Instant now = Instant.now();

    PrivateKeyHandle expired =
        kit.issueExtra(
            NCB,
            CertificateProfile.SIGNING,
            new Validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))));
    PrivateKeyHandle future =
        kit.issueExtra(
            NCB,
            CertificateProfile.SIGNING,
            new Validity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))));

    assertThat(expired.certificate().getNotAfter().toInstant()).isBefore(now);
    assertThat(PkixCheck.validate(kit.trustAnchor(), expired.chain(), kit.crls(), now)).isPresent();
    assertThat(future.certificate().getNotBefore().toInstant()).isAfter(now);
    assertThat(kit.unit(NCB).signing().certificate()).isNotEqualTo(expired.certificate());
  }

  @Test
  void everyAlgorithmMakesAFederationWithItsSignatureAlgorithm() throws Exception {
    for (KeyAlgorithm algorithm : List.of(KeyAlgorithm.EC_P384, KeyAlgorithm.RSA_3072)) {
      FederationKit kit = FederationKit.create(algorithm, List.of(CIB));
      X509Certificate encryption = kit.unit(CIB).encryption().certificate();

      assertThat(KeyAlgorithm.of(encryption.getPublicKey())).contains(algorithm);
      boolean[] usage = encryption.getKeyUsage();
      boolean rsa = algorithm == KeyAlgorithm.RSA_3072;
      assertThat(usage[2]).as("keyEncipherment").isEqualTo(rsa);
      assertThat(usage[4]).as("keyAgreement").isEqualTo(!rsa);
      assertThat(encryption.getSigAlgOID())
          .isEqualTo(rsa ? "1.2.840.113549.1.1.10" : "1.2.840.10045.4.3.3");
      assertThat(
              PkixCheck.validate(
                  kit.trustAnchor(), kit.unit(CIB).encryption().chain(), kit.crls(), Instant.now()))
          .isEmpty();
    }
  }

  @Test
  void refusesToRevokeACertificateFromElsewhere() {
    FederationKit kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NCB));
    FederationKit other = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NCB));

    assertThatThrownBy(
            () -> kit.revoke(other.unit(NCB).signing().certificate(), RevocationReason.UNSPECIFIED))
        .isInstanceOfSatisfying(
            PkiException.class,
            e -> assertThat(e.code()).isEqualTo(PkiException.Code.UNKNOWN_CERTIFICATE));
  }

  private static BigInteger crlNumber(X509CRL crl) {
    byte[] value = crl.getExtensionValue(Extension.cRLNumber.getId());
    return org.bouncycastle.asn1.ASN1Integer.getInstance(
            org.bouncycastle.asn1.ASN1OctetString.getInstance(value).getOctets())
        .getValue();
  }
}
