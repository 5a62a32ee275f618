package org.liaison.pki.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.CertificateProfile;
import org.liaison.pki.ca.RevocationReason;
import org.liaison.pki.ca.Validity;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.codec.AvroCodec;

/**
 * One test per reason code, each building its attack for real, with both provider sets. The Dutch
 * national unit (NL) sends to the Thai unit (TH); the attaché in Bangkok (ATT) is the third party.
 */
@ParameterizedClass
@MethodSource("org.liaison.pki.seal.SealingFixture#providerChoices")
class OpeningRefusalsTest {

  @Parameter ProviderChoice providers;

  private SealingFixture fx() {
    return SealingFixture.ec(providers);
  }

  private static void assertRejected(OpenResult result, RejectReason reason) {
    assertThat(result).isInstanceOf(OpenResult.Rejected.class);
    assertThat(((OpenResult.Rejected) result).reason())
        .as(((OpenResult.Rejected) result).detail())
        .isEqualTo(reason);
  }

  private static String detail(OpenResult result) {
    return ((OpenResult.Rejected) result).detail();
  }

  @Test
  void oversizeInputIsRefusedBeforeParsing() {
    SealingFixture fx = fx();
    byte[] sealed = fx.seal(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build());
    OpenResult result =
        fx.opener(OpeningPolicy.defaults().withMaxSealedBytes(sealed.length - 1))
            .open(
                sealed,
                fx.keys(SealingFixture.TH),
                fx.validator(),
                Optional.empty(),
                Instant.now());
    assertRejected(result, RejectReason.OVERSIZE);

    byte[] huge = new byte[(int) OpeningPolicy.defaults().maxSealedBytes() + 1];
    assertRejected(fx.open(huge, SealingFixture.TH), RejectReason.OVERSIZE);
  }

  @Test
  void garbageTruncationAndEmptyInputAreMalformedCms() {
    SealingFixture fx = fx();
    byte[] garbage = new byte[2048];
    new SecureRandom().nextBytes(garbage);
    assertRejected(fx.open(garbage, SealingFixture.TH), RejectReason.MALFORMED_CMS);

    byte[] sealed = fx.seal(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build());
    byte[] truncated = Arrays.copyOf(sealed, sealed.length - 7);
    assertRejected(fx.open(truncated, SealingFixture.TH), RejectReason.MALFORMED_CMS);
    assertRejected(fx.open(new byte[0], SealingFixture.TH), RejectReason.MALFORMED_CMS);

    byte[] trailing = Arrays.copyOf(sealed, sealed.length + 1);
    assertRejected(fx.open(trailing, SealingFixture.TH), RejectReason.MALFORMED_CMS);
  }

  @Test
  void aSignedDataWithoutEnvelopeIsMalformedCms() throws Exception {
    SealingFixture fx = fx();
    byte[] signedOnly =
        fx.sign(
            "plain".getBytes(StandardCharsets.UTF_8), fx.signing(SealingFixture.NL), Instant.now());
    assertRejected(fx.open(signedOnly, SealingFixture.TH), RejectReason.MALFORMED_CMS);
  }

  @Test
  void aNoticeForOthersHasNoRecipientInfoForThisUnit() {
    SealingFixture fx = fx();
    byte[] sealed = fx.seal(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build());
    assertRejected(fx.open(sealed, SealingFixture.ATT), RejectReason.NO_RECIPIENT_INFO);
  }

  @Test
  void cbcSwappedIntoTheEnvelopeIsRefusedBeforeDecryption() throws Exception {
    SealingFixture fx = fx();
    byte[] sealed = fx.seal(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build());
    byte[] cbc =
        Tamper.swapContentAlgorithm(
            sealed, new AlgorithmIdentifier(NISTObjectIdentifiers.id_aes256_CBC, DERNull.INSTANCE));
    OpenResult result = fx.open(cbc, SealingFixture.TH);
    assertRejected(result, RejectReason.ALGORITHM_NOT_ALLOWED);
    assertThat(detail(result)).contains(NISTObjectIdentifiers.id_aes256_CBC.getId());
  }

  @Test
  void aPlainCbcEnvelopedDataIsRefused() throws Exception {
    SealingFixture fx = fx();
    byte[] signed =
        fx.decrypt(
            fx.seal(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build()),
            SealingFixture.TH);
    CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
    PrivateKeyHandle ephemeralOwner = fx.kit.unit(SealingFixture.NL).encryption();
    java.security.KeyPair ephemeral = KeyAlgorithm.EC_P256.generate();
    generator.addRecipientInfoGenerator(
        new JceKeyAgreeRecipientInfoGenerator(
                CMSAlgorithm.ECDH_SHA256KDF,
                ephemeral.getPrivate(),
                ephemeral.getPublic(),
                CMSAlgorithm.AES256_WRAP)
            .addRecipient(fx.encryption(SealingFixture.TH))
            .setProvider(CryptoProviders.bouncyCastle()));
    byte[] enveloped =
        generator
            .generate(
                new CMSProcessableByteArray(signed),
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC)
                    .setProvider(CryptoProviders.bouncyCastle())
                    .build())
            .getEncoded();
    assertThat(ephemeralOwner).isNotNull();
    assertRejected(fx.open(enveloped, SealingFixture.TH), RejectReason.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void aSha1SignatureIsRefusedBeforeItIsVerified() throws Exception {
    SealingFixture fx = fx();
    PrivateKeyHandle signer = fx.signing(SealingFixture.NL);
    byte[] encoded =
        AvroCodec.caseNotices()
            .encode(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build());
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(
        new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder()
                    .setProvider(CryptoProviders.bouncyCastle())
                    .build())
            .build(
                new JcaContentSignerBuilder("SHA1withECDSA")
                    .setProvider(CryptoProviders.bouncyCastle())
                    .build(signer.privateKey()),
                signer.certificate()));
    generator.addCertificates(new JcaCertStore(signer.chain()));
    byte[] signed = generator.generate(new CMSProcessableByteArray(encoded), true).getEncoded();
    byte[] sealed = fx.encrypt(signed, fx.encryption(SealingFixture.TH));
    OpenResult result = fx.open(sealed, SealingFixture.TH);
    assertRejected(result, RejectReason.ALGORITHM_NOT_ALLOWED);
    assertThat(detail(result)).contains("1.3.14.3.2.26");
  }

  @Test
  void aFlippedCiphertextByteFailsDecryption() throws Exception {
    SealingFixture fx = fx();
    byte[] sealed = fx.seal(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build());
    assertRejected(
        fx.open(Tamper.flipCiphertextByte(sealed), SealingFixture.TH),
        RejectReason.DECRYPTION_FAILED);
  }

  @Test
  void aFlippedTagFailsDecryption() throws Exception {
    SealingFixture fx = fx();
    byte[] sealed = fx.seal(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build());
    assertRejected(
        fx.open(Tamper.flipTagByte(sealed), SealingFixture.TH), RejectReason.DECRYPTION_FAILED);
  }

  @Test
  void encryptedContentThatIsNotSignedDataIsRefused() throws Exception {
    SealingFixture fx = fx();
    byte[] sealed =
        fx.encrypt("not signed".getBytes(StandardCharsets.UTF_8), fx.encryption(SealingFixture.TH));
    assertRejected(fx.open(sealed, SealingFixture.TH), RejectReason.MALFORMED_SIGNED_DATA);
  }

  @Test
  void strippedSignedAttributesAreRefused() throws Exception {
    SealingFixture fx = fx();
    byte[] signed =
        fx.decrypt(
            fx.seal(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build()),
            SealingFixture.TH);
    byte[] stripped = Tamper.rewriteSigner(signed, Tamper::withoutSignedAttributes);
    OpenResult result =
        fx.open(fx.encrypt(stripped, fx.encryption(SealingFixture.TH)), SealingFixture.TH);
    assertRejected(result, RejectReason.SIGNED_ATTRIBUTES_MISSING);
  }

  @Test
  void aDirectSignatureWithoutSignedAttributesIsRefused() throws Exception {
    SealingFixture fx = fx();
    PrivateKeyHandle signer = fx.signing(SealingFixture.NL);
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(
        new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder()
                    .setProvider(CryptoProviders.bouncyCastle())
                    .build())
            .setDirectSignature(true)
            .build(
                new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(CryptoProviders.bouncyCastle())
                    .build(signer.privateKey()),
                signer.certificate()));
    generator.addCertificates(new JcaCertStore(signer.chain()));
    byte[] encoded =
        AvroCodec.caseNotices()
            .encode(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build());
    byte[] signed = generator.generate(new CMSProcessableByteArray(encoded), true).getEncoded();
    assertRejected(
        fx.open(fx.encrypt(signed, fx.encryption(SealingFixture.TH)), SealingFixture.TH),
        RejectReason.SIGNED_ATTRIBUTES_MISSING);
  }

  @Test
  void aSwappedDigestAlgorithmIsCaughtByAlgorithmProtection() throws Exception {
    SealingFixture fx = fx();
    byte[] swapped = signedWithSwappedDigestAlgorithm(fx);
    assertRejected(
        fx.open(fx.encrypt(swapped, fx.encryption(SealingFixture.TH)), SealingFixture.TH),
        RejectReason.ALGORITHM_PROTECTION_MISMATCH);
  }

  @Test
  void anOpenerThatReadTheSameAlgorithmProtectionBeforeStillCatchesASwap() throws Exception {
    SealingFixture fx = fx();
    NoticeOpener opener = fx.opener();
    byte[] swapped = signedWithSwappedDigestAlgorithm(fx);

    for (int i = 0; i < 2; i++) {
      byte[] good = fx.seal(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build());
      assertThat(
              opener.open(
                  good,
                  fx.keys(SealingFixture.TH),
                  fx.validator(),
                  Optional.empty(),
                  Instant.now()))
          .isInstanceOf(OpenResult.Opened.class);
      assertRejected(
          opener.open(
              fx.encrypt(swapped, fx.encryption(SealingFixture.TH)),
              fx.keys(SealingFixture.TH),
              fx.validator(),
              Optional.empty(),
              Instant.now()),
          RejectReason.ALGORITHM_PROTECTION_MISMATCH);
    }
  }

  @Test
  void aFlippedSignatureByteIsABadSignature() throws Exception {
    SealingFixture fx = fx();
    byte[] signed =
        fx.decrypt(
            fx.seal(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build()),
            SealingFixture.TH);
    byte[] forged = Tamper.rewriteSigner(signed, Tamper::withFlippedSignature);
    assertRejected(
        fx.open(fx.encrypt(forged, fx.encryption(SealingFixture.TH)), SealingFixture.TH),
        RejectReason.BAD_SIGNATURE);
  }

  @Test
  void aRevokedSignerIsRefused() {
    SealingFixture fx = fx();
    fx.kit.revoke(fx.signing(SealingFixture.NL).certificate(), RevocationReason.KEY_COMPROMISE);
    byte[] sealed = fx.seal(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build());
    OpenResult result =
        fx.opener()
            .open(
                sealed,
                fx.keys(SealingFixture.TH),
                fx.validator(),
                Optional.empty(),
                Instant.now().plusSeconds(2));
    assertRejected(result, RejectReason.SIGNER_CERTIFICATE_INVALID);
    assertThat(detail(result)).startsWith("REVOKED");
  }

  @Test
  void aSignerRevokedAfterABackdatedSigningTimeIsStillRefused() throws InterruptedException {
    SealingFixture fx = fx();
    // Validity and revocation dates have whole seconds. The signature claims the first instant of
    // the certificate's validity; the revocation (key compromise) comes in a later second.
    Instant issued = fx.signing(SealingFixture.NL).certificate().getNotBefore().toInstant();
    while (!Instant.now().isAfter(issued.plusSeconds(1))) {
      Thread.sleep(20);
    }
    fx.kit.revoke(fx.signing(SealingFixture.NL).certificate(), RevocationReason.KEY_COMPROMISE);
    byte[] sealed =
        fx.sealer(Clock.fixed(issued, ZoneOffset.UTC))
            .seal(
                SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build(),
                fx.signing(SealingFixture.NL),
                fx.encryption(SealingFixture.NL),
                List.of(fx.encryption(SealingFixture.TH)));
    OpenResult result =
        fx.opener()
            .open(
                sealed,
                fx.keys(SealingFixture.TH),
                fx.validator(),
                Optional.empty(),
                Instant.now().plusSeconds(2));
    assertRejected(result, RejectReason.SIGNER_CERTIFICATE_INVALID);
    assertThat(detail(result)).startsWith("REVOKED (now)");
  }

  @Test
  void anExpiredSignerIsRefused() {
    SealingFixture fx = fx();
    Instant now = Instant.now();
    PrivateKeyHandle expired =
        fx.kit.issueExtra(
            SealingFixture.NL,
            CertificateProfile.SIGNING,
            new Validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))));
    byte[] sealed =
        fx.sealer()
            .seal(
                SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build(),
                expired,
                fx.encryption(SealingFixture.NL),
                List.of(fx.encryption(SealingFixture.TH)));
    OpenResult result = fx.open(sealed, SealingFixture.TH);
    assertRejected(result, RejectReason.SIGNER_CERTIFICATE_INVALID);
    assertThat(detail(result)).startsWith("EXPIRED");
  }

  @Test
  void aSignerFromAnotherCaIsRefused() {
    SealingFixture fx = fx();
    SealingFixture rogue = SealingFixture.ec(providers);
    byte[] sealed =
        rogue
            .sealer()
            .seal(
                SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build(),
                rogue.signing(SealingFixture.NL),
                rogue.encryption(SealingFixture.NL),
                List.of(fx.encryption(SealingFixture.TH)));
    OpenResult result = fx.open(sealed, SealingFixture.TH);
    assertRejected(result, RejectReason.SIGNER_CERTIFICATE_INVALID);
    assertThat(detail(result)).startsWith("UNKNOWN_ISSUER");
  }

  @Test
  void validCmsThatIsNotANoticeIsRefused() throws Exception {
    SealingFixture fx = fx();
    byte[] signed =
        fx.sign(
            "%PDF-1.7 not a notice".getBytes(StandardCharsets.UTF_8),
            fx.signing(SealingFixture.NL),
            Instant.now());
    assertRejected(
        fx.open(fx.encrypt(signed, fx.encryption(SealingFixture.TH)), SealingFixture.TH),
        RejectReason.NOT_A_NOTICE);
  }

  @Test
  void aSignerWhoIsNotTheOriginatorIsRefused() throws Exception {
    SealingFixture fx = fx();
    CaseNotice claimsNl = SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build();
    byte[] signedByAtt =
        fx.sign(
            AvroCodec.caseNotices().encode(claimsNl),
            fx.signing(SealingFixture.ATT),
            Instant.now());
    OpenResult result =
        fx.open(fx.encrypt(signedByAtt, fx.encryption(SealingFixture.TH)), SealingFixture.TH);
    assertRejected(result, RejectReason.SIGNER_NOT_ORIGINATOR);
  }

  @Test
  void aSenderHintThatDisagreesWithTheSignerIsRefused() {
    SealingFixture fx = fx();
    byte[] sealed = fx.seal(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build());
    OpenResult result =
        fx.opener()
            .open(
                sealed,
                fx.keys(SealingFixture.TH),
                fx.validator(),
                Optional.of(SealingFixture.ATT),
                Instant.now());
    assertRejected(result, RejectReason.SENDER_MISMATCH);
  }

  @Test
  void aNoticeReEncryptedByARecipientToAThirdUnitIsRefused() throws Exception {
    SealingFixture fx = fx();
    byte[] sealed = fx.seal(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build());
    byte[] signedAsThSawIt = fx.decrypt(sealed, SealingFixture.TH);
    byte[] forwarded = fx.encrypt(signedAsThSawIt, fx.encryption(SealingFixture.ATT));
    OpenResult result = fx.open(forwarded, SealingFixture.ATT);
    assertRejected(result, RejectReason.NOT_A_RECIPIENT);
  }

  @Test
  void aStaleSigningTimeIsRefused() {
    SealingFixture fx = fx();
    byte[] sealed = fx.seal(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build());
    OpenResult result =
        fx.opener(OpeningPolicy.defaults().withMaxAge(Duration.ofHours(1)))
            .open(
                sealed,
                fx.keys(SealingFixture.TH),
                fx.validator(),
                Optional.empty(),
                Instant.now().plus(Duration.ofHours(2)));
    assertRejected(result, RejectReason.SIGNING_TIME_OUT_OF_WINDOW);
  }

  @Test
  void aSigningTimeFromTheFutureIsRefused() {
    SealingFixture fx = fx();
    Clock ahead = Clock.offset(Clock.system(ZoneOffset.UTC), Duration.ofHours(1));
    byte[] sealed =
        fx.sealer(ahead)
            .seal(
                SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build(),
                fx.signing(SealingFixture.NL),
                fx.encryption(SealingFixture.NL),
                List.of(fx.encryption(SealingFixture.TH)));
    assertRejected(fx.open(sealed, SealingFixture.TH), RejectReason.SIGNING_TIME_OUT_OF_WINDOW);
  }

  @Test
  void aReplayFromAnotherDeliveryIsRefusedButARedeliveryOpens() {
    SealingFixture fx = fx();
    byte[] sealed = fx.seal(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build());
    NoticeOpener opener = fx.opener();
    Delivery first = Delivery.kafka("liaison.notices.TH.CIB", 0, 41);
    OpenResult opened =
        opener.open(
            sealed,
            fx.keys(SealingFixture.TH),
            fx.validator(),
            Optional.empty(),
            Instant.now(),
            first);
    assertThat(opened.opened()).isTrue();
    assertThat(((OpenResult.Opened) opened).report().redelivery()).isFalse();

    OpenResult again =
        opener.open(
            sealed,
            fx.keys(SealingFixture.TH),
            fx.validator(),
            Optional.empty(),
            Instant.now(),
            first);
    assertThat(again.opened()).isTrue();
    assertThat(((OpenResult.Opened) again).report().redelivery()).isTrue();

    OpenResult replay =
        opener.open(
            sealed,
            fx.keys(SealingFixture.TH),
            fx.validator(),
            Optional.empty(),
            Instant.now(),
            Delivery.kafka("liaison.notices.TH.CIB", 0, 97));
    assertRejected(replay, RejectReason.REPLAY);
  }

  @Test
  void aNoticeThatBreaksTheRulesIsRefused() {
    SealingFixture fx = fx();
    CaseNotice.Builder notice = SealingFixture.notice(SealingFixture.NL, SealingFixture.TH);
    // Expiring before its creation, both still ahead: only the rules see the contradiction.
    notice.setCreatedAt(notice.getCreatedAt().plus(Duration.ofMinutes(2)));
    notice.setExpiresAt(notice.getCreatedAt().minus(Duration.ofMinutes(1)));
    OpenResult result = fx.open(fx.seal(notice.build()), SealingFixture.TH);
    assertRejected(result, RejectReason.NOTICE_RULES_VIOLATED);
    assertThat(detail(result)).contains("expiresAt");
  }

  @Test
  void anExpiredNoticeIsRefused() {
    SealingFixture fx = fx();
    CaseNotice.Builder notice = SealingFixture.notice(SealingFixture.NL, SealingFixture.TH);
    notice.setCreatedAt(notice.getCreatedAt().minus(Duration.ofHours(2)));
    notice.setExpiresAt(notice.getCreatedAt().plus(Duration.ofHours(1)));
    OpenResult result = fx.open(fx.seal(notice.build()), SealingFixture.TH);
    assertRejected(result, RejectReason.NOTICE_EXPIRED);
    // Signature and certificate verified first: the originator may be told with a receipt.
    assertThat(((OpenResult.Rejected) result).authenticatedSigner()).isPresent();
  }

  @Test
  void aNoticeCreatedDaysAheadIsRefused() {
    SealingFixture fx = fx();
    CaseNotice.Builder notice = SealingFixture.notice(SealingFixture.NL, SealingFixture.TH);
    notice.setCreatedAt(notice.getCreatedAt().plus(Duration.ofDays(3)));
    OpenResult result = fx.open(fx.seal(notice.build()), SealingFixture.TH);
    assertRejected(result, RejectReason.CREATED_AT_OUT_OF_WINDOW);
  }

  @Test
  void aSenderWhoseDirectoryEntryIsStaleIsRefusedAndMayArriveAgainLater() {
    SealingFixture fx = fx();
    byte[] sealed = fx.seal(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build());
    InMemoryReplayStore replays = new InMemoryReplayStore();
    java.util.concurrent.atomic.AtomicBoolean stale =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    NoticeOpener opener =
        new NoticeOpener(
            fx.providers,
            OpeningPolicy.defaults(),
            replays,
            NoticeRulesCheck.standard(),
            (sender, now) ->
                stale.get() && sender.equals(SealingFixture.NL)
                    ? Optional.of("entry of " + sender + " issued more than 24 h ago")
                    : Optional.empty());

    OpenResult refused =
        opener.open(
            sealed, fx.keys(SealingFixture.TH), fx.validator(), Optional.empty(), Instant.now());
    assertRejected(refused, RejectReason.SENDER_DIRECTORY_STALE);
    // Verified first: the sender may be told; not claimed: the same notice opens once fresh.
    assertThat(((OpenResult.Rejected) refused).authenticatedSigner()).contains(SealingFixture.NL);
    stale.set(false);
    assertThat(
            opener.open(
                sealed,
                fx.keys(SealingFixture.TH),
                fx.validator(),
                Optional.empty(),
                Instant.now()))
        .isInstanceOf(OpenResult.Opened.class);
  }

  @Test
  void aNewReasonCodeNeedsItsOwnRefusalTestHere() {
    List<String> tested =
        Arrays.stream(OpeningRefusalsTest.class.getDeclaredMethods())
            .map(m -> m.getName())
            .toList();
    // NOT_A_RECEIPT is refused by the receipt opener and tested in ReceiptsTest.
    assertThat(RejectReason.values()).hasSize(21);
    assertThat(tested).hasSizeGreaterThanOrEqualTo(RejectReason.values().length - 1);
  }

  /**
   * A notice's SignedData, decrypted, with the SignerInfo's digest algorithm changed to SHA-384:
   * the algorithm-protection attribute keeps its bytes, so only the SignerInfo disagrees with it.
   */
  private static byte[] signedWithSwappedDigestAlgorithm(SealingFixture fx) throws Exception {
    byte[] signed =
        fx.decrypt(
            fx.seal(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build()),
            SealingFixture.TH);
    return Tamper.rewriteSigner(
        signed,
        s ->
            Tamper.withDigestAlgorithm(
                s, new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha384)));
  }
}
