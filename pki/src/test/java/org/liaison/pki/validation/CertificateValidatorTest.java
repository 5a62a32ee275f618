package org.liaison.pki.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.liaison.pki.validation.TestPki.NOW;
import static org.liaison.pki.validation.TestPki.cert;
import static org.liaison.pki.validation.TestPki.crl;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PolicyConstraints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class CertificateValidatorTest {

  private final TestPki.Federation federation = TestPki.Federation.create();

  private ValidationResult validate(TrustContext trust, X509Certificate cert, Purpose purpose) {
    return new CertificateValidator(trust).validate(cert, List.of(), purpose, NOW);
  }

  private ValidationResult validate(X509Certificate cert) {
    return validate(federation.trust(), cert, Purpose.SIGNING);
  }

  @Test
  void aUnitSigningCertificateIsValidWithItsPathToTheRoot() {
    X509Certificate leaf = federation.unit("NL.NCB").issue().cert();

    ValidationResult result = validate(leaf);

    assertThat(result.reason()).isEqualTo(ValidationReason.VALID);
    assertThat(result.valid()).isTrue();
    assertThat(result.path())
        .containsExactly(leaf, federation.issuing().cert(), federation.root().cert());
  }

  static Stream<Arguments> fittingUsages() {
    return Stream.of(
        Arguments.of(Purpose.SIGNING, KeyUsage.digitalSignature, null),
        Arguments.of(Purpose.SIGNING, KeyUsage.nonRepudiation, null),
        Arguments.of(Purpose.ENCRYPTION, KeyUsage.keyAgreement, null),
        Arguments.of(Purpose.ENCRYPTION, KeyUsage.keyEncipherment, null),
        Arguments.of(Purpose.TLS_CLIENT, KeyUsage.digitalSignature, KeyPurposeId.id_kp_clientAuth),
        Arguments.of(Purpose.TLS_SERVER, KeyUsage.digitalSignature, KeyPurposeId.id_kp_serverAuth),
        Arguments.of(Purpose.TLS_SERVER, KeyUsage.digitalSignature, null),
        Arguments.of(Purpose.ANY, KeyUsage.keyAgreement, null));
  }

  @ParameterizedTest(name = "{0} with key usage {1} and EKU {2}")
  @MethodSource("fittingUsages")
  void aCertificateWhoseUsageFitsThePurposeIsValid(
      Purpose purpose, int keyUsage, KeyPurposeId eku) {
    TestPki.Spec spec = federation.unit("NL.ATT-BKK").keyUsage(keyUsage);
    X509Certificate leaf = (eku == null ? spec : spec.extendedKeyUsage(eku)).issue().cert();

    assertThat(validate(federation.trust(), leaf, purpose).reason())
        .isEqualTo(ValidationReason.VALID);
  }

  static Stream<Arguments> wrongUsages() {
    return Stream.of(
        Arguments.of(Purpose.SIGNING, KeyUsage.keyAgreement, null),
        Arguments.of(Purpose.SIGNING, KeyUsage.digitalSignature, KeyPurposeId.id_kp_serverAuth),
        Arguments.of(Purpose.ENCRYPTION, KeyUsage.digitalSignature, null),
        Arguments.of(Purpose.ENCRYPTION, KeyUsage.keyAgreement, KeyPurposeId.id_kp_clientAuth),
        Arguments.of(Purpose.TLS_CLIENT, KeyUsage.keyAgreement, KeyPurposeId.id_kp_clientAuth),
        Arguments.of(Purpose.TLS_CLIENT, KeyUsage.digitalSignature, KeyPurposeId.id_kp_serverAuth),
        Arguments.of(Purpose.TLS_SERVER, KeyUsage.digitalSignature, KeyPurposeId.id_kp_clientAuth),
        Arguments.of(Purpose.TLS_SERVER, KeyUsage.keyEncipherment, KeyPurposeId.id_kp_serverAuth));
  }

  @ParameterizedTest(name = "{0} with key usage {1} and EKU {2}")
  @MethodSource("wrongUsages")
  void aCertificateWhoseUsageDoesNotFitThePurposeIsRefused(
      Purpose purpose, int keyUsage, KeyPurposeId eku) {
    TestPki.Spec spec = federation.unit("NL.ATT-BKK").keyUsage(keyUsage);
    X509Certificate leaf = (eku == null ? spec : spec.extendedKeyUsage(eku)).issue().cert();

    ValidationResult result = validate(federation.trust(), leaf, purpose);

    assertThat(result.reason()).isEqualTo(ValidationReason.WRONG_KEY_USAGE);
    assertThat(result.detail()).contains(purpose.name());
  }

  static Stream<Arguments> federationAlgorithms() {
    return Stream.of(
        Arguments.of("P-384", "SHA384withECDSA"), Arguments.of("RSA-3072", "SHA256withRSAandMGF1"));
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("federationAlgorithms")
  void theAlgorithmsOfTheFederationProfileValidate(String keys, String signatureAlgorithm) {
    Supplier<KeyPair> newKeys =
        () -> keys.equals("P-384") ? TestPki.ecKeys("secp384r1") : TestPki.rsaKeys(3072);
    TestPki.Issued root = cert("CN=Agile Root").ca(1).keys(newKeys.get()).issue(signatureAlgorithm);
    TestPki.Issued issuing =
        cert("CN=Agile Issuing CA")
            .ca(0)
            .keys(newKeys.get())
            .issuedBy(root)
            .issue(signatureAlgorithm);
    X509Certificate leaf =
        cert("CN=NL.NCB")
            .keys(newKeys.get())
            .issuedBy(issuing)
            .keyUsage(TestPki.SIGNING_USAGE)
            .issue(signatureAlgorithm)
            .cert();
    TrustContext trust =
        new TrustContext(
            List.of(root.cert()),
            List.of(issuing.cert()),
            List.of(crl(root), crl(issuing)),
            RevocationPolicy.REQUIRE);

    assertThat(validate(trust, leaf, Purpose.SIGNING).reason()).isEqualTo(ValidationReason.VALID);
    assertThat(validate(trust, TestPki.withFlippedSignatureByte(leaf), Purpose.SIGNING).reason())
        .isEqualTo(ValidationReason.BAD_SIGNATURE);
  }

  @Test
  void anExpiredCertificateIsRefused() {
    X509Certificate leaf =
        federation
            .unit("NL.NCB")
            .validity(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(1)))
            .issue()
            .cert();

    ValidationResult result = validate(leaf);

    assertThat(result.reason()).isEqualTo(ValidationReason.EXPIRED);
    assertThat(result.detail()).contains("CN=NL.NCB").contains("expired");
  }

  @Test
  void anExpiredIntermediateIsRefused() {
    TestPki.Issued oldCa =
        cert("CN=Old Issuing CA")
            .ca(0)
            .issuedBy(federation.root())
            .validity(NOW.minus(Duration.ofDays(900)), NOW.minus(Duration.ofDays(2)))
            .issue();
    X509Certificate leaf =
        federation
            .unit("NL.NCB")
            .issuedBy(oldCa)
            .validity(NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(10)))
            .issue()
            .cert();
    TrustContext trust =
        new TrustContext(
            List.of(federation.root().cert()),
            List.of(oldCa.cert()),
            List.of(crl(federation.root()), crl(oldCa)),
            RevocationPolicy.REQUIRE);

    ValidationResult result = validate(trust, leaf, Purpose.SIGNING);

    assertThat(result.reason()).isEqualTo(ValidationReason.EXPIRED);
    assertThat(result.detail()).contains("Old Issuing CA");
  }

  @Test
  void aCertificateNotYetValidIsRefused() {
    X509Certificate leaf =
        federation
            .unit("NL.NCB")
            .validity(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(400)))
            .issue()
            .cert();

    assertThat(validate(leaf).reason()).isEqualTo(ValidationReason.NOT_YET_VALID);
  }

  @Test
  void aRevokedCertificateIsRefused() {
    X509Certificate leaf = federation.unit("NL.NCB").issue().cert();

    ValidationResult result = validate(federation.trust(leaf), leaf, Purpose.SIGNING);

    assertThat(result.reason()).isEqualTo(ValidationReason.REVOKED);
  }

  /**
   * Two current CRLs of one issuer: the older lists nothing, the newer lists the certificate. The
   * JDK stops at the first complete CRL that verifies, so which one it read depended on set order;
   * the validator shows it only the newest, in either order given.
   */
  @Test
  void aRevocationOnlyTheNewerOfTwoCurrentCrlsListsIsHonoured() {
    X509Certificate leaf = federation.unit("NL.NCB").issue().cert();
    X509CRL older =
        crl(
            federation.issuing(),
            federation.issuing().keys(),
            NOW.minus(Duration.ofDays(2)),
            NOW.plus(Duration.ofDays(7)));
    X509CRL newer =
        crl(
            federation.issuing(),
            federation.issuing().keys(),
            NOW.minus(Duration.ofHours(1)),
            NOW.plus(Duration.ofDays(7)),
            leaf);

    X509CRL rootCrl = crl(federation.root());
    for (List<X509CRL> order : List.of(List.of(older, newer), List.of(newer, older))) {
      TrustContext trust =
          federation.trust(RevocationPolicy.REQUIRE, rootCrl, order.get(0), order.get(1));
      for (int run = 0; run < 5; run++) {
        assertThat(
                new CertificateValidator(trust)
                    .validate(leaf, List.of(), Purpose.SIGNING, NOW)
                    .reason())
            .as("CRLs in the order %s, run %d", order, run)
            .isEqualTo(ValidationReason.REVOKED);
      }
    }
  }

  @Test
  void aCertificateUnderARevokedIssuingCaIsRefused() {
    X509Certificate leaf = federation.unit("NL.NCB").issue().cert();
    TrustContext trust =
        federation.trust(
            RevocationPolicy.REQUIRE,
            crl(federation.root(), federation.issuing().cert()),
            crl(federation.issuing()));

    assertThat(validate(trust, leaf, Purpose.SIGNING).reason()).isEqualTo(ValidationReason.REVOKED);
  }

  @Test
  void aRevokedCertificateIsRefusedEvenWhenMissingCrlsAreAllowed() {
    X509Certificate leaf = federation.unit("NL.NCB").issue().cert();
    TrustContext trust =
        federation.trust(RevocationPolicy.ALLOW_MISSING, crl(federation.issuing(), leaf));

    assertThat(validate(trust, leaf, Purpose.SIGNING).reason()).isEqualTo(ValidationReason.REVOKED);
  }

  @Test
  void aCertificateFromAnotherFederationHasAnUnknownIssuer() {
    TestPki.Federation other = TestPki.Federation.create();
    X509Certificate stranger =
        cert("CN=XX.NCB").issuedBy(cert("CN=Rogue CA").ca(0).issue()).keyUsage(3).issue().cert();

    ValidationResult result = validate(stranger);

    assertThat(result.reason()).isEqualTo(ValidationReason.UNKNOWN_ISSUER);
    assertThat(result.detail()).contains("CN=Rogue CA");
    assertThat(validate(other.unit("NL.NCB").issue().cert()).reason())
        .isEqualTo(ValidationReason.UNKNOWN_ISSUER);
  }

  @Test
  void aMissingIntermediateIsAnUnknownIssuerUnlessItComesWithTheCertificate() {
    X509Certificate leaf = federation.unit("NL.NCB").issue().cert();
    TrustContext rootOnly =
        new TrustContext(
            List.of(federation.root().cert()),
            List.of(),
            List.of(crl(federation.root()), crl(federation.issuing())),
            RevocationPolicy.REQUIRE);
    CertificateValidator validator = new CertificateValidator(rootOnly);

    assertThat(validator.validate(leaf, List.of(), Purpose.SIGNING, NOW).reason())
        .isEqualTo(ValidationReason.UNKNOWN_ISSUER);
    assertThat(
            validator
                .validate(leaf, List.of(federation.issuing().cert()), Purpose.SIGNING, NOW)
                .reason())
        .isEqualTo(ValidationReason.VALID);
  }

  @Test
  void aForgedRootAmongTheExtraIntermediatesIsNotTrusted() {
    TestPki.Issued forgedRoot = cert("CN=Liaison Test Root,O=Liaison").ca(-1).issue();
    X509Certificate leaf = federation.unit("NL.NCB").issuedBy(forgedRoot).issue().cert();

    ValidationResult result =
        new CertificateValidator(federation.trust())
            .validate(leaf, List.of(forgedRoot.cert()), Purpose.SIGNING, NOW);

    assertThat(result.reason()).isEqualTo(ValidationReason.UNKNOWN_ISSUER);
    assertThat(result.path()).containsExactly(leaf, forgedRoot.cert());
  }

  @Test
  void aSelfSignedCertificateThatIsNoAnchorHasAnUnknownIssuer() {
    X509Certificate selfSigned = cert("CN=NL.NCB").keyUsage(3).issue().cert();

    ValidationResult result = validate(selfSigned);

    assertThat(result.reason()).isEqualTo(ValidationReason.UNKNOWN_ISSUER);
    assertThat(result.detail()).contains("self-issued");
  }

  @Test
  void aFlippedSignatureByteIsABadSignature() {
    X509Certificate leaf = federation.unit("NL.NCB").issue().cert();

    ValidationResult result = validate(TestPki.withFlippedSignatureByte(leaf));

    assertThat(result.reason()).isEqualTo(ValidationReason.BAD_SIGNATURE);
  }

  @Test
  void aCertificateFromAnImpostorCaOfTheSameNameHasAnUnknownIssuer() {
    TestPki.Issued impostor = cert("CN=Liaison Test Issuing CA,O=Liaison").ca(0).issue();
    X509Certificate leaf = federation.unit("NL.NCB").issuedBy(impostor).issue().cert();

    ValidationResult result = validate(leaf);

    assertThat(result.reason()).isEqualTo(ValidationReason.UNKNOWN_ISSUER);
    assertThat(result.detail()).contains("another CA of the same name");
  }

  @Test
  void anIssuerWithoutCaBasicConstraintsIsNotACa() {
    TestPki.Issued notCa =
        cert("CN=Sneaky EE").issuedBy(federation.issuing()).keyUsage(TestPki.CA_USAGE).issue();
    X509Certificate leaf = federation.unit("NL.NCB").issuedBy(notCa).issue().cert();
    TrustContext trust =
        new TrustContext(
            List.of(federation.root().cert()),
            List.of(federation.issuing().cert(), notCa.cert()),
            List.of(crl(federation.root()), crl(federation.issuing()), crl(notCa)),
            RevocationPolicy.REQUIRE);

    ValidationResult result = validate(trust, leaf, Purpose.SIGNING);

    assertThat(result.reason()).isEqualTo(ValidationReason.NOT_A_CA);
    assertThat(result.detail()).contains("Sneaky EE");
  }

  @Test
  void anIssuerWithoutBasicConstraintsIsNotACa() {
    TestPki.Issued noConstraints =
        cert("CN=Unconstrained")
            .issuedBy(federation.root())
            .noBasicConstraints()
            .keyUsage(TestPki.CA_USAGE)
            .issue();
    X509Certificate leaf = federation.unit("NL.NCB").issuedBy(noConstraints).issue().cert();
    TrustContext trust =
        new TrustContext(
            List.of(federation.root().cert()),
            List.of(noConstraints.cert()),
            List.of(crl(federation.root()), crl(noConstraints)),
            RevocationPolicy.REQUIRE);

    assertThat(validate(trust, leaf, Purpose.SIGNING).reason())
        .isEqualTo(ValidationReason.NOT_A_CA);
  }

  @Test
  void aCaWithoutKeyCertSignHasTheWrongKeyUsage() {
    TestPki.Issued ca =
        cert("CN=CRL Only CA").ca(0).keyUsage(KeyUsage.cRLSign).issuedBy(federation.root()).issue();
    X509Certificate leaf = federation.unit("NL.NCB").issuedBy(ca).issue().cert();
    TrustContext trust =
        new TrustContext(
            List.of(federation.root().cert()),
            List.of(ca.cert()),
            List.of(crl(federation.root()), crl(ca)),
            RevocationPolicy.REQUIRE);

    assertThat(validate(trust, leaf, Purpose.SIGNING).reason())
        .isEqualTo(ValidationReason.WRONG_KEY_USAGE);
  }

  @Test
  void aSubCaBelowAPathLengthZeroCaMakesThePathTooLong() {
    TestPki.Issued sub = cert("CN=Sub CA").ca(-1).issuedBy(federation.issuing()).issue();
    X509Certificate leaf = federation.unit("NL.NCB").issuedBy(sub).issue().cert();
    TrustContext trust =
        new TrustContext(
            List.of(federation.root().cert()),
            List.of(federation.issuing().cert(), sub.cert()),
            List.of(crl(federation.root()), crl(federation.issuing()), crl(sub)),
            RevocationPolicy.REQUIRE);

    assertThat(validate(trust, leaf, Purpose.SIGNING).reason())
        .isEqualTo(ValidationReason.PATH_TOO_LONG);
  }

  @Test
  void aMissingCrlMakesTheRevocationUnknown() {
    X509Certificate leaf = federation.unit("NL.NCB").issue().cert();
    TrustContext trust = federation.trust(RevocationPolicy.REQUIRE, crl(federation.root()));

    ValidationResult result = validate(trust, leaf, Purpose.SIGNING);

    assertThat(result.reason()).isEqualTo(ValidationReason.REVOCATION_UNKNOWN);
    assertThat(result.detail()).contains("no CRL from").contains("CN=Liaison Test Issuing CA");
  }

  @Test
  void aStaleCrlMakesTheRevocationUnknown() {
    X509Certificate leaf = federation.unit("NL.NCB").issue().cert();
    X509CRL stale =
        crl(
            federation.issuing(),
            federation.issuing().keys(),
            NOW.minus(Duration.ofDays(10)),
            NOW.minus(Duration.ofDays(3)));
    TrustContext trust = federation.trust(RevocationPolicy.REQUIRE, crl(federation.root()), stale);

    ValidationResult result = validate(trust, leaf, Purpose.SIGNING);

    assertThat(result.reason()).isEqualTo(ValidationReason.REVOCATION_UNKNOWN);
    assertThat(result.detail()).contains("stale");
  }

  @Test
  void aCrlThatWentStaleMinutesAgoIsStale() {
    X509Certificate leaf = federation.unit("NL.NCB").issue().cert();
    X509CRL justStale =
        crl(
            federation.issuing(),
            federation.issuing().keys(),
            NOW.minus(Duration.ofDays(7)),
            NOW.minus(Duration.ofMinutes(5)));
    TrustContext trust =
        federation.trust(RevocationPolicy.REQUIRE, crl(federation.root()), justStale);

    assertThat(validate(trust, leaf, Purpose.SIGNING).reason())
        .isEqualTo(ValidationReason.REVOCATION_UNKNOWN);
  }

  @Test
  void aStaleCrlThatListsTheCertificateStillRevokesItWhenMissingCrlsAreAllowed() {
    X509Certificate leaf = federation.unit("NL.NCB").issue().cert();
    X509CRL staleListing =
        crl(
            federation.issuing(),
            federation.issuing().keys(),
            NOW.minus(Duration.ofDays(10)),
            NOW.minus(Duration.ofDays(3)),
            leaf);
    TrustContext trust =
        federation.trust(RevocationPolicy.ALLOW_MISSING, crl(federation.root()), staleListing);

    assertThat(validate(trust, leaf, Purpose.SIGNING).reason()).isEqualTo(ValidationReason.REVOKED);
  }

  @Test
  void onlyTheNewestCrlOfAnIssuerCounts() {
    X509Certificate leaf = federation.unit("NL.NCB").issue().cert();
    X509CRL olderListing =
        crl(
            federation.issuing(),
            federation.issuing().keys(),
            NOW.minus(Duration.ofDays(10)),
            NOW.minus(Duration.ofDays(3)),
            leaf);
    TrustContext trust =
        federation.trust(
            RevocationPolicy.REQUIRE,
            crl(federation.root()),
            olderListing,
            crl(federation.issuing()));

    assertThat(validate(trust, leaf, Purpose.SIGNING).reason()).isEqualTo(ValidationReason.VALID);
  }

  @Test
  void aCrlIssuedLongAfterTheValidationTimeDoesNotCoverIt() {
    X509Certificate leaf = federation.unit("NL.NCB").issue().cert();
    TrustContext trust = federation.trust();
    CertificateValidator validator = new CertificateValidator(trust);
    // The CRLs of federation.trust() were issued a day before NOW.
    ValidationResult weekBefore =
        validator.validate(leaf, List.of(), Purpose.SIGNING, NOW.minus(Duration.ofDays(7)));

    assertThat(weekBefore.reason()).isEqualTo(ValidationReason.REVOCATION_UNKNOWN);
    assertThat(weekBefore.detail()).contains("issued after the validation time");
  }

  @Test
  void aCrlOfTheRootIsRequiredForTheIssuingCaToo() {
    X509Certificate leaf = federation.unit("NL.NCB").issue().cert();
    TrustContext trust = federation.trust(RevocationPolicy.REQUIRE, crl(federation.issuing()));

    ValidationResult result = validate(trust, leaf, Purpose.SIGNING);

    assertThat(result.reason()).isEqualTo(ValidationReason.REVOCATION_UNKNOWN);
    assertThat(result.detail()).contains("Liaison Test Root");
  }

  @Test
  void aCrlSignedWithAnotherKeyIsNotRevocationInformation() {
    X509Certificate leaf = federation.unit("NL.NCB").issue().cert();
    X509CRL forged =
        crl(
            federation.issuing(),
            TestPki.ecKeys(),
            NOW.minus(Duration.ofDays(1)),
            NOW.plus(Duration.ofDays(1)));
    TrustContext trust = federation.trust(RevocationPolicy.REQUIRE, crl(federation.root()), forged);

    assertThat(validate(trust, leaf, Purpose.SIGNING).reason())
        .isEqualTo(ValidationReason.REVOCATION_UNKNOWN);
  }

  @Test
  void aCrlOfAnIssuerWithoutCrlSignIsNotRevocationInformation() {
    TestPki.Issued ca =
        cert("CN=No CRL Sign CA")
            .ca(0)
            .keyUsage(KeyUsage.keyCertSign)
            .issuedBy(federation.root())
            .issue();
    X509Certificate leaf = federation.unit("NL.NCB").issuedBy(ca).issue().cert();
    TrustContext trust =
        new TrustContext(
            List.of(federation.root().cert()),
            List.of(ca.cert()),
            List.of(crl(federation.root()), crl(ca)),
            RevocationPolicy.REQUIRE);

    assertThat(validate(trust, leaf, Purpose.SIGNING).reason())
        .isEqualTo(ValidationReason.REVOCATION_UNKNOWN);
  }

  @Test
  void missingAndStaleCrlsAreAcceptedOnlyWhenExplicitlyAllowed() {
    X509Certificate leaf = federation.unit("NL.NCB").issue().cert();
    X509CRL stale =
        crl(
            federation.issuing(),
            federation.issuing().keys(),
            NOW.minus(Duration.ofDays(10)),
            NOW.minus(Duration.ofDays(3)));

    assertThat(validate(federation.trust(RevocationPolicy.ALLOW_MISSING), leaf, Purpose.SIGNING))
        .extracting(ValidationResult::reason)
        .isEqualTo(ValidationReason.VALID);
    assertThat(
            validate(federation.trust(RevocationPolicy.ALLOW_MISSING, stale), leaf, Purpose.SIGNING)
                .reason())
        .isEqualTo(ValidationReason.VALID);
  }

  @Test
  void anIssuerNameThatDoesNotMatchTheSigningCaIsANameChainingError() {
    X509Certificate leaf =
        federation
            .unit("NL.NCB")
            .issuerName("CN=Liaison Test Issuing CA,O=Someone Else")
            .issue()
            .cert();

    ValidationResult result = validate(leaf);

    assertThat(result.reason()).isEqualTo(ValidationReason.NAME_CHAINING);
    assertThat(result.detail()).contains("O=Someone Else");
  }

  @Test
  void anAuthorityKeyIdentifierNamingAnotherKeyIsANameChainingError() {
    X509Certificate leaf = federation.unit("NL.NCB").authorityKey(TestPki.ecKeys()).issue().cert();

    ValidationResult result = validate(leaf);

    assertThat(result.reason()).isEqualTo(ValidationReason.NAME_CHAINING);
    assertThat(result.detail()).contains("authority key identifier");
  }

  @Test
  void anUnknownCriticalExtensionIsRefused() {
    X509Certificate leaf =
        federation
            .unit("NL.NCB")
            .extension(
                new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), true, new DERUTF8String("x"))
            .issue()
            .cert();

    assertThat(validate(leaf).reason()).isEqualTo(ValidationReason.UNSUPPORTED_CRITICAL_EXTENSION);
  }

  @Test
  void aWeakKeyIsAnAlgorithmNotAllowed() {
    X509Certificate leaf = federation.unit("NL.NCB").keys(TestPki.rsaKeys(512)).issue().cert();

    assertThat(validate(leaf).reason()).isEqualTo(ValidationReason.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void aNameOutsideTheCaNameConstraintsIsRefused() {
    NameConstraints onlyLiaison =
        new NameConstraints(
            new GeneralSubtree[] {new GeneralSubtree(new GeneralName(new X500Name("O=Liaison")))},
            null);
    TestPki.Issued ca =
        cert("CN=Constrained CA,O=Liaison")
            .ca(0)
            .issuedBy(federation.root())
            .extension(Extension.nameConstraints, true, onlyLiaison)
            .issue();
    X509Certificate outside =
        cert("CN=NL.NCB,O=Elsewhere").issuedBy(ca).keyUsage(TestPki.SIGNING_USAGE).issue().cert();
    TrustContext trust =
        new TrustContext(
            List.of(federation.root().cert()),
            List.of(ca.cert()),
            List.of(crl(federation.root()), crl(ca)),
            RevocationPolicy.REQUIRE);

    assertThat(validate(trust, outside, Purpose.SIGNING).reason())
        .isEqualTo(ValidationReason.NAME_CONSTRAINTS);
  }

  @Test
  void aPathWithoutTheRequiredPolicyIsRefused() {
    TestPki.Issued ca =
        cert("CN=Policy CA")
            .ca(0)
            .issuedBy(federation.root())
            .extension(
                Extension.policyConstraints, true, new PolicyConstraints(BigInteger.ZERO, null))
            .issue();
    X509Certificate leaf = federation.unit("NL.NCB").issuedBy(ca).issue().cert();
    TrustContext trust =
        new TrustContext(
            List.of(federation.root().cert()),
            List.of(ca.cert()),
            List.of(crl(federation.root()), crl(ca)),
            RevocationPolicy.REQUIRE);

    assertThat(validate(trust, leaf, Purpose.SIGNING).reason())
        .isEqualTo(ValidationReason.INVALID_POLICY);
  }

  @Test
  void aCertificateTheJdkCannotReadIsMalformed() {
    X509Certificate garbled =
        federation
            .unit("NL.NCB")
            .extension(Extension.extendedKeyUsage, true, new DERUTF8String("not a sequence"))
            .issueLenient();

    ValidationResult result = validate(garbled);

    assertThat(result.reason()).isEqualTo(ValidationReason.MALFORMED);
    assertThat(result.detail()).contains("cannot be read");
  }

  @Test
  void missingArgumentsAreMalformedNotExceptions() {
    CertificateValidator validator = new CertificateValidator(federation.trust());
    X509Certificate leaf = federation.unit("NL.NCB").issue().cert();

    assertThat(validator.validate(null, List.of(), Purpose.SIGNING, NOW).reason())
        .isEqualTo(ValidationReason.MALFORMED);
    assertThat(validator.validate(leaf, List.of(), null, NOW).reason())
        .isEqualTo(ValidationReason.MALFORMED);
    assertThat(validator.validate(leaf, List.of(), Purpose.SIGNING, null).reason())
        .isEqualTo(ValidationReason.MALFORMED);
    assertThat(validator.validate(leaf, null, Purpose.SIGNING, NOW).reason())
        .isEqualTo(ValidationReason.VALID);
  }

  @ParameterizedTest
  @EnumSource(Purpose.class)
  void theRootAskedAboutItselfIsValidOnlyForCaPurposes(Purpose purpose) {
    ValidationResult result = validate(federation.trust(), federation.root().cert(), purpose);

    assertThat(result.reason())
        .isEqualTo(
            purpose == Purpose.ANY ? ValidationReason.VALID : ValidationReason.WRONG_KEY_USAGE);
    assertThat(result.path()).containsExactly(federation.root().cert());
  }

  @Test
  void aCaThatRolledOverItsKeyUnderTheSameNameStillValidates() {
    TestPki.Issued newKeyCa =
        cert("CN=Liaison Test Issuing CA,O=Liaison").ca(0).issuedBy(federation.root()).issue();
    X509Certificate oldLeaf = federation.unit("NL.NCB").issue().cert();
    X509Certificate newLeaf = federation.unit("NL.NCB").issuedBy(newKeyCa).issue().cert();
    TrustContext trust =
        new TrustContext(
            List.of(federation.root().cert()),
            List.of(newKeyCa.cert(), federation.issuing().cert()),
            List.of(crl(federation.root()), crl(federation.issuing()), crl(newKeyCa)),
            RevocationPolicy.REQUIRE);

    assertThat(validate(trust, oldLeaf, Purpose.SIGNING).path())
        .contains(federation.issuing().cert());
    assertThat(validate(trust, newLeaf, Purpose.SIGNING).path()).contains(newKeyCa.cert());
    assertThat(validate(trust, oldLeaf, Purpose.SIGNING).valid()).isTrue();
    assertThat(validate(trust, newLeaf, Purpose.SIGNING).valid()).isTrue();
  }

  @Test
  @Timeout(60)
  void manySelfIssuedIntermediatesOfOneNameDoNotMakeThePathSearchExplode() {
    List<X509Certificate> loop = new ArrayList<>();
    for (int i = 0; i < CertificateValidator.MAX_EXTRA_INTERMEDIATES; i++) {
      loop.add(cert("CN=Loop CA").ca(-1).noKeyIdentifiers().issue().cert());
    }
    X509Certificate leaf =
        cert("CN=NL.NCB")
            .issuedBy(cert("CN=Loop CA").ca(-1).noKeyIdentifiers().issue())
            .noKeyIdentifiers()
            .keyUsage(TestPki.SIGNING_USAGE)
            .issue()
            .cert();

    ValidationResult result =
        new CertificateValidator(federation.trust()).validate(leaf, loop, Purpose.SIGNING, NOW);

    assertThat(result.reason()).isEqualTo(ValidationReason.UNKNOWN_ISSUER);
  }

  @Test
  void tooManyExtraIntermediatesAreRefused() {
    X509Certificate leaf = federation.unit("NL.NCB").issue().cert();
    List<X509Certificate> flood =
        Collections.nCopies(
            CertificateValidator.MAX_EXTRA_INTERMEDIATES + 1, federation.issuing().cert());

    ValidationResult result =
        new CertificateValidator(federation.trust()).validate(leaf, flood, Purpose.SIGNING, NOW);

    assertThat(result.reason()).isEqualTo(ValidationReason.MALFORMED);
    assertThat(result.detail()).contains("more than the 32");
  }

  @Test
  void oneValidatorServesManyThreads() throws Exception {
    X509Certificate good = federation.unit("NL.NCB").issue().cert();
    X509Certificate revoked = federation.unit("TH.NCB").issue().cert();
    CertificateValidator validator = new CertificateValidator(federation.trust(revoked));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<ValidationReason>> answers = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        X509Certificate cert = i % 2 == 0 ? good : revoked;
        answers.add(
            pool.submit(() -> validator.validate(cert, List.of(), Purpose.SIGNING, NOW).reason()));
      }
      for (int i = 0; i < answers.size(); i++) {
        assertThat(answers.get(i).get())
            .isEqualTo(i % 2 == 0 ? ValidationReason.VALID : ValidationReason.REVOKED);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theTrustContextCopiesWhatItIsGiven() {
    List<X509Certificate> anchors = new ArrayList<>(List.of(federation.root().cert()));
    TrustContext trust =
        new TrustContext(
            anchors,
            List.of(federation.issuing().cert()),
            List.of(crl(federation.root()), crl(federation.issuing())),
            RevocationPolicy.REQUIRE);
    anchors.clear();

    assertThat(trust.anchors()).containsExactly(federation.root().cert());
    assertThat(validate(trust, federation.unit("NL.NCB").issue().cert(), Purpose.SIGNING).valid())
        .isTrue();
  }
}
