package org.liaison.pki.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SimpleAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.pki.seal.cms.DerReader;
import org.liaison.pki.seal.cms.DerReader.NotDer;
import org.liaison.pki.seal.cms.DerReader.Tlv;
import org.liaison.schemas.codec.AvroCodec;

/**
 * Opening reads the CMS itself rather than through Bouncy Castle's CMS layer: damaged input is
 * refused with the same codes, BER input opens through the normalising path, and the rules Bouncy
 * Castle's {@code SignerInformation.verify} applied still apply.
 */
class StrictCmsReadingTest {

  private static final SealingFixture FX = SealingFixture.ec(ProviderChoice.select());

  private static byte[] sealed() {
    return FX.seal(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build());
  }

  private static void assertRejected(OpenResult result, RejectReason reason) {
    assertThat(result).isInstanceOf(OpenResult.Rejected.class);
    assertThat(((OpenResult.Rejected) result).reason())
        .as(((OpenResult.Rejected) result).detail())
        .isEqualTo(reason);
  }

  @Test
  void everyTruncationOfASealedNoticeIsMalformedCms() {
    byte[] sealed = sealed();
    NoticeOpener opener = FX.opener();
    for (int length = 1; length < sealed.length; length++) {
      byte[] cut = Arrays.copyOf(sealed, length);
      OpenResult result =
          opener.open(
              cut, FX.keys(SealingFixture.TH), FX.validator(), Optional.empty(), Instant.now());
      assertThat(result)
          .as("truncated to %d bytes", length)
          .isInstanceOf(OpenResult.Rejected.class);
      assertThat(((OpenResult.Rejected) result).reason())
          .as("truncated to %d bytes", length)
          .isEqualTo(RejectReason.MALFORMED_CMS);
    }
  }

  @Test
  void liaisonsOwnOutputTakesTheFastPathWithoutNormalising() throws Exception {
    byte[] sealed = sealed();
    byte[] signed = FX.decrypt(sealed, SealingFixture.TH);
    DerReader.validate(sealed, 0, sealed.length);
    DerReader.validate(signed, 0, signed.length);
  }

  @Test
  void anEnvelopeInIndefiniteLengthFormOpensThroughNormalisation() {
    byte[] ber = indefinite(sealed());
    assertThatThrownBy(() -> DerReader.validate(ber, 0, ber.length)).isInstanceOf(NotDer.class);
    assertThat(FX.open(ber, SealingFixture.TH)).isInstanceOf(OpenResult.Opened.class);
  }

  @Test
  void aSignedDataInIndefiniteLengthFormOpensThroughNormalisation() throws Exception {
    byte[] ber = indefinite(FX.decrypt(sealed(), SealingFixture.TH));
    assertThatThrownBy(() -> DerReader.validate(ber, 0, ber.length)).isInstanceOf(NotDer.class);
    OpenResult result =
        FX.open(FX.encrypt(ber, FX.encryption(SealingFixture.TH)), SealingFixture.TH);
    assertThat(result).isInstanceOf(OpenResult.Opened.class);
  }

  @Test
  void trailingBytesAfterTheSignedDataAreRefused() throws Exception {
    byte[] signed = FX.decrypt(sealed(), SealingFixture.TH);
    byte[] trailing = Arrays.copyOf(signed, signed.length + 1);
    assertRejected(
        FX.open(FX.encrypt(trailing, FX.encryption(SealingFixture.TH)), SealingFixture.TH),
        RejectReason.MALFORMED_SIGNED_DATA);
  }

  @Test
  void signedAttributesOutOfDerOrderAreVerifiedOverTheirDerEncodingAsBefore() throws Exception {
    byte[] signed = FX.decrypt(sealed(), SealingFixture.TH);
    byte[] reordered = reverseSignedAttributes(signed);
    assertThat(reordered).isNotEqualTo(signed);
    OpenResult result =
        FX.open(FX.encrypt(reordered, FX.encryption(SealingFixture.TH)), SealingFixture.TH);
    assertThat(result).isInstanceOf(OpenResult.Opened.class);
  }

  @Test
  void aNoticeSignedByBouncyCastlesGeneratorOpens() throws Exception {
    assertThat(openBcSigned(new Hashtable<>(), null)).isInstanceOf(OpenResult.Opened.class);
  }

  @Test
  void aContentTypeAttributeOtherThanTheEContentTypeIsABadSignature() throws Exception {
    Hashtable<ASN1Encodable, Attribute> signed = new Hashtable<>();
    signed.put(
        CMSAttributes.contentType,
        new Attribute(CMSAttributes.contentType, new DERSet(CMSObjectIdentifiers.signedData)));
    assertRejected(openBcSigned(signed, null), RejectReason.BAD_SIGNATURE);
  }

  @Test
  void aSigningTimeAlsoSentUnsignedIsABadSignature() throws Exception {
    Hashtable<ASN1Encodable, Attribute> unsigned = new Hashtable<>();
    unsigned.put(
        CMSAttributes.signingTime,
        new Attribute(CMSAttributes.signingTime, new DERSet(new Time(new Date()))));
    assertRejected(openBcSigned(new Hashtable<>(), unsigned), RejectReason.BAD_SIGNATURE);
  }

  @Test
  void aSignedCountersignatureIsABadSignature() throws Exception {
    Hashtable<ASN1Encodable, Attribute> signed = new Hashtable<>();
    signed.put(
        CMSAttributes.counterSignature,
        new Attribute(CMSAttributes.counterSignature, new DERSet(CMSObjectIdentifiers.data)));
    assertRejected(openBcSigned(signed, null), RejectReason.BAD_SIGNATURE);
  }

  @Test
  void anEmptyUnsignedCountersignatureIsABadSignature() throws Exception {
    Hashtable<ASN1Encodable, Attribute> unsigned = new Hashtable<>();
    unsigned.put(
        CMSAttributes.counterSignature,
        new Attribute(CMSAttributes.counterSignature, new DERSet()));
    assertRejected(openBcSigned(new Hashtable<>(), unsigned), RejectReason.BAD_SIGNATURE);
  }

  @Test
  void anUnreadableUnsignedAttributeIsABadSignatureAsBefore() throws Exception {
    // Bouncy Castle parsed the unsigned attributes only when it verified: a broken one (here a
    // SEQUENCE where the SET of values belongs) came out as a bad signature, not as structure.
    Hashtable<ASN1Encodable, Attribute> unsigned = new Hashtable<>();
    unsigned.put(
        CMSObjectIdentifiers.data,
        new Attribute(CMSObjectIdentifiers.data, new DERSet(CMSObjectIdentifiers.data)));
    byte[] signed = DerReader.normalise(bcSigned(new Hashtable<>(), unsigned));
    DerReader info = signerInfo(signed);
    info.next(DerReader.SEQUENCE);
    info.next(DerReader.OCTET_STRING);
    DerReader attribute = info.next(0xA1).reader().next(DerReader.SEQUENCE).reader();
    attribute.next(DerReader.OID);
    Tlv values = attribute.next(DerReader.SET);
    signed[values.start()] = DerReader.SEQUENCE;
    assertRejected(
        FX.open(FX.encrypt(signed, FX.encryption(SealingFixture.TH)), SealingFixture.TH),
        RejectReason.BAD_SIGNATURE);
  }

  /** Signs a notice with Bouncy Castle's own generator, with extra attributes, and seals it. */
  private static OpenResult openBcSigned(
      Hashtable<ASN1Encodable, Attribute> signed, Hashtable<ASN1Encodable, Attribute> unsigned)
      throws Exception {
    byte[] bytes = bcSigned(signed, unsigned);
    return FX.open(FX.encrypt(bytes, FX.encryption(SealingFixture.TH)), SealingFixture.TH);
  }

  /** A notice signed with Bouncy Castle's own generator, with extra attributes. */
  private static byte[] bcSigned(
      Hashtable<ASN1Encodable, Attribute> signed, Hashtable<ASN1Encodable, Attribute> unsigned)
      throws Exception {
    PrivateKeyHandle signer = FX.signing(SealingFixture.NL);
    JcaSignerInfoGeneratorBuilder builder =
        new JcaSignerInfoGeneratorBuilder(
            new JcaDigestCalculatorProviderBuilder()
                .setProvider(CryptoProviders.bouncyCastle())
                .build());
    builder.setSignedAttributeGenerator(
        new DefaultSignedAttributeTableGenerator(new AttributeTable(signed)));
    if (unsigned != null) {
      builder.setUnsignedAttributeGenerator(
          new SimpleAttributeTableGenerator(new AttributeTable(unsigned)));
    }
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(
        builder.build(
            new JcaContentSignerBuilder("SHA256withECDSA")
                .setProvider(CryptoProviders.bouncyCastle())
                .build(signer.privateKey()),
            signer.certificate()));
    generator.addCertificates(new JcaCertStore(signer.chain()));
    byte[] content =
        AvroCodec.caseNotices()
            .encode(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build());
    return generator.generate(new CMSProcessableByteArray(content), true).getEncoded();
  }

  /** A reader over the one SignerInfo, positioned after its signed attributes. */
  private static DerReader signerInfo(byte[] signedData) throws Exception {
    DerReader ci = new DerReader(signedData).next(DerReader.SEQUENCE).reader();
    ci.next(DerReader.OID);
    DerReader body = ci.next(0xA0).reader().next(DerReader.SEQUENCE).reader();
    body.next(DerReader.INTEGER);
    body.next(DerReader.SET);
    body.next(DerReader.SEQUENCE);
    body.optional(0xA0);
    body.optional(0xA1);
    DerReader info = body.next(DerReader.SET).reader().next(DerReader.SEQUENCE).reader();
    info.next(DerReader.INTEGER);
    info.next();
    info.next(DerReader.SEQUENCE);
    info.optional(0xA0);
    return info;
  }

  /** The outermost TLV re-written with an indefinite length (valid BER, as OpenSSL streams). */
  private static byte[] indefinite(byte[] der) {
    try {
      Tlv outer = new DerReader(der).next();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(der[0]);
      out.write(0x80);
      out.write(der, outer.valueStart(), outer.length());
      out.write(0);
      out.write(0);
      return out.toByteArray();
    } catch (DerReader.Malformed | NotDer e) {
      throw new AssertionError(e);
    }
  }

  /** The SignedData with the signed attributes of its SignerInfo in reverse order. */
  private static byte[] reverseSignedAttributes(byte[] signedData) throws Exception {
    DerReader ci = new DerReader(signedData).next(DerReader.SEQUENCE).reader();
    ci.next(DerReader.OID);
    DerReader body = ci.next(0xA0).reader().next(DerReader.SEQUENCE).reader();
    body.next(DerReader.INTEGER);
    body.next(DerReader.SET);
    body.next(DerReader.SEQUENCE);
    body.optional(0xA0);
    body.optional(0xA1);
    DerReader info = body.next(DerReader.SET).reader().next(DerReader.SEQUENCE).reader();
    info.next(DerReader.INTEGER);
    info.next();
    info.next(DerReader.SEQUENCE);
    Tlv attributes = info.next(0xA0);
    List<Tlv> each = new ArrayList<>();
    DerReader r = attributes.reader();
    while (r.hasMore()) {
      each.add(r.next());
    }
    Collections.reverse(each);
    byte[] out = signedData.clone();
    int at = attributes.valueStart();
    for (Tlv t : each) {
      System.arraycopy(signedData, t.start(), out, at, t.end() - t.start());
      at += t.end() - t.start();
    }
    return out;
  }
}
