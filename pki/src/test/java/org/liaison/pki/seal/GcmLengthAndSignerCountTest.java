package org.liaison.pki.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.liaison.pki.crypto.ProviderChoice;

/**
 * The checks Bouncy Castle added to its CMS layer in 2026, which opening (its own DER reader) has
 * to make itself: an AES-GCM tag of 16 bytes only, a nonce of 12 only, a mac exactly as long as the
 * declared tag, and a SignedData with exactly one SignerInfo. The envelopes with other lengths are
 * genuine (they decrypt with what they declare), so each refusal is the length check's.
 */
@ParameterizedClass
@MethodSource("org.liaison.pki.seal.SealingFixture#providerChoices")
class GcmLengthAndSignerCountTest {

  @Parameter ProviderChoice providers;

  private SealingFixture fx;
  private byte[] sealed;
  private byte[] signed;

  private void seal() throws Refusal {
    fx = SealingFixture.ec(providers);
    sealed = fx.seal(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build());
    signed = fx.decrypt(sealed, SealingFixture.TH);
  }

  private static void assertRejected(OpenResult result, RejectReason reason, String detail) {
    assertThat(result).isInstanceOf(OpenResult.Rejected.class);
    OpenResult.Rejected rejected = (OpenResult.Rejected) result;
    assertThat(rejected.reason()).as(rejected.detail()).isEqualTo(reason);
    assertThat(rejected.detail()).contains(detail);
  }

  private OpenResult open(byte[] input) {
    return fx.open(input, SealingFixture.TH);
  }

  @Test
  void anEnvelopeWithTheDefaultLengthsFromTheTestEncryptorOpens() throws Exception {
    seal();
    byte[] envelope = ChosenGcmEnvelope.encrypt(signed, fx.encryption(SealingFixture.TH), 12, 16);
    assertThat(open(envelope)).isInstanceOf(OpenResult.Opened.class);
  }

  @Test
  void anIcvLengthOtherThan16IsRefused() throws Exception {
    seal();
    // 12 is also what an absent aes-ICVlen means (RFC 5084), and how the test encryptor sends it.
    for (int tag : new int[] {12, 13, 15}) {
      byte[] envelope =
          ChosenGcmEnvelope.encrypt(signed, fx.encryption(SealingFixture.TH), 12, tag);
      assertRejected(
          open(envelope), RejectReason.ALGORITHM_NOT_ALLOWED, "with a " + tag + "-byte tag");
    }
    // Under 12 (RFC 5084's least) Bouncy Castle's GCMParameters does not parse: refused as well.
    for (int tag : new int[] {4, 8}) {
      byte[] envelope =
          ChosenGcmEnvelope.encrypt(signed, fx.encryption(SealingFixture.TH), 12, tag);
      assertRejected(
          open(envelope), RejectReason.ALGORITHM_NOT_ALLOWED, "without valid parameters");
    }
  }

  @Test
  void aNonceLengthOtherThan12IsRefused() throws Exception {
    seal();
    for (int nonce : new int[] {1, 8, 11, 13, 16, 64}) {
      byte[] envelope =
          ChosenGcmEnvelope.encrypt(signed, fx.encryption(SealingFixture.TH), nonce, 16);
      assertRejected(
          open(envelope), RejectReason.ALGORITHM_NOT_ALLOWED, "with a " + nonce + "-byte nonce");
    }
  }

  @Test
  void aMacShorterThanDeclaredIsRefusedEvenWhenTheCipherWouldSeeTheSameBytes() throws Exception {
    seal();
    for (int moved : new int[] {1, 4, 15}) {
      byte[] recut = moveMacBytesToCiphertext(sealed, moved);
      assertThat(ciphertextAndMac(recut)).isEqualTo(ciphertextAndMac(sealed));
      assertRejected(open(recut), RejectReason.MALFORMED_CMS, "mac of " + (16 - moved) + " bytes");
    }
    byte[] cut = withMac(sealed, Arrays.copyOf(mac(sealed), 12));
    assertRejected(open(cut), RejectReason.MALFORMED_CMS, "mac of 12 bytes");
    assertRejected(open(withMac(sealed, new byte[0])), RejectReason.MALFORMED_CMS, "mac of 0");
  }

  @Test
  void aMacLongerThanDeclaredIsRefusedEvenWhenTheCipherWouldSeeTheSameBytes() throws Exception {
    seal();
    byte[] recut = moveMacBytesToCiphertext(sealed, -3);
    assertThat(ciphertextAndMac(recut)).isEqualTo(ciphertextAndMac(sealed));
    assertRejected(open(recut), RejectReason.MALFORMED_CMS, "mac of 19 bytes");
    byte[] longer = withMac(sealed, Arrays.copyOf(mac(sealed), 17));
    assertRejected(open(longer), RejectReason.MALFORMED_CMS, "mac of 17 bytes");
  }

  @Test
  void aSignedDataWithoutSignerInfosIsRefused() throws Exception {
    seal();
    byte[] none = withSignerInfos(signed, 0);
    assertRejected(
        open(fx.encrypt(none, fx.encryption(SealingFixture.TH))),
        RejectReason.MALFORMED_SIGNED_DATA,
        "0 signers");
  }

  @Test
  void aSignedDataWithTwoSignerInfosIsRefused() throws Exception {
    // The design allows exactly one signer: the originator. Both copies here verify.
    seal();
    byte[] two = withSignerInfos(signed, 2);
    assertRejected(
        open(fx.encrypt(two, fx.encryption(SealingFixture.TH))),
        RejectReason.MALFORMED_SIGNED_DATA,
        "2 signers");
  }

  // ---- re-encoding a good notice ----

  private static AuthEnvelopedData envelope(byte[] sealed) {
    return AuthEnvelopedData.getInstance(ContentInfo.getInstance(sealed).getContent());
  }

  static byte[] mac(byte[] sealed) {
    return envelope(sealed).getMac().getOctets();
  }

  private static byte[] ciphertextAndMac(byte[] sealed) {
    AuthEnvelopedData e = envelope(sealed);
    byte[] c = e.getAuthEncryptedContentInfo().getEncryptedContent().getOctets();
    byte[] m = e.getMac().getOctets();
    byte[] out = Arrays.copyOf(c, c.length + m.length);
    System.arraycopy(m, 0, out, c.length, m.length);
    return out;
  }

  static byte[] withMac(byte[] sealed, byte[] mac) throws Exception {
    return Tamper.rewriteEnvelope(
        sealed,
        e ->
            new AuthEnvelopedData(
                e.getOriginatorInfo(),
                e.getRecipientInfos(),
                e.getAuthEncryptedContentInfo(),
                e.getAuthAttrs(),
                new DEROctetString(mac),
                e.getUnauthAttrs()));
  }

  /**
   * The boundary between ciphertext and mac moved by {@code moved} bytes: positive moves the mac's
   * first bytes to the ciphertext's end, negative the ciphertext's last bytes to the mac's start.
   */
  static byte[] moveMacBytesToCiphertext(byte[] sealed, int moved) throws Exception {
    byte[] all = ciphertextAndMac(sealed);
    int macLength = mac(sealed).length - moved;
    byte[] ciphertext = Arrays.copyOf(all, all.length - macLength);
    byte[] mac = Arrays.copyOfRange(all, all.length - macLength, all.length);
    return Tamper.rewriteEnvelope(
        sealed,
        e -> {
          EncryptedContentInfo info = e.getAuthEncryptedContentInfo();
          return new AuthEnvelopedData(
              e.getOriginatorInfo(),
              e.getRecipientInfos(),
              new EncryptedContentInfo(
                  info.getContentType(),
                  info.getContentEncryptionAlgorithm(),
                  new DEROctetString(ciphertext)),
              e.getAuthAttrs(),
              new DEROctetString(mac),
              e.getUnauthAttrs());
        });
  }

  /** The SignedData with its one SignerInfo repeated {@code count} times (0: none). */
  static byte[] withSignerInfos(byte[] signedData, int count) throws Exception {
    SignedData sd = SignedData.getInstance(ContentInfo.getInstance(signedData).getContent());
    ASN1EncodableVector signers = new ASN1EncodableVector();
    for (int i = 0; i < count; i++) {
      signers.add(sd.getSignerInfos().getObjectAt(0));
    }
    SignedData changed =
        new SignedData(
            sd.getDigestAlgorithms(),
            sd.getEncapContentInfo(),
            sd.getCertificates(),
            sd.getCRLs(),
            new DERSet(signers));
    return new ContentInfo(CMSObjectIdentifiers.signedData, changed).getEncoded(ASN1Encoding.DER);
  }
}
