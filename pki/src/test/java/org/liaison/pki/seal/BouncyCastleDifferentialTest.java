package org.liaison.pki.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
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
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Selector;
import org.junit.jupiter.api.Test;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.keys.PrivateKeyHandle;

/**
 * Liaison's CMS reader against Bouncy Castle's stock CMS classes, on the same mutated inputs: the
 * envelope ({@link EnvelopeOpener} against {@code CMSAuthEnvelopedData} with {@code
 * JceKeyAgreeAuthEnvelopedRecipient}) and the SignedData ({@link SignatureVerifier} against {@code
 * CMSSignedData.verifySignatures} with a {@code SignerInformationVerifier} for the included
 * certificate). Any input one accepts and the other refuses fails the test, but for the differences
 * listed in {@link #allowedEnvelopeDifference} and {@link #allowedSignedDifference}, each where
 * Liaison is stricter on purpose and each confirmed from Bouncy Castle's own parse of the input,
 * not from Liaison's answer. Where both accept, the content must be the same.
 *
 * <p>Inputs: a notice sealed afresh (so no key is committed), damaged by seeded random byte flips,
 * truncations, insertions and deletions over the whole DER, and by structure-aware changes (tag,
 * nonce and mac lengths, signer count, algorithm identifiers, attributes), plus envelopes and
 * signatures that are genuine with parameters Liaison's policy does not allow. The seed is fixed,
 * so the damage is the same at every run; the keys and the nonce differ.
 */
class BouncyCastleDifferentialTest {

  private static final long SEED = 0x13_07L;
  private static final int RANDOM_INPUTS = 1200;

  private final ProviderChoice providers = ProviderChoice.select();
  private final SealingFixture fx = SealingFixture.ec(providers);
  private final PrivateKeyHandle th = fx.kit.unit(SealingFixture.TH).encryption();

  /** One side's answer: the content it accepted, or why it refused. */
  private record Outcome(byte[] content, RejectReason reason, String detail) {
    boolean accepted() {
      return content != null;
    }

    static Outcome refused(RejectReason reason, String detail) {
      return new Outcome(null, reason, detail);
    }

    static Outcome accepted(byte[] content) {
      return new Outcome(content, null, null);
    }
  }

  /** A named input. */
  private record Input(String name, byte[] bytes) {}

  /** What the run saw, for the assertions and for the report. */
  private static final class Tally {
    final Map<String, Integer> counts = new TreeMap<>();
    final List<String> disagreements = new ArrayList<>();

    void count(String what) {
      counts.merge(what, 1, Integer::sum);
    }

    int get(String what) {
      return counts.getOrDefault(what, 0);
    }
  }

  // ---- the envelope ----

  @Test
  void envelopeReadingAgreesWithBouncyCastle() throws Exception {
    byte[] sealed = fx.seal(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build());
    byte[] signed = fx.decrypt(sealed, SealingFixture.TH);
    List<Input> inputs = new ArrayList<>();
    inputs.add(new Input("untouched", sealed));
    inputs.addAll(structuralEnvelopes(sealed, signed));
    inputs.addAll(randomMutations(sealed, new Random(SEED)));

    EnvelopeOpener opener =
        new EnvelopeOpener(providers, OpeningPolicy.defaults().maxSealedBytes());
    Tally tally = new Tally();
    long start = System.nanoTime();
    for (Input input : inputs) {
      Outcome liaison = liaisonEnvelope(opener, input.bytes());
      Outcome stock = stockEnvelope(input.bytes());
      compare(input, liaison, stock, tally, this::allowedEnvelopeDifference);
    }
    report("envelope", inputs.size(), start, tally);

    assertThat(tally.disagreements).isEmpty();
    assertThat(tally.get("both accept")).isGreaterThanOrEqualTo(3);
    // The structure-aware inputs reach each allowed difference, so none of them is dead code.
    assertThat(tally.get("allowed: content algorithm off the allow-list")).isPositive();
    assertThat(tally.get("allowed: mac not the declared ICV length")).isPositive();
  }

  private Outcome liaisonEnvelope(EnvelopeOpener opener, byte[] input) {
    try {
      return Outcome.accepted(
          opener.open(input, th.certificate(), th.privateKey(), providers.asymmetric()).content());
    } catch (Refusal r) {
      return Outcome.refused(r.reason(), r.getMessage());
    }
  }

  private Outcome stockEnvelope(byte[] input) {
    try {
      CMSAuthEnvelopedData envelope = new CMSAuthEnvelopedData(input);
      X509CertificateHolder mine = new X509CertificateHolder(th.certificate().getEncoded());
      for (RecipientInformation recipient : envelope.getRecipientInfos().getRecipients()) {
        if (recipient.getRID().match(mine)) {
          return Outcome.accepted(
              recipient.getContent(
                  new JceKeyAgreeAuthEnvelopedRecipient(th.privateKey())
                      .setProvider(CryptoProviders.bouncyCastle())));
        }
      }
      return Outcome.refused(null, "no recipient");
    } catch (Exception | AssertionError e) {
      return Outcome.refused(null, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /**
   * Where Liaison refuses an envelope Bouncy Castle decrypts, on purpose:
   *
   * <ul>
   *   <li>an algorithm off the allow-list (AES-256-GCM with a 16-byte tag and a 12-byte nonce, ECDH
   *       with a SHA-2 KDF and AES-256 key wrap): Bouncy Castle runs whatever it can;
   *   <li>a mac of another length than the declared ICV: Bouncy Castle 1.87 still appends the mac
   *       to the ciphertext unchecked, so an envelope whose boundary between the two is moved
   *       decrypts the same there (the inputs "mac boundary" show it); Liaison refuses it.
   * </ul>
   *
   * <p>The key-management case is not reached by these inputs (a changed KDF or key wrap makes
   * Bouncy Castle's unwrap fail too), but a genuine SHA-1 KDF envelope would reach it.
   */
  private String allowedEnvelopeDifference(byte[] input, Outcome liaison) {
    AuthEnvelopedData envelope;
    try {
      envelope = envelopeOf(input);
    } catch (RuntimeException e) {
      return null;
    }
    EncryptedContentInfo info = envelope.getAuthEncryptedContentInfo();
    AlgorithmIdentifier content = info.getContentEncryptionAlgorithm();
    GCMParameters gcm = gcmParameters(content);
    if (liaison.reason() == RejectReason.ALGORITHM_NOT_ALLOWED) {
      if (!CMSAlgorithm.AES256_GCM.equals(content.getAlgorithm())
          || gcm == null
          || gcm.getIcvLen() != 16
          || gcm.getNonce().length != 12) {
        return "content algorithm off the allow-list";
      }
      return keyManagementAllowed(envelope) ? null : "key management off the allow-list";
    }
    if (liaison.reason() == RejectReason.MALFORMED_CMS
        && gcm != null
        && envelope.getMac().getOctets().length != gcm.getIcvLen()) {
      return "mac not the declared ICV length";
    }
    return null;
  }

  private static GCMParameters gcmParameters(AlgorithmIdentifier algorithm) {
    try {
      return GCMParameters.getInstance(algorithm.getParameters());
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The first KeyAgreeRecipientInfo's algorithms (every one carries the same in these inputs). */
  private static boolean keyManagementAllowed(AuthEnvelopedData envelope) {
    for (int i = 0; i < envelope.getRecipientInfos().size(); i++) {
      RecipientInfo info = RecipientInfo.getInstance(envelope.getRecipientInfos().getObjectAt(i));
      if (info.getInfo() instanceof KeyAgreeRecipientInfo agree) {
        AlgorithmIdentifier algorithm = agree.getKeyEncryptionAlgorithm();
        Set<ASN1ObjectIdentifier> kdfs =
            Set.of(
                CMSAlgorithm.ECDH_SHA256KDF,
                CMSAlgorithm.ECDH_SHA384KDF,
                CMSAlgorithm.ECDH_SHA512KDF);
        AlgorithmIdentifier wrap;
        try {
          wrap = AlgorithmIdentifier.getInstance(algorithm.getParameters());
        } catch (RuntimeException e) {
          return false;
        }
        return kdfs.contains(algorithm.getAlgorithm())
            && wrap != null
            && CMSAlgorithm.AES256_WRAP.equals(wrap.getAlgorithm());
      }
    }
    return true;
  }

  private List<Input> structuralEnvelopes(byte[] sealed, byte[] signed) throws Exception {
    List<Input> out = new ArrayList<>();
    X509Certificate me = th.certificate();
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

  private static AuthEnvelopedData envelopeOf(byte[] sealed) {
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

  // ---- the SignedData ----

  @Test
  void signedDataReadingAgreesWithBouncyCastle() throws Exception {
    byte[] sealed = fx.seal(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build());
    byte[] signed = fx.decrypt(sealed, SealingFixture.TH);
    List<Input> inputs = new ArrayList<>();
    inputs.add(new Input("untouched", signed));
    inputs.addAll(structuralSignedData(signed));
    inputs.addAll(randomMutations(signed, new Random(SEED + 1)));

    SignatureVerifier verifier = new SignatureVerifier(providers);
    Tally tally = new Tally();
    long start = System.nanoTime();
    for (Input input : inputs) {
      Outcome liaison = liaisonSignedData(verifier, input.bytes());
      Outcome stock = stockSignedData(input.bytes());
      compare(input, liaison, stock, tally, this::allowedSignedDifference);
    }
    report("SignedData", inputs.size(), start, tally);

    assertThat(tally.disagreements).isEmpty();
    assertThat(tally.get("both accept")).isGreaterThanOrEqualTo(3);
    assertThat(tally.get("allowed: signer count not one")).isPositive();
    assertThat(tally.get("allowed: algorithm off the allow-list")).isPositive();
    assertThat(tally.get("allowed: signed attributes missing")).isPositive();
  }

  private static Outcome liaisonSignedData(SignatureVerifier verifier, byte[] input) {
    try {
      return Outcome.accepted(verifier.verify(input).content());
    } catch (Refusal r) {
      return Outcome.refused(r.reason(), r.getMessage());
    }
  }

  /** Bouncy Castle's own verification: every SignerInfo against its included certificate. */
  private static Outcome stockSignedData(byte[] input) {
    try {
      CMSSignedData signedData = new CMSSignedData(input);
      boolean valid =
          signedData.verifySignatures(
              sid -> {
                @SuppressWarnings("unchecked")
                Selector<X509CertificateHolder> selector = (Selector<X509CertificateHolder>) sid;
                for (X509CertificateHolder holder :
                    signedData.getCertificates().getMatches(selector)) {
                  return verifierFor(holder);
                }
                throw new OperatorCreationException("no certificate for the signer");
              });
      if (!valid) {
        return Outcome.refused(null, "verifySignatures: false");
      }
      return Outcome.accepted((byte[]) signedData.getSignedContent().getContent());
    } catch (Exception | AssertionError e) {
      return Outcome.refused(null, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static SignerInformationVerifier verifierFor(X509CertificateHolder holder)
      throws OperatorCreationException {
    try {
      return new JcaSimpleSignerInfoVerifierBuilder()
          .setProvider(CryptoProviders.bouncyCastle())
          .build(holder);
    } catch (CertificateException e) {
      throw new OperatorCreationException(e.getMessage(), e);
    }
  }

  /**
   * Where Liaison refuses a SignedData Bouncy Castle verifies, on purpose:
   *
   * <ul>
   *   <li>not exactly one SignerInfo: a notice has one signer, its originator. With none, Bouncy
   *       Castle's {@code verifySignatures} verifies nothing and answers true (the case its 2026
   *       fix is about), so this difference is the check, kept;
   *   <li>no encapsulated content of type id-data: the notice travels inside;
   *   <li>an included certificate the JDK's certificate parser refuses (see {@link
   *       #everyCertificateReadsInTheJdk});
   *   <li>a digest, signature or key off the allow-list (SHA-1, other curves);
   *   <li>signed attributes absent, or without content type, message digest or signing time: the
   *       signing time is what the certificate is validated at.
   * </ul>
   *
   * <p>With no SignerInfo at all both refuse: Bouncy Castle 1.87's {@code verifySignatures} has the
   * 2026 fix ("no signers present"), and Liaison requires exactly one.
   */
  private String allowedSignedDifference(byte[] input, Outcome liaison) {
    CMSSignedData signedData;
    try {
      signedData = new CMSSignedData(input);
    } catch (Exception e) {
      return null;
    }
    List<SignerInformation> signers = new ArrayList<>(signedData.getSignerInfos().getSigners());
    if (liaison.reason() == RejectReason.MALFORMED_SIGNED_DATA) {
      if (signers.size() != 1) {
        return "signer count not one";
      }
      if (!everyCertificateReadsInTheJdk(signedData)) {
        return "a certificate the JDK cannot read";
      }
      if (!CMSObjectIdentifiers.data.equals(
              signedData.getSignedContentTypeOID() == null
                  ? null
                  : new ASN1ObjectIdentifier(signedData.getSignedContentTypeOID()))
          || signedData.getSignedContent() == null) {
        return "no encapsulated id-data";
      }
      return null;
    }
    if (signers.size() != 1) {
      return null;
    }
    SignerInformation signer = signers.get(0);
    if (liaison.reason() == RejectReason.ALGORITHM_NOT_ALLOWED) {
      Set<String> digests =
          Set.of(
              NISTObjectIdentifiers.id_sha256.getId(),
              NISTObjectIdentifiers.id_sha384.getId(),
              NISTObjectIdentifiers.id_sha512.getId());
      Set<String> signatures =
          Set.of(
              X9ObjectIdentifiers.ecdsa_with_SHA256.getId(),
              X9ObjectIdentifiers.ecdsa_with_SHA384.getId(),
              X9ObjectIdentifiers.ecdsa_with_SHA512.getId());
      return !digests.contains(signer.getDigestAlgOID())
              || !signatures.contains(signer.getEncryptionAlgOID())
              || !signerKeyOnAllowedCurve(signedData, signer)
          ? "algorithm off the allow-list"
          : null;
    }
    if (liaison.reason() == RejectReason.SIGNED_ATTRIBUTES_MISSING) {
      AttributeTable attributes = signer.getSignedAttributes();
      return attributes == null
              || attributes.get(CMSAttributes.contentType) == null
              || attributes.get(CMSAttributes.messageDigest) == null
              || attributes.get(CMSAttributes.signingTime) == null
          ? "signed attributes missing"
          : null;
    }
    return null;
  }

  /**
   * Liaison converts every included certificate to the JDK's form, which the path validator takes;
   * Bouncy Castle's verifier reads only the signer's public key and so takes a damaged CA
   * certificate, or damage in a part of the signer's that the signature does not depend on.
   */
  private static boolean everyCertificateReadsInTheJdk(CMSSignedData signedData) {
    try {
      CertificateFactory factory =
          CertificateFactory.getInstance("X.509", CryptoProviders.certificates());
      for (X509CertificateHolder holder : signedData.getCertificates().getMatches(null)) {
        factory.generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
      }
      return true;
    } catch (CertificateException | IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean signerKeyOnAllowedCurve(
      CMSSignedData signedData, SignerInformation signer) {
    @SuppressWarnings("unchecked")
    Selector<X509CertificateHolder> selector = (Selector<X509CertificateHolder>) signer.getSID();
    for (X509CertificateHolder holder : signedData.getCertificates().getMatches(selector)) {
      Object curve = holder.getSubjectPublicKeyInfo().getAlgorithm().getParameters();
      return SECObjectIdentifiers.secp256r1.equals(curve)
          || SECObjectIdentifiers.secp384r1.equals(curve);
    }
    return false;
  }

  private List<Input> structuralSignedData(byte[] signed) throws Exception {
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

  // ---- shared ----

  /** Random damage anywhere in the DER: flips, truncations, insertions, deletions, repeats. */
  private static List<Input> randomMutations(byte[] original, Random random) {
    List<Input> out = new ArrayList<>(RANDOM_INPUTS);
    for (int i = 0; i < RANDOM_INPUTS; i++) {
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

  private interface Allowance {
    String why(byte[] input, Outcome liaison) throws Exception;
  }

  private static void compare(
      Input input, Outcome liaison, Outcome stock, Tally tally, Allowance allowance)
      throws Exception {
    if (liaison.accepted() && stock.accepted()) {
      tally.count("both accept");
      if (!Arrays.equals(liaison.content(), stock.content())) {
        tally.disagreements.add(input.name() + ": both accept, different content");
      }
    } else if (!liaison.accepted() && !stock.accepted()) {
      tally.count("both refuse");
    } else if (stock.accepted()) {
      String why = allowance.why(input.bytes(), liaison);
      if (why == null) {
        tally.disagreements.add(
            input.name()
                + ": Bouncy Castle accepts, Liaison refuses "
                + liaison.reason()
                + " ("
                + liaison.detail()
                + ")");
      } else {
        tally.count("allowed: " + why);
      }
    } else {
      tally.disagreements.add(
          input.name() + ": Liaison accepts, Bouncy Castle refuses (" + stock.detail() + ")");
    }
  }

  private static void report(String what, int inputs, long start, Tally tally) {
    System.out.printf(
        "differential %s: %d inputs in %d ms, %s, %d disagreements%s%n",
        what,
        inputs,
        (System.nanoTime() - start) / 1_000_000,
        tally.counts,
        tally.disagreements.size(),
        tally.disagreements.isEmpty() ? "" : ": " + tally.disagreements);
  }
}
