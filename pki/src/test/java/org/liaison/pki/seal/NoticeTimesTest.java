package org.liaison.pki.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.schemas.avro.CaseNotice;

/**
 * The edges of a notice's own times at opening (the refusals themselves, one per code, are in
 * {@link OpeningRefusalsTest}): the clock skew on createdAt, an expiry just ahead, an old draft.
 */
class NoticeTimesTest {

  private static SealingFixture fx;

  @BeforeAll
  static void federation() {
    fx = SealingFixture.ec(ProviderChoice.pureJava());
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private static OpenResult sealAndOpen(CaseNotice notice) {
    return fx.open(fx.seal(notice), SealingFixture.TH);
  }

  private static void assertRejected(OpenResult result, RejectReason reason) {
    assertThat(result).isInstanceOf(OpenResult.Rejected.class);
    assertThat(((OpenResult.Rejected) result).reason())
        .as(((OpenResult.Rejected) result).detail())
        .isEqualTo(reason);
  }

  @Test
  void aNoticeThatExpiresLaterOpens() {
    CaseNotice notice =
        SealingFixture.notice(SealingFixture.NL, SealingFixture.TH)
            .setExpiresAt(now().plus(Duration.ofMinutes(1)))
            .build();

    assertThat(sealAndOpen(notice)).isInstanceOf(OpenResult.Opened.class);
  }

  @Test
  void aNoticeCreatedJustBeyondTheClockSkewIsRefusedAndJustWithinItOpens() {
    Duration skew = OpeningPolicy.defaults().maxClockSkew();
    CaseNotice beyond =
        SealingFixture.notice(SealingFixture.NL, SealingFixture.TH)
            .setCreatedAt(now().plus(skew).plus(Duration.ofSeconds(30)))
            .build();
    CaseNotice within =
        SealingFixture.notice(SealingFixture.NL, SealingFixture.TH)
            .setCreatedAt(now().plus(skew).minus(Duration.ofSeconds(30)))
            .build();

    assertRejected(sealAndOpen(beyond), RejectReason.CREATED_AT_OUT_OF_WINDOW);
    assertThat(sealAndOpen(within)).isInstanceOf(OpenResult.Opened.class);
  }

  @Test
  void aNoticeWrittenLongBeforeItWasSealedOpens() {
    CaseNotice draft =
        SealingFixture.notice(SealingFixture.NL, SealingFixture.TH)
            .setCreatedAt(now().minus(OpeningPolicy.defaults().maxAge()).minus(Duration.ofDays(7)))
            .build();

    assertThat(sealAndOpen(draft)).isInstanceOf(OpenResult.Opened.class);
  }
}
