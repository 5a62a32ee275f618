package org.liaison.pki.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.liaison.pki.seal.SealingFixture.NL;
import static org.liaison.pki.seal.SealingFixture.TH;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.liaison.pki.ca.RevocationReason;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.schemas.avro.Receipt;
import org.liaison.schemas.avro.ReceiptStatus;
import org.liaison.schemas.avro.SealedNoticeDigest;
import org.liaison.schemas.codec.AvroCodec;

/** Receipts: signed by the receiving unit, verified by the originator, each refusal by its code. */
class ReceiptsTest {

  static java.util.stream.Stream<ProviderChoice> providers() {
    return SealingFixture.providerChoices();
  }

  private static Receipt receipt(String from, String to) {
    AvroCodec.receipts();
    return Receipt.newBuilder()
        .setFormatVersion(1)
        .setNoticeId(UUID.randomUUID())
        .setFromUnit(from)
        .setToUnit(to)
        .setStatus(ReceiptStatus.DELIVERED)
        .setReasonCode(null)
        .setAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
        .setSealedNoticeSha256(new SealedNoticeDigest(new byte[32]))
        .build();
  }

  @ParameterizedTest
  @MethodSource("providers")
  void verifiesAReceiptSignedByItsSender(ProviderChoice providers) {
    var f = SealingFixture.shared(org.liaison.pki.KeyAlgorithm.EC_P256, providers);
    Receipt receipt = receipt("TH.CIB", "NL.NCB");

    byte[] signed = new ReceiptSigner(providers, Clock.systemUTC()).sign(receipt, f.signing(TH));
    ReceiptResult result =
        opener(providers).open(signed, NL, f.validator(), Optional.of(TH), Instant.now());

    assertThat(result).isInstanceOf(ReceiptResult.Verified.class);
    var verified = (ReceiptResult.Verified) result;
    assertThat(verified.receipt()).isEqualTo(receipt);
    assertThat(verified.signer()).isEqualTo(TH);
  }

  @ParameterizedTest
  @MethodSource("providers")
  void refusesToSignForAnotherUnit(ProviderChoice providers) {
    var f = SealingFixture.shared(org.liaison.pki.KeyAlgorithm.EC_P256, providers);

    assertThatThrownBy(
            () ->
                new ReceiptSigner(providers, Clock.systemUTC())
                    .sign(receipt("NL.NCB", "TH.CIB"), f.signing(TH)))
        .isInstanceOf(SealingException.class)
        .hasMessageContaining("the receipt is from NL.NCB");
  }

  @ParameterizedTest
  @MethodSource("providers")
  void refusesEachBrokenReceiptWithItsCode(ProviderChoice providers) {
    var f = SealingFixture.ec(providers);
    var signer = new ReceiptSigner(providers, Clock.systemUTC());
    byte[] good = signer.sign(receipt("TH.CIB", "NL.NCB"), f.signing(TH));
    Instant now = Instant.now();

    byte[] flipped = good.clone();
    flipped[flipped.length - 10] ^= 0x01;
    assertThat(reason(providers, flipped, f, Optional.empty(), now))
        .isIn(RejectReason.BAD_SIGNATURE, RejectReason.MALFORMED_SIGNED_DATA);
    assertThat(
            reason(
                providers, new byte[ReceiptOpener.MAX_RECEIPT_BYTES + 1], f, Optional.empty(), now))
        .isEqualTo(RejectReason.OVERSIZE);
    assertThat(reason(providers, new byte[] {0x30, 0x00}, f, Optional.empty(), now))
        .isEqualTo(RejectReason.MALFORMED_SIGNED_DATA);
    assertThat(reason(providers, good, f, Optional.of(SealingFixture.ATT), now))
        .isEqualTo(RejectReason.SENDER_MISMATCH);
    assertThat(
            reason(
                providers,
                signer.sign(receipt("TH.CIB", "NL.ATT-BKK"), f.signing(TH)),
                f,
                Optional.empty(),
                now))
        .as("a receipt for another unit")
        .isEqualTo(RejectReason.NOT_A_RECIPIENT);
    assertThat(
            reason(
                providers,
                new ReceiptSigner(providers, Clock.offset(Clock.systemUTC(), Duration.ofHours(1)))
                    .sign(receipt("TH.CIB", "NL.NCB"), f.signing(TH)),
                f,
                Optional.empty(),
                now))
        .as("signed an hour ahead")
        .isEqualTo(RejectReason.SIGNING_TIME_OUT_OF_WINDOW);

    f.kit.revoke(f.signing(TH).certificate(), RevocationReason.KEY_COMPROMISE);
    assertThat(reason(providers, good, f, Optional.empty(), Instant.now().plusSeconds(1)))
        .isEqualTo(RejectReason.SIGNER_CERTIFICATE_INVALID);
  }

  @ParameterizedTest
  @MethodSource("providers")
  void refusesASignedNoticeOfferedAsAReceipt(ProviderChoice providers) throws Exception {
    var f = SealingFixture.ec(providers);
    byte[] notice = AvroCodec.caseNotices().encode(SealingFixture.notice(TH, NL).build());
    byte[] signed =
        new org.liaison.pki.seal.cms.SignedDataCreator(providers.asymmetric())
            .sign(
                notice,
                f.signing(TH).privateKey(),
                providers.asymmetric(),
                f.signing(TH).chain(),
                Instant.now());

    assertThat(reason(providers, signed, f, Optional.empty(), Instant.now()))
        .isEqualTo(RejectReason.NOT_A_RECEIPT);
  }

  private static ReceiptOpener opener(ProviderChoice providers) {
    return new ReceiptOpener(providers, OpeningPolicy.defaults());
  }

  private static RejectReason reason(
      ProviderChoice providers,
      byte[] bytes,
      SealingFixture f,
      Optional<org.liaison.schemas.UnitId> hint,
      Instant now) {
    ReceiptResult result = opener(providers).open(bytes, NL, f.validator(), hint, now);
    assertThat(result).isInstanceOf(ReceiptResult.Rejected.class);
    return ((ReceiptResult.Rejected) result).reason();
  }
}
