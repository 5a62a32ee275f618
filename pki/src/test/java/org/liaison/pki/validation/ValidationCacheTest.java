package org.liaison.pki.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.liaison.pki.validation.TestPki.NOW;
import static org.liaison.pki.validation.TestPki.crl;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cache of VALID answers in {@link CertificateValidator}: it answers repeated validations of
 * one signer, and never hides an expiry, a CRL running stale, a revocation taking effect, or a
 * newly published CRL.
 */
class ValidationCacheTest {

  private final TestPki.Federation federation = TestPki.Federation.create();
  private final X509Certificate signer =
      federation
          .unit("NL.NCB")
          .validity(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(60)))
          .issue()
          .cert();

  private static ValidationResult at(
      CertificateValidator validator, X509Certificate cert, Instant time) {
    return validator.validate(cert, List.of(), Purpose.SIGNING, time);
  }

  @Test
  void aSignerValidatedAgainInTheSameIntervalIsAnsweredFromTheCache() throws Exception {
    CertificateValidator validator = new CertificateValidator(federation.trust());

    ValidationResult first = at(validator, signer, NOW);
    ValidationResult again = at(validator, TestPki.jdk(signer), NOW.plus(Duration.ofHours(1)));

    assertThat(first.valid()).isTrue();
    assertThat(again).isEqualTo(first);
    assertThat(validator.cacheHits()).isEqualTo(1);
  }

  @Test
  void anotherPurposeOrOtherExtraIntermediatesAreNotAnsweredFromTheCache() {
    CertificateValidator validator = new CertificateValidator(federation.trust());
    at(validator, signer, NOW);

    ValidationResult encryption =
        validator.validate(signer, List.of(), Purpose.ENCRYPTION, NOW.plusSeconds(1));
    ValidationResult withExtra =
        validator.validate(
            signer, List.of(federation.issuing().cert()), Purpose.SIGNING, NOW.plusSeconds(1));

    assertThat(encryption.reason()).isEqualTo(ValidationReason.WRONG_KEY_USAGE);
    assertThat(withExtra.valid()).isTrue();
    assertThat(validator.cacheHits()).isZero();
  }

  @Test
  void anExpiryWithinTheCrlsLifetimeIsHonoured() {
    X509Certificate shortLived =
        federation
            .unit("NL.ATT-BKK")
            .validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(2)))
            .issue()
            .cert();
    CertificateValidator validator = new CertificateValidator(federation.trust());
    assertThat(at(validator, shortLived, NOW).valid()).isTrue();

    // The CRLs of federation.trust() are current until NOW + 7 days.
    ValidationResult afterExpiry =
        at(validator, shortLived, shortLived.getNotAfter().toInstant().plusSeconds(1));
    ValidationResult justBefore =
        at(validator, shortLived, shortLived.getNotAfter().toInstant().minusSeconds(1));

    assertThat(afterExpiry.reason()).isEqualTo(ValidationReason.EXPIRED);
    assertThat(justBefore.valid()).isTrue();
    assertThat(validator.cacheHits()).isZero();
  }

  @Test
  void aCrlRunningStaleIsHonouredAfterAValidAnswerWasCached() {
    CertificateValidator validator = new CertificateValidator(federation.trust());
    assertThat(at(validator, signer, NOW).valid()).isTrue();

    ValidationResult stale = at(validator, signer, NOW.plus(Duration.ofDays(7)).plusSeconds(1));

    assertThat(stale.reason()).isEqualTo(ValidationReason.REVOCATION_UNKNOWN);
    assertThat(validator.cacheHits()).isZero();
  }

  @Test
  void aNewlyPublishedCrlRevokingTheSignerIsHonouredAtOnce() {
    CertificateValidator before = new CertificateValidator(federation.trust());
    assertThat(at(before, signer, NOW).valid()).isTrue();
    assertThat(at(before, signer, NOW.plusSeconds(60)).valid()).isTrue();
    assertThat(before.cacheHits()).isEqualTo(1);

    X509CRL newer =
        crl(
            federation.issuing(),
            federation.issuing().keys(),
            NOW.plusSeconds(30),
            NOW.plus(Duration.ofDays(7)),
            signer);
    CertificateValidator after =
        new CertificateValidator(
            federation.trust(RevocationPolicy.REQUIRE, crl(federation.root()), newer));

    assertThat(at(after, signer, NOW.plusSeconds(120)).reason())
        .isEqualTo(ValidationReason.REVOKED);
  }

  @Test
  void aRevocationTakesEffectAtItsDateEvenAfterAValidAnswerWasCached() {
    // A current CRL that lists the signer as revoked from NOW + 1 day on (announced in advance).
    Instant revocation = NOW.plus(Duration.ofDays(1));
    X509CRL listing =
        crl(
            federation.issuing(),
            federation.issuing().keys(),
            NOW.minus(Duration.ofDays(1)),
            NOW.plus(Duration.ofDays(7)),
            revocation,
            signer);
    CertificateValidator validator =
        new CertificateValidator(
            federation.trust(RevocationPolicy.REQUIRE, crl(federation.root()), listing));
    ValidationResult before = at(validator, signer, NOW);

    ValidationResult afterRevocation = at(validator, signer, revocation.plus(Duration.ofHours(1)));

    assertThat(before.valid()).isTrue();
    assertThat(afterRevocation.reason()).isEqualTo(ValidationReason.REVOKED);
    assertThat(validator.cacheHits()).isZero();
  }

  @Test
  void refusalsAreNeverCached() {
    CertificateValidator validator = new CertificateValidator(federation.trust(signer));

    at(validator, signer, NOW);
    ValidationResult again = at(validator, signer, NOW.plusSeconds(1));

    assertThat(again.reason()).isEqualTo(ValidationReason.REVOKED);
    assertThat(validator.cacheHits()).isZero();
  }

  @Test
  void anAnswerIsNotCarriedAcrossAnInstantShiftedByTheJdksCrlClockSkew() {
    CertificateValidator validator = new CertificateValidator(federation.trust());
    // The CRLs' thisUpdate is NOW - 1 day; the JDK compares it with the time plus 15 minutes.
    Instant thisUpdate = NOW.minus(Duration.ofDays(1));

    at(validator, signer, thisUpdate.plus(Duration.ofMinutes(10)));
    at(validator, signer, thisUpdate.plus(Duration.ofMinutes(20)));
    assertThat(validator.cacheHits()).isZero();
    at(validator, signer, thisUpdate.plus(Duration.ofMinutes(25)));
    assertThat(validator.cacheHits()).isEqualTo(1);
  }

  @Test
  void aTimeWithinTheMarginOfSuchAnInstantIsNotCached() {
    CertificateValidator validator = new CertificateValidator(federation.trust());
    Instant edge = NOW.minus(Duration.ofDays(1)).plus(ValidationCache.JDK_CRL_SKEW);

    at(validator, signer, edge.minusMillis(500));
    at(validator, signer, edge.minusMillis(400));

    assertThat(validator.cacheHits()).isZero();
  }
}
