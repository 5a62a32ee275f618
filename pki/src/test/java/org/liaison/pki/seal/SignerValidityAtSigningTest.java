package org.liaison.pki.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.CertificateProfile;
import org.liaison.pki.ca.FederationKit;
import org.liaison.pki.ca.MutableClock;
import org.liaison.pki.ca.RevocationReason;
import org.liaison.pki.ca.Validity;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.schemas.codec.AvroCodec;

/**
 * Opening a notice whose signer's certificate changed status between signing and opening: the
 * federation was set up 20 days ago on a clock the test moves, the notice was signed two hours ago,
 * and both CAs published a CRL just now, after the signature (the normal case).
 */
class SignerValidityAtSigningTest {

  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final Instant signedAt = now.minus(Duration.ofHours(2));
  private final MutableClock clock = new MutableClock(now.minus(Duration.ofDays(20)));
  private final FederationKit kit =
      FederationKit.create(
          KeyAlgorithm.EC_P256, List.of(SealingFixture.NL, SealingFixture.TH), clock);
  private final SealingFixture fx = SealingFixture.of(kit, ProviderChoice.pureJava());

  private OpenResult sealSignedAtAndOpenNow(PrivateKeyHandle signer) throws Exception {
    byte[] content =
        AvroCodec.caseNotices()
            .encode(
                SealingFixture.notice(SealingFixture.NL, SealingFixture.TH)
                    .setCreatedAt(signedAt)
                    .build());
    byte[] sealed =
        fx.encrypt(
            fx.sign(content, signer, signedAt),
            fx.encryption(SealingFixture.TH),
            fx.encryption(SealingFixture.NL));
    return fx.opener()
        .open(sealed, fx.keys(SealingFixture.TH), fx.validator(), Optional.empty(), now);
  }

  /** The clock moved on to {@code to}, where both CAs publish a CRL. */
  private void publishAt(Instant to) {
    clock.advance(Duration.between(clock.instant(), to));
    kit.rootAuthority().createCrl();
    kit.freshCrl();
  }

  @Test
  void aNoticeSignedBeforeItsSignerExpiredOpens() throws Exception {
    PrivateKeyHandle expiring =
        kit.issueExtra(
            SealingFixture.NL,
            CertificateProfile.SIGNING,
            new Validity(clock.instant(), now.minus(Duration.ofHours(1))));
    publishAt(now);

    OpenResult result = sealSignedAtAndOpenNow(expiring);

    assertThat(result)
        .as(result instanceof OpenResult.Rejected r ? r.detail() : "opened")
        .isInstanceOf(OpenResult.Opened.class);
  }

  @Test
  void aNoticeSignedAfterItsSignerExpiredIsRefused() throws Exception {
    PrivateKeyHandle expired =
        kit.issueExtra(
            SealingFixture.NL,
            CertificateProfile.SIGNING,
            new Validity(clock.instant(), signedAt.minus(Duration.ofHours(1))));
    publishAt(now);

    OpenResult result = sealSignedAtAndOpenNow(expired);

    assertThat(result).isInstanceOf(OpenResult.Rejected.class);
    assertThat(((OpenResult.Rejected) result).detail()).startsWith("EXPIRED (at the signing time)");
  }

  @Test
  void aSignerSupersededAfterSigningStillOpensAndOneCompromisedIsRefused() throws Exception {
    PrivateKeyHandle superseded = fx.signing(SealingFixture.NL);
    PrivateKeyHandle compromised =
        kit.issueExtra(
            SealingFixture.NL,
            CertificateProfile.SIGNING,
            new Validity(clock.instant(), now.plus(Duration.ofDays(30))));
    publishAt(now.minus(Duration.ofHours(1)));
    kit.revoke(superseded.certificate(), RevocationReason.SUPERSEDED);
    kit.revoke(compromised.certificate(), RevocationReason.KEY_COMPROMISE);
    publishAt(now);

    assertThat(sealSignedAtAndOpenNow(superseded)).isInstanceOf(OpenResult.Opened.class);
    OpenResult refused = sealSignedAtAndOpenNow(compromised);
    assertThat(refused).isInstanceOf(OpenResult.Rejected.class);
    assertThat(((OpenResult.Rejected) refused).reason())
        .isEqualTo(RejectReason.SIGNER_CERTIFICATE_INVALID);
    assertThat(((OpenResult.Rejected) refused).detail()).startsWith("REVOKED (now)");
  }

  @Test
  void aSignerRevokedBeforeSigningIsRefusedEvenWhenSuperseded() throws Exception {
    PrivateKeyHandle superseded = fx.signing(SealingFixture.NL);
    publishAt(signedAt.minus(Duration.ofHours(1)));
    kit.revoke(superseded.certificate(), RevocationReason.SUPERSEDED);
    publishAt(now);

    OpenResult result = sealSignedAtAndOpenNow(superseded);

    assertThat(result).isInstanceOf(OpenResult.Rejected.class);
    assertThat(((OpenResult.Rejected) result).detail()).startsWith("REVOKED (now)");
  }

  @Test
  void aStoredNoticeSignedBeforeASigningKeyRotationStillVerifiesWhenReadLater() throws Exception {
    // Signed ten days ago, past the 7-day window an arrival is judged by; the key was then
    // rotated (revoked as superseded five days ago) and both CAs published since.
    Instant longAgo = now.minus(Duration.ofDays(10));
    PrivateKeyHandle rotatedOut = fx.signing(SealingFixture.NL);
    PrivateKeyHandle compromised =
        kit.issueExtra(
            SealingFixture.NL,
            CertificateProfile.SIGNING,
            new Validity(clock.instant(), now.plus(Duration.ofDays(30))));
    byte[] stored = sealAt(rotatedOut, longAgo);
    byte[] storedByStolenKey = sealAt(compromised, longAgo);
    publishAt(now.minus(Duration.ofDays(5)));
    kit.revoke(rotatedOut.certificate(), RevocationReason.SUPERSEDED);
    kit.revoke(compromised.certificate(), RevocationReason.KEY_COMPROMISE);
    publishAt(now);

    OpenResult read = fx.opener().reopen(stored, fx.keys(SealingFixture.TH), fx.validator(), now);
    OpenResult refused =
        fx.opener().reopen(storedByStolenKey, fx.keys(SealingFixture.TH), fx.validator(), now);

    assertThat(read)
        .as(read instanceof OpenResult.Rejected r ? r.detail() : "opened")
        .isInstanceOf(OpenResult.Opened.class);
    assertThat(((OpenResult.Opened) read).report().signingTime()).isEqualTo(longAgo);
    assertThat(refused).isInstanceOf(OpenResult.Rejected.class);
    assertThat(((OpenResult.Rejected) refused).detail()).startsWith("REVOKED (now)");
  }

  private byte[] sealAt(PrivateKeyHandle signer, Instant at) throws Exception {
    byte[] content =
        AvroCodec.caseNotices()
            .encode(
                SealingFixture.notice(SealingFixture.NL, SealingFixture.TH)
                    .setCreatedAt(at)
                    .build());
    return fx.encrypt(
        fx.sign(content, signer, at),
        fx.encryption(SealingFixture.TH),
        fx.encryption(SealingFixture.NL));
  }
}
