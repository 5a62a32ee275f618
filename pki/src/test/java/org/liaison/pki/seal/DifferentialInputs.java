package org.liaison.pki.seal;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.keys.PrivateKeyHandle;

/**
 * The inputs of {@link BouncyCastleDifferentialTest}: seeded random damage over the DER of a notice
 * sealed afresh, and structure-aware changes to its envelope and its SignedData, built with Bouncy
 * Castle's ASN.1 types and generators.
 */
final class DifferentialInputs {

  /** A named input. */
  record Input(String name, byte[] bytes) {}

  private final SealingFixture fx;

  DifferentialInputs(SealingFixture fx) {
    this.fx = fx;
  }

  /** Changes to the envelope's structure, and genuine envelopes with other parameters. */
  List<Input> structuralEnvelopes(byte[] sealed, byte[] signed) throws Exception {
    List<Input> out = new ArrayList<>();
    X509Certificate me = fx.encryption(SealingFixture.TH);
    byte[] nonce =
        gcmParameters(
                envelopeOf(sealed).getAuthEncryptedContentInfo().getContentEncryptionAlgorithm())
            .getNonce();
    // aes-ICVlen declared otherwise, the mac as it is or cut to match
    for (int icv : new int[] {4, 8, 12, 13, 15, 17}) {
      AlgorithmIdentifier changed = gcm(CMSAlgorithm.AES256_GCM, nonce, icv);
      byte[] swapped = Tamper.swapContentAlgorithm(sealed, changed);
      out.add(new Input("icv " + icv, swapped));
      byte[] mac = GcmLengthAndSignerCountTest.mac(sealed);
      out.add(
          new Input(
              "icv " + icv + " mac cut",
              GcmLengthAndSignerCountTest.withMac(swapped, Arrays.copyOf(mac, Math.min(icv, 16)))));
    }
    // the nonce lengthened or shortened (the tag then fails), and genuine other lengths
    for (int length : new int[] {0, 1, 8, 11, 13, 16}) {
      AlgorithmIdentifier changed = gcm(CMSAlgorithm.AES256_GCM, Arrays.copyOf(nonce, length), 16);
      out.add(new Input("nonce " + length, Tamper.swapContentAlgorithm(sealed, changed)));
    }
    for (int[] lengths : new int[][] {{8, 16}, {16, 16}, {12, 12}, {12, 16}, {16, 13}}) {
      out.add(
          new Input(
              "genuine nonce " + lengths[0] + " tag " + lengths[1],
              ChosenGcmEnvelope.encrypt(signed, me, lengths[0], lengths[1])));
    }
    // genuine key management off the allow-list
    out.add(
        new Input(
            "genuine SHA-1 KDF",
            ChosenGcmEnvelope.encrypt(
                signed, me, 12, 16, CMSAlgorithm.ECDH_SHA1KDF, CMSAlgorithm.AES256_WRAP)));
    out.add(
        new Input(
            "genuine AES-128 wrap",
            ChosenGcmEnvelope.encrypt(
                signed, me, 12, 16, CMSAlgorithm.ECDH_SHA256KDF, CMSAlgorithm.AES128_WRAP)));
    // the boundary between ciphertext and mac moved, and the mac cut or grown
    for (int moved : new int[] {-4, -1, 1, 4, 16}) {
      out.add(
          new Input(
              "mac boundary " + moved,
              GcmLengthAndSignerCountTest.moveMacBytesToCiphertext(sealed, moved)));
    }
    byte[] mac = GcmLengthAndSignerCountTest.mac(sealed);
    out.add(
        new Input("mac 12", GcmLengthAndSignerCountTest.withMac(sealed, Arrays.copyOf(mac, 12))));
    out.add(
        new Input("mac 17", GcmLengthAndSignerCountTest.withMac(sealed, Arrays.copyOf(mac, 17))));
    // other content algorithms with the same key and parameters
    for (ASN1ObjectIdentifier algorithm :
        List.of(
            NISTObjectIdentifiers.id_aes128_GCM,
            NISTObjectIdentifiers.id_aes192_GCM,
            NISTObjectIdentifiers.id_aes256_CCM,
            NISTObjectIdentifiers.id_aes256_CBC)) {
      out.add(
          new Input(
              "content " + algorithm,
              Tamper.swapContentAlgorithm(sealed, gcm(algorithm, nonce, 16))));
    }
    // the key agreement's algorithms, the originator's key algorithm
    for (ASN1ObjectIdentifier kdf :
        List.of(
            CMSAlgorithm.ECDH_SHA1KDF, CMSAlgorithm.ECDH_SHA384KDF, CMSAlgorithm.ECDH_SHA256KDF)) {
      for (ASN1ObjectIdentifier wrap :
          List.of(CMSAlgorithm.AES256_WRAP, CMSAlgorithm.AES128_WRAP)) {
        out.add(
            new Input(
                "key agreement " + kdf + " " + wrap,
                rewriteAgreement(
                    sealed,
                    k ->
                        new KeyAgreeRecipientInfo(
                            k.getOriginator(),
                            k.getUserKeyingMaterial(),
                            new AlgorithmIdentifier(kdf, new AlgorithmIdentifier(wrap)),
                            k.getRecipientEncryptedKeys()))));
      }
    }
    out.add(
        new Input(
            "with ukm",
            rewriteAgreement(
                sealed,
                k ->
                    new KeyAgreeRecipientInfo(
                        k.getOriginator(),
                        new DEROctetString(new byte[8]),
                        k.getKeyEncryptionAlgorithm(),
                        k.getRecipientEncryptedKeys()))));
    // RecipientInfos: none, ours twice
    out.add(new Input("no RecipientInfo", withoutRecipientInfos(sealed)));
    out.add(new Input("RecipientInfos twice", rewriteRecipients(sealed, 2)));
    // authenticated and unauthenticated attributes, the inner content type
    Attribute extra =
        new Attribute(CMSAttributes.contentHint, new DERSet(new DERUTF8String("differential")));
    out.add(
        new Input(
            "unauthAttrs added",
            Tamper.rewriteEnvelope(
                sealed,
                e ->
                    new AuthEnvelopedData(
                        e.getOriginatorInfo(),
                        e.getRecipientInfos(),
                        e.getAuthEncryptedContentInfo(),
                        e.getAuthAttrs(),
                        e.getMac(),
                        new DERSet(extra)))));
    out.add(
        new Input(
            "authAttrs replaced",
            Tamper.rewriteEnvelope(
                sealed,
                e ->
                    new AuthEnvelopedData(
                        e.getOriginatorInfo(),
                        e.getRecipientInfos(),
                        e.getAuthEncryptedContentInfo(),
                        new DERSet(extra),
                        e.getMac(),
                        e.getUnauthAttrs()))));
    // another inner content type needs authAttrs (RFC 5083), which change the tag's input
    out.add(
        new Input(
            "inner type SignedData",
            Tamper.rewriteEnvelope(
                sealed,
                e -> {
                  EncryptedContentInfo i = e.getAuthEncryptedContentInfo();
                  return new AuthEnvelopedData(
                      e.getOriginatorInfo(),
                      e.getRecipientInfos(),
                      new EncryptedContentInfo(
                          CMSObjectIdentifiers.signedData,
                          i.getContentEncryptionAlgorithm(),
                          i.getEncryptedContent()),
                      new DERSet(extra),
                      e.getMac(),
                      e.getUnauthAttrs());
                })));
    // the ContentInfo's type
    for (ASN1ObjectIdentifier type :
        List.of(CMSObjectIdentifiers.envelopedData, CMSObjectIdentifiers.data)) {
      out.add(
          new Input(
              "ContentInfo type " + type,
              new ContentInfo(type, envelopeOf(sealed)).getEncoded(ASN1Encoding.DER)));
    }
    out.add(new Input("trailing byte", Arrays.copyOf(sealed, sealed.length + 1)));
    return out;
  }

  private static AlgorithmIdentifier gcm(ASN1ObjectIdentifier algorithm, byte[] nonce, int icv) {
    ASN1EncodableVector parameters = new ASN1EncodableVector();
    parameters.add(new DEROctetString(nonce));
    if (icv != 12) {
      parameters.add(new ASN1Integer(icv));
    }
    return new AlgorithmIdentifier(algorithm, new DERSequence(parameters));
  }

  static AuthEnvelopedData envelopeOf(byte[] sealed) {
    return AuthEnvelopedData.getInstance(ContentInfo.getInstance(sealed).getContent());
  }

  private static byte[] rewriteAgreement(
      byte[] sealed, Function<KeyAgreeRecipientInfo, KeyAgreeRecipientInfo> change)
      throws IOException {
    return Tamper.rewriteEnvelope(
        sealed,
        e -> {
          ASN1EncodableVector infos = new ASN1EncodableVector();
          for (int i = 0; i < e.getRecipientInfos().size(); i++) {
            RecipientInfo info = RecipientInfo.getInstance(e.getRecipientInfos().getObjectAt(i));
            infos.add(
                info.getInfo() instanceof KeyAgreeRecipientInfo agree
                    ? new RecipientInfo(change.apply(agree))
                    : info);
          }
          return new AuthEnvelopedData(
              e.getOriginatorInfo(),
              new DERSet(infos),
              e.getAuthEncryptedContentInfo(),
              e.getAuthAttrs(),
              e.getMac(),
              e.getUnauthAttrs());
        });
  }

  /** Built by hand: Bouncy Castle's AuthEnvelopedData will not hold an empty set. */
  private static byte[] withoutRecipientInfos(byte[] sealed) throws IOException {
    AuthEnvelopedData e = envelopeOf(sealed);
    ASN1EncodableVector fields = new ASN1EncodableVector();
    fields.add(new ASN1Integer(0));
    fields.add(new DERSet());
    fields.add(e.getAuthEncryptedContentInfo());
    if (e.getAuthAttrs() != null) {
      fields.add(new DERTaggedObject(false, 1, e.getAuthAttrs()));
    }
    fields.add(e.getMac());
    return new DERSequence(
            new ASN1Encodable[] {
              CMSObjectIdentifiers.authEnvelopedData,
              new DERTaggedObject(true, 0, new DERSequence(fields))
            })
        .getEncoded(ASN1Encoding.DER);
  }

  private static byte[] rewriteRecipients(byte[] sealed, int copies) throws IOException {
    return Tamper.rewriteEnvelope(
        sealed,
        e -> {
          ASN1EncodableVector infos = new ASN1EncodableVector();
          for (int c = 0; c < copies; c++) {
            for (int i = 0; i < e.getRecipientInfos().size(); i++) {
              infos.add(e.getRecipientInfos().getObjectAt(i));
            }
          }
          return new AuthEnvelopedData(
              e.getOriginatorInfo(),
              new DERSet(infos),
              e.getAuthEncryptedContentInfo(),
              e.getAuthAttrs(),
              e.getMac(),
              e.getUnauthAttrs());
        });
  }

  /** Changes to the SignedData's structure, and genuine signatures made otherwise. */
  List<Input> structuralSignedData(byte[] signed) throws Exception {
    List<Input> out = new ArrayList<>();
    for (int count : new int[] {0, 2, 3}) {
      out.add(
          new Input(
              count + " SignerInfos", GcmLengthAndSignerCountTest.withSignerInfos(signed, count)));
    }
    PrivateKeyHandle nl = fx.signing(SealingFixture.NL);
    PrivateKeyHandle att = fx.signing(SealingFixture.ATT);
    byte[] content = (byte[]) new CMSSignedData(signed).getSignedContent().getContent();
    DefaultSignedAttributeTableGenerator standard = new DefaultSignedAttributeTableGenerator();
    CMSAttributeTableGenerator noSigningTime =
        parameters -> standard.getAttributes(parameters).remove(CMSAttributes.signingTime);
    CMSAttributeTableGenerator noContentType =
        parameters -> standard.getAttributes(parameters).remove(CMSAttributes.contentType);
    CMSAttributeTableGenerator extra =
        parameters ->
            standard
                .getAttributes(parameters)
                .add(CMSAttributes.contentHint, new DERUTF8String("differential"));
    // genuine signatures, each made by Bouncy Castle's generator
    out.add(
        new Input("BC SHA256", bcSigned(content, "SHA256withECDSA", List.of(nl), standard, true)));
    out.add(
        new Input("BC SHA384", bcSigned(content, "SHA384withECDSA", List.of(nl), standard, true)));
    out.add(new Input("BC SHA1", bcSigned(content, "SHA1withECDSA", List.of(nl), standard, true)));
    out.add(
        new Input("BC SHA224", bcSigned(content, "SHA224withECDSA", List.of(nl), standard, true)));
    out.add(
        new Input(
            "BC two signers",
            bcSigned(content, "SHA256withECDSA", List.of(nl, att), standard, true)));
    out.add(
        new Input(
            "BC no signers", bcSigned(content, "SHA256withECDSA", List.of(), standard, true)));
    out.add(
        new Input(
            "BC no signing time",
            bcSigned(content, "SHA256withECDSA", List.of(nl), noSigningTime, true)));
    out.add(
        new Input(
            "BC no content type",
            bcSigned(content, "SHA256withECDSA", List.of(nl), noContentType, true)));
    out.add(
        new Input(
            "BC extra attribute", bcSigned(content, "SHA256withECDSA", List.of(nl), extra, true)));
    out.add(
        new Input(
            "BC direct signature", bcSigned(content, "SHA256withECDSA", List.of(nl), null, true)));
    out.add(
        new Input(
            "BC detached", bcSigned(content, "SHA256withECDSA", List.of(nl), standard, false)));
    // the one SignerInfo changed: algorithms, signed and unsigned attributes
    for (AlgorithmIdentifier digest :
        List.of(
            new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha384),
            new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE),
            new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.3.14.3.2.26")))) {
      out.add(
          new Input(
              "digest " + digest.getAlgorithm(),
              Tamper.rewriteSigner(signed, s -> Tamper.withDigestAlgorithm(s, digest))));
    }
    for (ASN1ObjectIdentifier signature :
        List.of(X9ObjectIdentifiers.ecdsa_with_SHA384, X9ObjectIdentifiers.ecdsa_with_SHA1)) {
      out.add(
          new Input(
              "signature " + signature,
              Tamper.rewriteSigner(
                  signed,
                  s ->
                      new SignerInfo(
                          s.getSID(),
                          s.getDigestAlgorithm(),
                          s.getAuthenticatedAttributes(),
                          new AlgorithmIdentifier(signature),
                          s.getEncryptedDigest(),
                          s.getUnauthenticatedAttributes()))));
    }
    out.add(
        new Input(
            "no signed attributes", Tamper.rewriteSigner(signed, Tamper::withoutSignedAttributes)));
    out.add(
        new Input("signature flipped", Tamper.rewriteSigner(signed, Tamper::withFlippedSignature)));
    for (ASN1ObjectIdentifier dropped :
        List.of(CMSAttributes.signingTime, CMSAttributes.cmsAlgorithmProtect)) {
      out.add(
          new Input(
              "signed attribute dropped " + dropped,
              Tamper.rewriteSigner(signed, s -> withSignedAttributes(s, t -> t.remove(dropped)))));
    }
    for (Attribute unsigned :
        List.of(
            new Attribute(CMSAttributes.contentHint, new DERSet(new DERUTF8String("differential"))),
            new Attribute(CMSAttributes.contentType, new DERSet(CMSObjectIdentifiers.data)),
            new Attribute(CMSAttributes.counterSignature, new DERSet()))) {
      out.add(
          new Input(
              "unsigned " + unsigned.getAttrType(),
              Tamper.rewriteSigner(
                  signed,
                  s ->
                      new SignerInfo(
                          s.getSID(),
                          s.getDigestAlgorithm(),
                          s.getAuthenticatedAttributes(),
                          s.getDigestEncryptionAlgorithm(),
                          s.getEncryptedDigest(),
                          new DERSet(unsigned)))));
    }
    out.add(new Input("trailing byte", Arrays.copyOf(signed, signed.length + 1)));
    return out;
  }

  private static SignerInfo withSignedAttributes(
      SignerInfo s, java.util.function.UnaryOperator<AttributeTable> change) {
    AttributeTable table = change.apply(new AttributeTable(s.getAuthenticatedAttributes()));
    return new SignerInfo(
        s.getSID(),
        s.getDigestAlgorithm(),
        new DERSet(table.toASN1EncodableVector()),
        s.getDigestEncryptionAlgorithm(),
        s.getEncryptedDigest(),
        s.getUnauthenticatedAttributes());
  }

  private static byte[] bcSigned(
      byte[] content,
      String algorithm,
      List<PrivateKeyHandle> signers,
      CMSAttributeTableGenerator signedAttributes,
      boolean encapsulate)
      throws Exception {
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    for (PrivateKeyHandle signer : signers) {
      JcaSignerInfoGeneratorBuilder builder =
          new JcaSignerInfoGeneratorBuilder(
              new JcaDigestCalculatorProviderBuilder()
                  .setProvider(CryptoProviders.bouncyCastle())
                  .build());
      if (signedAttributes == null) {
        builder.setDirectSignature(true);
      } else {
        builder.setSignedAttributeGenerator(signedAttributes);
      }
      generator.addSignerInfoGenerator(
          builder.build(
              new JcaContentSignerBuilder(algorithm)
                  .setProvider(CryptoProviders.bouncyCastle())
                  .build(signer.privateKey()),
              signer.certificate()));
      generator.addCertificates(new JcaCertStore(signer.chain()));
    }
    return generator.generate(new CMSProcessableByteArray(content), encapsulate).getEncoded();
  }

  /** Random damage anywhere in the DER: flips, truncations, insertions, deletions, repeats. */
  static List<Input> randomMutations(byte[] original, Random random, int count) {
    List<Input> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int at = random.nextInt(original.length);
      byte[] mutated;
      String name;
      switch (i % 5) {
        case 0, 1 -> {
          mutated = original.clone();
          int flips = 1 + random.nextInt(3);
          for (int f = 0; f < flips; f++) {
            mutated[random.nextInt(mutated.length)] ^= (byte) (1 + random.nextInt(255));
          }
          name = "flip x" + flips + " #" + i;
        }
        case 2 -> {
          mutated = Arrays.copyOf(original, at);
          name = "truncate at " + at;
        }
        case 3 -> {
          int length = 1 + random.nextInt(4);
          byte[] inserted = new byte[length];
          random.nextBytes(inserted);
          mutated = splice(original, at, 0, inserted);
          name = "insert " + HexFormat.of().formatHex(inserted) + " at " + at;
        }
        default -> {
          int length = 1 + random.nextInt(Math.min(8, original.length - at));
          mutated =
              random.nextBoolean()
                  ? splice(original, at, length, new byte[0])
                  : splice(original, at, 0, Arrays.copyOfRange(original, at, at + length));
          name = "delete or repeat " + length + " at " + at;
        }
      }
      out.add(new Input(name, mutated));
    }
    return out;
  }

  private static byte[] splice(byte[] original, int at, int remove, byte[] insert) {
    byte[] out = new byte[original.length - remove + insert.length];
    System.arraycopy(original, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(original, at + remove, out, at + insert.length, original.length - at - remove);
    return out;
  }

  static GCMParameters gcmParameters(AlgorithmIdentifier algorithm) {
    try {
      return GCMParameters.getInstance(algorithm.getParameters());
    } catch (RuntimeException e) {
      return null;
    }
  }
}
