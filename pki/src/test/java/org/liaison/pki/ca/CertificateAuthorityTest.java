package org.liaison.pki.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.PkiException;
import org.liaison.pki.UnitUri;
import org.liaison.schemas.UnitId;

class CertificateAuthorityTest {

  private static final UnitId NCB = UnitId.of("NL.NCB");
  private static final UnitId CIB = UnitId.of("TH.CIB");
  private static final URI CRL_URI = URI.create("http://pki.example/issuing.crl");

  private MutableClock clock;
  private CertificateAuthority ca;

  @BeforeEach
  void makeCa() {
    clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    MemoryCaStore rootStore = new MemoryCaStore();
    var rootKey =
        CertificateAuthority.createRoot(
            "root",
            KeyAlgorithm.EC_P256.generate(),
            Optional.empty(),
            "Root",
            rootStore,
            clock,
            SerialSource.random());
    CertificateAuthority root =
        new CertificateAuthority(rootKey, rootStore, CaPolicy.defaults(), clock);
    KeyPair issuingKeys = KeyAlgorithm.EC_P256.generate();
    X509Certificate issuingCert = root.issueCa(issuingKeys.getPublic(), "Issuing").certificate();
    ca =
        new CertificateAuthority(
            org.liaison.pki.keys.KeyEntry.software(
                "issuing", issuingKeys.getPrivate(), List.of(issuingCert, rootKey.certificate())),
            new MemoryCaStore(),
            CaPolicy.withCrlAt(CRL_URI),
            clock);
  }

  @Test
  void issuesAUnitCertificateFromTheCaProfile() throws Exception {
    IssuedCertificate issued =
        ca.issue(TestCsrs.good(NCB, CertificateProfile.TLS), NCB, CertificateProfile.TLS);
    X509Certificate cert = issued.certificate();

    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=NL.NCB,O=Liaison,C=NL");
    assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(6, UnitUri.of(NCB)));
    assertThat(cert.getSerialNumber().signum()).isPositive();
    assertThat(cert.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
    assertThat(cert.getCriticalExtensionOIDs())
        .containsExactlyInAnyOrder(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
    assertThat(cert.getExtendedKeyUsage())
        .containsExactly(
            KeyPurposeId.id_kp_serverAuth.getId(), KeyPurposeId.id_kp_clientAuth.getId());
    assertThat(
            AuthorityKeyIdentifier.getInstance(extension(cert, Extension.authorityKeyIdentifier))
                .getKeyIdentifier())
        .isEqualTo(
            SubjectKeyIdentifier.getInstance(
                    extension(ca.certificate(), Extension.subjectKeyIdentifier))
                .getKeyIdentifier());
    assertThat(
            new String(
                cert.getExtensionValue(Extension.cRLDistributionPoints.getId()), "ISO-8859-1"))
        .contains(CRL_URI.toString());
    assertThat(Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()))
        .isEqualTo(Duration.ofDays(365));
    cert.verify(ca.certificate().getPublicKey());
    assertThat(ca.list()).containsExactly(issued);
  }

  @Test
  void theIssuingCaHasPathLengthZeroAndCaUsages() {
    X509Certificate issuing = ca.certificate();
    assertThat(issuing.getBasicConstraints()).isZero();
    assertThat(issuing.getKeyUsage()[5]).as("keyCertSign").isTrue();
    assertThat(issuing.getKeyUsage()[6]).as("cRLSign").isTrue();
    assertThat(
            Duration.between(issuing.getNotBefore().toInstant(), issuing.getNotAfter().toInstant()))
        .isGreaterThanOrEqualTo(Duration.ofDays(5 * 365));
  }

  @Test
  void refusesACsrForAnotherUnit() {
    assertRefused(
        () ->
            ca.issue(
                TestCsrs.good(CIB, CertificateProfile.SIGNING), NCB, CertificateProfile.SIGNING),
        PkiException.Code.CSR_UNIT_MISMATCH,
        "TH.CIB");
  }

  @Test
  void refusesACsrWhoseSanNamesAnotherUnit() throws Exception {
    ExtensionsGenerator extensions = new ExtensionsGenerator();
    extensions.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, UnitUri.of(CIB))));
    assertRefused(
        () -> ca.issue(csr(UnitNames.subject(NCB), extensions), NCB, CertificateProfile.SIGNING),
        PkiException.Code.CSR_UNIT_MISMATCH,
        UnitUri.of(CIB));
  }

  @Test
  void refusesWeakOrUnknownKeys() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA", CryptoProviders.bouncyCastle());
    rsa.initialize(2048);
    KeyPair weak = rsa.generateKeyPair();
    PKCS10CertificationRequest weakRequest =
        new JcaPKCS10CertificationRequestBuilder(UnitNames.subject(NCB), weak.getPublic())
            .build(
                new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA")
                    .setProvider(CryptoProviders.bouncyCastle())
                    .build(weak.getPrivate()));
    assertRefused(
        () -> ca.issue(weakRequest, NCB, CertificateProfile.SIGNING),
        PkiException.Code.CSR_KEY_NOT_ALLOWED,
        "RSA 2048-bit");

    KeyPairGenerator k1 = KeyPairGenerator.getInstance("EC", CryptoProviders.bouncyCastle());
    k1.initialize(new ECGenParameterSpec("secp256k1"));
    KeyPair koblitz = k1.generateKeyPair();
    PKCS10CertificationRequest request =
        new JcaPKCS10CertificationRequestBuilder(UnitNames.subject(NCB), koblitz.getPublic())
            .build(
                new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(CryptoProviders.bouncyCastle())
                    .build(koblitz.getPrivate()));
    assertRefused(
        () -> ca.issue(request, NCB, CertificateProfile.SIGNING),
        PkiException.Code.CSR_KEY_NOT_ALLOWED,
        "not allowed");
  }

  @Test
  void refusesACsrWithoutProofOfPossession() {
    KeyPair claimed = KeyAlgorithm.EC_P256.generate();
    KeyPair signing = KeyAlgorithm.EC_P256.generate();
    PKCS10CertificationRequest forged =
        new JcaPKCS10CertificationRequestBuilder(UnitNames.subject(NCB), claimed.getPublic())
            .build(Signers.forKey(signing.getPrivate(), signing.getPublic(), Optional.empty()));
    assertRefused(
        () -> ca.issue(forged, NCB, CertificateProfile.SIGNING),
        PkiException.Code.CSR_BAD_SIGNATURE,
        "proof of possession");
  }

  @Test
  void refusesUsagesTheProfileDoesNotGive() throws Exception {
    ExtensionsGenerator signingUsage = new ExtensionsGenerator();
    signingUsage.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    assertRefused(
        () ->
            ca.issue(csr(UnitNames.subject(NCB), signingUsage), NCB, CertificateProfile.ENCRYPTION),
        PkiException.Code.CSR_USAGE_NOT_ALLOWED,
        "key usages");

    ExtensionsGenerator caFlag = new ExtensionsGenerator();
    caFlag.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    assertRefused(
        () -> ca.issue(csr(UnitNames.subject(NCB), caFlag), NCB, CertificateProfile.SIGNING),
        PkiException.Code.CSR_USAGE_NOT_ALLOWED,
        "CA");

    ExtensionsGenerator codeSigning = new ExtensionsGenerator();
    codeSigning.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
    assertRefused(
        () -> ca.issue(csr(UnitNames.subject(NCB), codeSigning), NCB, CertificateProfile.TLS),
        PkiException.Code.CSR_USAGE_NOT_ALLOWED,
        "extended key usage");

    ExtensionsGenerator dnsName = new ExtensionsGenerator();
    dnsName.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.dNSName, "evil.example")));
    assertRefused(
        () -> ca.issue(csr(UnitNames.subject(NCB), dnsName), NCB, CertificateProfile.TLS),
        PkiException.Code.CSR_USAGE_NOT_ALLOWED,
        "not the unit URI");

    ExtensionsGenerator other = new ExtensionsGenerator();
    other.addExtension(
        Extension.cRLDistributionPoints, false, new DERIA5String("http://elsewhere"));
    assertRefused(
        () -> ca.issue(csr(UnitNames.subject(NCB), other), NCB, CertificateProfile.SIGNING),
        PkiException.Code.CSR_USAGE_NOT_ALLOWED,
        Extension.cRLDistributionPoints.getId());
  }

  @Test
  void refusesAMalformedCsr() {
    assertRefused(
        () -> CsrCheck.parse(new byte[] {0x30, 0x03, 0x02, 0x01}),
        PkiException.Code.CSR_MALFORMED,
        "not a PKCS#10");
  }

  @Test
  void refusesToIssueFromAnExpiredCa() {
    clock.advance(Duration.ofDays(6 * 365));
    assertRefused(
        () ->
            ca.issue(
                TestCsrs.good(NCB, CertificateProfile.SIGNING), NCB, CertificateProfile.SIGNING),
        PkiException.Code.CA_EXPIRED,
        "expired");
  }

  @Test
  void unitCertificatesNeverOutliveTheirCa() {
    clock.advance(Duration.ofDays(5 * 365 - 30));
    IssuedCertificate issued =
        ca.issue(TestCsrs.good(NCB, CertificateProfile.SIGNING), NCB, CertificateProfile.SIGNING);
    assertThat(issued.certificate().getNotAfter()).isEqualTo(ca.certificate().getNotAfter());
  }

  @Test
  void revokesOnceAndPublishesTheRevocationInANewCrl() {
    IssuedCertificate issued =
        ca.issue(TestCsrs.good(NCB, CertificateProfile.SIGNING), NCB, CertificateProfile.SIGNING);

    var crl = ca.revoke(issued.serial(), RevocationReason.KEY_COMPROMISE);

    assertThat(crl.getRevokedCertificate(issued.serial()).getRevocationReason())
        .isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
    assertThat(crl.getNextUpdate().toInstant())
        .isEqualTo(crl.getThisUpdate().toInstant().plus(Duration.ofDays(7)));
    assertThat(FolderCaStoreCrashTest.crlNumber(crl)).isEqualTo(BigInteger.ONE);
    assertThat(ca.currentCrl()).contains(crl);
    assertThat(ca.find(issued.serial()).status(clock.instant()))
        .isEqualTo(CertificateStatus.REVOKED);
    assertRefused(
        () -> ca.revoke(issued.serial(), RevocationReason.SUPERSEDED),
        PkiException.Code.ALREADY_REVOKED,
        "already revoked");
  }

  @Test
  void refusesToRevokeAnUnknownSerial() {
    assertRefused(
        () -> ca.revoke(BigInteger.TEN, RevocationReason.UNSPECIFIED),
        PkiException.Code.UNKNOWN_CERTIFICATE,
        "serial A");
  }

  @Test
  void renewsWithTheSameKeyOrANewCsr() {
    IssuedCertificate old =
        ca.issue(
            TestCsrs.good(NCB, CertificateProfile.ENCRYPTION), NCB, CertificateProfile.ENCRYPTION);
    clock.advance(Duration.ofDays(300));

    IssuedCertificate sameKey = ca.renew(old.serial(), Optional.empty());
    IssuedCertificate newKey =
        ca.renew(old.serial(), Optional.of(TestCsrs.good(NCB, CertificateProfile.ENCRYPTION)));

    assertThat(sameKey.certificate().getPublicKey()).isEqualTo(old.certificate().getPublicKey());
    assertThat(newKey.certificate().getPublicKey()).isNotEqualTo(old.certificate().getPublicKey());
    assertThat(List.of(sameKey, newKey))
        .allSatisfy(
            renewed -> {
              assertThat(renewed.holder()).isEqualTo("NL.NCB");
              assertThat(renewed.profile()).isEqualTo(CertificateProfile.ENCRYPTION);
              assertThat(renewed.notAfter()).isAfter(old.notAfter());
            });
    assertRefused(
        () ->
            ca.renew(old.serial(), Optional.of(TestCsrs.good(CIB, CertificateProfile.ENCRYPTION))),
        PkiException.Code.CSR_UNIT_MISMATCH,
        "TH.CIB");
  }

  @Test
  void refusesToRenewARevokedCertificate() {
    IssuedCertificate old =
        ca.issue(TestCsrs.good(NCB, CertificateProfile.SIGNING), NCB, CertificateProfile.SIGNING);
    ca.revoke(old.serial(), RevocationReason.KEY_COMPROMISE);
    assertRefused(
        () -> ca.renew(old.serial(), Optional.empty()),
        PkiException.Code.CERTIFICATE_REVOKED,
        "revoked");
  }

  @Test
  void listsCertificatesWithStatusAndExpiry() {
    IssuedCertificate kept =
        ca.issue(TestCsrs.good(NCB, CertificateProfile.SIGNING), NCB, CertificateProfile.SIGNING);
    IssuedCertificate revoked =
        ca.issue(TestCsrs.good(CIB, CertificateProfile.SIGNING), CIB, CertificateProfile.SIGNING);
    ca.revoke(revoked.serial(), RevocationReason.AFFILIATION_CHANGED);

    List<IssuedCertificate> listed = ca.list();
    assertThat(listed)
        .extracting(IssuedCertificate::serial)
        .containsExactly(kept.serial(), revoked.serial());
    assertThat(listed.get(0).status(clock.instant())).isEqualTo(CertificateStatus.VALID);
    assertThat(listed.get(1).status(clock.instant())).isEqualTo(CertificateStatus.REVOKED);
    assertThat(listed.get(0).status(clock.instant().plus(Duration.ofDays(366))))
        .isEqualTo(CertificateStatus.EXPIRED);
  }

  private static PKCS10CertificationRequest csr(X500Name subject, ExtensionsGenerator extensions)
      throws Exception {
    KeyPair keys = KeyAlgorithm.EC_P256.generate();
    return new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic())
        .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
        .build(Signers.forKey(keys.getPrivate(), keys.getPublic(), Optional.empty()));
  }

  private static ASN1Primitive extension(X509Certificate cert, Extension id) {
    return extension(cert, id.getExtnId());
  }

  private static ASN1Primitive extension(
      X509Certificate cert, org.bouncycastle.asn1.ASN1ObjectIdentifier id) {
    try {
      return ASN1Primitive.fromByteArray(
          ASN1OctetString.getInstance(cert.getExtensionValue(id.getId())).getOctets());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void assertRefused(ThrowingCallable call, PkiException.Code code, String inMessage) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            PkiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.getMessage()).contains(inMessage);
            });
  }
}
