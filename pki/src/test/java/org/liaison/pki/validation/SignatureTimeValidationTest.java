package org.liaison.pki.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.CertificateProfile;
import org.liaison.pki.ca.FederationKit;
import org.liaison.pki.ca.MutableClock;
import org.liaison.pki.ca.RevocationReason;
import org.liaison.pki.ca.Validity;
import org.liaison.schemas.UnitId;

/**
 * {@link CertificateValidator#validateSignature}: validity at the signing time, revocation from the
 * CRLs current now, revocation dates compared with the signing time according to the reason. The
 * federation runs on a clock moved by hand: it starts at {@link #T0}, its CRLs live 7 days.
 */
class SignatureTimeValidationTest {

  private static final UnitId NL = UnitId.of("NL.NCB");
  private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final FederationKit kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NL), clock);
  private final List<X509CRL> published = new ArrayList<>(kit.crls());

  private X509Certificate signer() {
    return kit.unit(NL).signing().certificate();
  }

  /** The clock moved on by {@code by}, and both CAs publish a CRL then. */
  private Instant later(Duration by) {
    clock.advance(by);
    published.add(kit.rootAuthority().createCrl());
    published.add(kit.freshCrl());
    return clock.instant();
  }

  private void revoke(X509Certificate cert, RevocationReason reason) {
    published.add(kit.revoke(cert, reason));
  }

  private ValidationResult validate(X509Certificate cert, Instant signedAt, Instant now) {
    CertificateValidator validator =
        new CertificateValidator(
            new TrustContext(
                List.of(kit.trustAnchor()),
                List.of(kit.issuingCa()),
                published,
                RevocationPolicy.REQUIRE));
    return validator.validateSignature(cert, List.of(), Purpose.SIGNING, signedAt, now);
  }

  @Test
  void aCertificateThatExpiredAfterSigningValidatesWithTheNewestCrl() {
    X509Certificate shortLived =
        kit.issueExtra(
                NL, CertificateProfile.SIGNING, new Validity(T0, T0.plus(Duration.ofDays(10))))
            .certificate();
    Instant signedAt = T0.plus(Duration.ofDays(9));
    Instant now = later(Duration.ofDays(11));

    ValidationResult result = validate(shortLived, signedAt, now);

    assertThat(result.reason()).as(result.detail()).isEqualTo(ValidationReason.VALID);
    // Before: validated at the signing time alone, no CRL covered it (the first ran stale at
    // T0 + 7 days, the next is dated after the signature) and the answer was REVOCATION_UNKNOWN.
    assertThat(validator().validate(shortLived, List.of(), Purpose.SIGNING, signedAt).reason())
        .isEqualTo(ValidationReason.REVOCATION_UNKNOWN);
  }

  private CertificateValidator validator() {
    return new CertificateValidator(
        new TrustContext(
            List.of(kit.trustAnchor()),
            List.of(kit.issuingCa()),
            published,
            RevocationPolicy.REQUIRE));
  }

  @Test
  void aCertificateRevokedAfterItExpiredIsStillListedAndRefused() {
    X509Certificate shortLived =
        kit.issueExtra(
                NL, CertificateProfile.SIGNING, new Validity(T0, T0.plus(Duration.ofDays(10))))
            .certificate();
    Instant signedAt = T0.plus(Duration.ofDays(4));
    later(Duration.ofDays(5));
    revoke(shortLived, RevocationReason.KEY_COMPROMISE);
    // The CA keeps a revoked certificate on its CRLs after the certificate expires.
    Instant now = later(Duration.ofDays(6));

    ValidationResult result = validate(shortLived, signedAt, now);

    assertThat(result.reason()).as(result.detail()).isEqualTo(ValidationReason.REVOKED);
  }

  @Test
  void aCertificateRevokedBeforeSigningIsRefusedWhateverTheReason() {
    later(Duration.ofDays(1));
    revoke(signer(), RevocationReason.SUPERSEDED);
    Instant signedAt = clock.instant().plus(Duration.ofHours(1));
    Instant now = signedAt.plus(Duration.ofHours(1));

    ValidationResult result = validate(signer(), signedAt, now);

    assertThat(result.reason()).as(result.detail()).isEqualTo(ValidationReason.REVOKED);
  }

  /**
   * After signing, a key rotation or a retired certificate spares the signature; every other reason
   * refuses, since the signing time is the signer's claim and a key thief or a holder no longer
   * trusted could backdate it.
   */
  @ParameterizedTest
  @EnumSource(RevocationReason.class)
  void aRevocationAfterSigningSparesTheSignatureOnlyForSupersededAndCessation(
      RevocationReason reason) {
    Instant signedAt = later(Duration.ofDays(1));
    clock.advance(Duration.ofHours(1));
    revoke(signer(), reason);
    Instant now = clock.instant().plus(Duration.ofHours(1));

    ValidationResult result = validate(signer(), signedAt, now);

    boolean spared =
        reason == RevocationReason.SUPERSEDED || reason == RevocationReason.CESSATION_OF_OPERATION;
    assertThat(result.reason())
        .as(result.detail())
        .isEqualTo(spared ? ValidationReason.VALID : ValidationReason.REVOKED);
  }

  @Test
  void aPlainValidationInThePastUsesTheCrlCurrentThenNotANewerOne() {
    later(Duration.ofDays(3));

    ValidationResult result =
        validator().validate(signer(), List.of(), Purpose.SIGNING, T0.plus(Duration.ofDays(1)));

    assertThat(result.reason()).as(result.detail()).isEqualTo(ValidationReason.VALID);
  }

  @Test
  void aCrlStaleNowFailsClosedEvenIfOneCoveredTheSigningTime() {
    Instant signedAt = T0.plus(Duration.ofDays(1));
    Instant now = T0.plus(Duration.ofDays(8));

    ValidationResult result = validate(signer(), signedAt, now);

    assertThat(result.reason()).as(result.detail()).isEqualTo(ValidationReason.REVOCATION_UNKNOWN);
    assertThat(result.detail()).contains("stale");
  }

  @Test
  void aCertificateNotYetValidAtTheSigningTimeIsRefused() {
    X509Certificate future =
        kit.issueExtra(
                NL,
                CertificateProfile.SIGNING,
                new Validity(T0.plus(Duration.ofDays(2)), T0.plus(Duration.ofDays(30))))
            .certificate();
    Instant now = later(Duration.ofDays(3));

    ValidationResult result = validate(future, T0.plus(Duration.ofDays(1)), now);

    assertThat(result.reason()).as(result.detail()).isEqualTo(ValidationReason.NOT_YET_VALID);
  }

  @Test
  void anExpiredCertificateIsUnknownWhenItsCrlDoesNotSayItKeepsExpiredOnes() throws Exception {
    Path folder = PkitsTest.pkitsFolder();
    X509Certificate ee = PkitsTest.cert(folder, "ValidCertificatePathTest1EE");
    List<X509Certificate> path =
        List.of(
            ee,
            PkitsTest.cert(folder, "GoodCACert"),
            PkitsTest.cert(folder, "TrustAnchorRootCertificate"));
    // PKITS CRLs have no ExpiredCertsOnCRL: once the certificate expired, its CA may drop it.
    List<X509CRL> crls = List.of(PkitsTest.crl(folder, "GoodCACRL"));

    assertThat(ExpiredCertsOnCrl.unknown(path, crls, PkitsTest.AT)).isEmpty();
    assertThat(ExpiredCertsOnCrl.unknown(path, crls, ee.getNotAfter().toInstant().plusSeconds(1)))
        .hasValueSatisfying(
            r -> {
              assertThat(r.reason()).isEqualTo(ValidationReason.REVOCATION_UNKNOWN);
              assertThat(r.detail()).contains("ExpiredCertsOnCRL");
            });
    // Liaison's CAs say they keep them, from the CA's own notBefore on.
    assertThat(kit.crl().getExtensionValue("2.5.29.60")).isNotNull();
  }
}
