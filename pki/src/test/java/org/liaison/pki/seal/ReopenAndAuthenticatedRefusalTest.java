package org.liaison.pki.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.liaison.pki.seal.SealingFixture.ATT;
import static org.liaison.pki.seal.SealingFixture.NL;
import static org.liaison.pki.seal.SealingFixture.TH;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.schemas.avro.CaseNotice;

/**
 * Reading a stored notice again ({@code reopen}) as recipient or sender, and the rejections that
 * can name their signer (for a REJECTED receipt) against those that must not.
 */
class ReopenAndAuthenticatedRefusalTest {

  private final SealingFixture f = SealingFixture.ec(ProviderChoice.select());

  @Test
  void theSenderAndEachRecipientCanReadAStoredNoticeAndNoOneElse() {
    CaseNotice notice = SealingFixture.notice(NL, TH).build();
    byte[] sealed = f.seal(notice);

    for (var reader : new org.liaison.schemas.UnitId[] {NL, TH}) {
      OpenResult result = f.opener().reopen(sealed, f.keys(reader), f.validator(), Instant.now());
      assertThat(result).isInstanceOf(OpenResult.Opened.class);
      assertThat(((OpenResult.Opened) result).notice()).isEqualTo(notice);
    }
    OpenResult third = f.opener().reopen(sealed, f.keys(ATT), f.validator(), Instant.now());
    assertThat(((OpenResult.Rejected) third).reason()).isEqualTo(RejectReason.NO_RECIPIENT_INFO);
  }

  @Test
  void reopeningSkipsTheArrivalChecksButNotTheCryptography() {
    byte[] sealed = f.seal(SealingFixture.notice(NL, TH).build());
    NoticeOpener opener = f.opener(OpeningPolicy.defaults().withMaxAge(Duration.ofHours(1)));
    Instant later = Instant.now().plus(Duration.ofHours(2));
    assertThat(opener.open(sealed, f.keys(TH), f.validator(), Optional.empty(), Instant.now()))
        .isInstanceOf(OpenResult.Opened.class);
    var onArrival =
        (OpenResult.Rejected)
            opener.open(sealed, f.keys(TH), f.validator(), Optional.empty(), later);
    assertThat(onArrival.reason()).isEqualTo(RejectReason.SIGNING_TIME_OUT_OF_WINDOW);

    assertThat(opener.reopen(sealed, f.keys(TH), f.validator(), later))
        .as("past the arrival window, and after the id was seen: still readable")
        .isInstanceOf(OpenResult.Opened.class);
    byte[] flipped = sealed.clone();
    flipped[flipped.length - 20] ^= 1;
    assertThat(
            ((OpenResult.Rejected) opener.reopen(flipped, f.keys(TH), f.validator(), Instant.now()))
                .reason())
        .isEqualTo(RejectReason.DECRYPTION_FAILED);
  }

  @Test
  void aRefusalAfterTheSignatureNamesTheSignerAndTheNotice() {
    CaseNotice notice = SealingFixture.notice(NL, TH).build();
    byte[] sealed = f.seal(notice);
    NoticeOpener opener = f.opener();
    opener.open(sealed, f.keys(TH), f.validator(), Optional.empty(), Instant.now());

    var replay =
        (OpenResult.Rejected)
            opener.open(sealed, f.keys(TH), f.validator(), Optional.empty(), Instant.now());

    assertThat(replay.reason()).isEqualTo(RejectReason.REPLAY);
    assertThat(replay.authenticatedSigner()).contains(NL);
    assertThat(replay.noticeId()).contains(notice.getNoticeId());
  }

  @Test
  void aRefusalBeforeTheSignatureNamesNoOne() {
    byte[] sealed = f.seal(SealingFixture.notice(NL, TH).build());
    byte[] flipped = sealed.clone();
    flipped[flipped.length - 20] ^= 1;

    var refused =
        (OpenResult.Rejected)
            f.opener().open(flipped, f.keys(TH), f.validator(), Optional.empty(), Instant.now());

    assertThat(refused.reason()).isEqualTo(RejectReason.DECRYPTION_FAILED);
    assertThat(refused.authenticatedSigner()).isEmpty();
    assertThat(refused.noticeId()).isEmpty();
  }
}
