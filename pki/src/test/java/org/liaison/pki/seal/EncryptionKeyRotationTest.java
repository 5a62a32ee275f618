package org.liaison.pki.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.CertificateProfile;
import org.liaison.pki.ca.Validity;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.schemas.avro.CaseNotice;

/**
 * A unit that rotated its encryption key holds the new one as current and the old ones as older:
 * notices sealed to any of them open, with the key the RecipientInfo names, and no other key is
 * touched.
 */
class EncryptionKeyRotationTest {

  private final SealingFixture fx =
      new SealingFixture(
          KeyAlgorithm.EC_P256, ProviderChoice.pureJava(), SealingFixture.NL, SealingFixture.TH);
  private final PrivateKeyHandle old = fx.kit.unit(SealingFixture.TH).encryption();
  private final PrivateKeyHandle rotated =
      fx.kit.issueExtra(
          SealingFixture.TH,
          CertificateProfile.ENCRYPTION,
          new Validity(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(90))));

  private byte[] sealTo(X509Certificate recipient, CaseNotice notice) {
    return fx.sealer()
        .seal(
            notice,
            fx.signing(SealingFixture.NL),
            fx.kit.unit(SealingFixture.NL).encryption(),
            List.of(recipient));
  }

  private OpenResult open(byte[] sealed, OpeningKeys keys) {
    return fx.opener().open(sealed, keys, fx.validator(), Optional.empty(), Instant.now());
  }

  private static CaseNotice notice() {
    return SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build();
  }

  @Test
  void noticesSealedToTheOldAndTheNewKeyBothOpenAfterTheRotation() {
    OpeningKeys afterRotation = new OpeningKeys(SealingFixture.TH, rotated, List.of(old));
    CaseNotice toOld = notice();
    CaseNotice toNew = notice();

    OpenResult oldOne = open(sealTo(old.certificate(), toOld), afterRotation);
    OpenResult newOne = open(sealTo(rotated.certificate(), toNew), afterRotation);

    assertThat(oldOne).isInstanceOf(OpenResult.Opened.class);
    assertThat(((OpenResult.Opened) oldOne).notice().getNoticeId()).isEqualTo(toOld.getNoticeId());
    assertThat(newOne).isInstanceOf(OpenResult.Opened.class);
    assertThat(((OpenResult.Opened) newOne).notice().getNoticeId()).isEqualTo(toNew.getNoticeId());
  }

  @Test
  void withoutTheOlderKeyANoticeSealedToItNamesNoRecipientOfOurs() {
    OpenResult result =
        open(sealTo(old.certificate(), notice()), new OpeningKeys(SealingFixture.TH, rotated));

    assertThat(result).isInstanceOf(OpenResult.Rejected.class);
    assertThat(((OpenResult.Rejected) result).reason()).isEqualTo(RejectReason.NO_RECIPIENT_INFO);
  }

  @Test
  void theKeyIsPickedByTheRecipientIdentifierAndNoOtherKeyIsUsed() {
    Counting current = new Counting(rotated);
    Counting older = new Counting(old);
    Counting oldest =
        new Counting(
            fx.kit.issueExtra(
                SealingFixture.TH,
                CertificateProfile.ENCRYPTION,
                new Validity(Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600))));
    OpeningKeys keys = new OpeningKeys(SealingFixture.TH, current, List.of(oldest, older));

    OpenResult result = open(sealTo(old.certificate(), notice()), keys);

    assertThat(result).isInstanceOf(OpenResult.Opened.class);
    assertThat(older.used.get()).isPositive();
    assertThat(current.used.get()).isZero();
    assertThat(oldest.used.get()).isZero();
  }

  @Test
  void aStoredNoticeSealedToTheOldKeyIsReadAgainAfterTheRotation() {
    byte[] sealed = sealTo(old.certificate(), notice());
    assertThat(open(sealed, new OpeningKeys(SealingFixture.TH, old)))
        .isInstanceOf(OpenResult.Opened.class);

    OpenResult again =
        fx.opener()
            .reopen(
                sealed,
                new OpeningKeys(SealingFixture.TH, rotated, List.of(old)),
                fx.validator(),
                Instant.now());

    assertThat(again).isInstanceOf(OpenResult.Opened.class);
  }

  /** A key handle that counts how often its private key is asked for. */
  private static final class Counting implements PrivateKeyHandle {
    private final PrivateKeyHandle key;
    final AtomicInteger used = new AtomicInteger();

    Counting(PrivateKeyHandle key) {
      this.key = key;
    }

    @Override
    public String alias() {
      return key.alias();
    }

    @Override
    public PrivateKey privateKey() {
      used.incrementAndGet();
      return key.privateKey();
    }

    @Override
    public Optional<Provider> requiredProvider() {
      return key.requiredProvider();
    }

    @Override
    public X509Certificate certificate() {
      return key.certificate();
    }

    @Override
    public List<X509Certificate> chain() {
      return key.chain();
    }
  }
}
