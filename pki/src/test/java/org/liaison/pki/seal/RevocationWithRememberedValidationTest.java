package org.liaison.pki.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.liaison.pki.ca.RevocationReason;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.validation.CertificateValidator;

/**
 * A validator remembers VALID answers for a signer (see {@code ValidationCache}); a CRL published
 * afterwards, which comes with a new validator, must be honoured for the very next notice.
 */
class RevocationWithRememberedValidationTest {

  @ParameterizedTest
  @MethodSource("org.liaison.pki.seal.SealingFixture#providerChoices")
  void aSignerRevokedByANewlyPublishedCrlIsRefusedAtOnce(ProviderChoice providers) {
    SealingFixture fx = SealingFixture.ec(providers);
    Instant start = Instant.now();
    NoticeSealer sealer = fx.sealer(Clock.fixed(start.plusSeconds(3), ZoneOffset.UTC));
    List<byte[]> sealed =
        List.of(seal(fx, sealer), seal(fx, sealer), seal(fx, sealer), seal(fx, sealer));
    NoticeOpener opener = fx.opener();
    CertificateValidator before = fx.validator();
    // The same validator for several notices of one signer: answered from its cache after the
    // first.
    for (int i = 0; i < 3; i++) {
      OpenResult result =
          opener.open(
              sealed.get(i),
              fx.keys(SealingFixture.TH),
              before,
              Optional.empty(),
              start.plusSeconds(5 + i));
      assertThat(result.opened()).as("notice %d before the revocation", i).isTrue();
    }

    fx.kit.revoke(fx.signing(SealingFixture.NL).certificate(), RevocationReason.KEY_COMPROMISE);
    CertificateValidator after = fx.validator();
    OpenResult refused =
        opener.open(
            sealed.get(3),
            fx.keys(SealingFixture.TH),
            after,
            Optional.empty(),
            start.plusSeconds(9));

    assertThat(refused).isInstanceOf(OpenResult.Rejected.class);
    OpenResult.Rejected rejected = (OpenResult.Rejected) refused;
    assertThat(rejected.reason()).isEqualTo(RejectReason.SIGNER_CERTIFICATE_INVALID);
    assertThat(rejected.detail()).startsWith("REVOKED (now)");
  }

  private static byte[] seal(SealingFixture fx, NoticeSealer sealer) {
    return sealer.seal(
        SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build(),
        fx.signing(SealingFixture.NL),
        fx.encryption(SealingFixture.NL),
        List.of(fx.encryption(SealingFixture.TH)));
  }
}
