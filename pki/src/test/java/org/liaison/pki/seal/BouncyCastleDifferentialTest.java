package org.liaison.pki.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.Selector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.pki.seal.DifferentialInputs.Input;

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
 * so every run draws the same damage; positions are taken within the input, whose length can differ
 * by a byte or two between runs as the signature's encoding does, and the keys differ. The
 * allowances were explored with 25,000 random inputs a side and another seed, without a
 * disagreement; the suite keeps 1,200 a side (about a second each).
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

  private DifferentialInputs inputs() {
    return new DifferentialInputs(fx);
  }

  // ---- the envelope ----

  @Test
  void envelopeReadingAgreesWithBouncyCastle(TestReporter reporter) throws Exception {
    byte[] sealed = fx.seal(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build());
    byte[] signed = fx.decrypt(sealed, SealingFixture.TH);
    List<Input> inputs = new ArrayList<>();
    inputs.add(new Input("untouched", sealed));
    inputs.addAll(inputs().structuralEnvelopes(sealed, signed));
    inputs.addAll(DifferentialInputs.randomMutations(sealed, new Random(SEED), RANDOM_INPUTS));

    EnvelopeOpener opener =
        new EnvelopeOpener(providers, OpeningPolicy.defaults().maxSealedBytes());
    Tally tally = new Tally();
    long start = System.nanoTime();
    for (Input input : inputs) {
      Outcome liaison = liaisonEnvelope(opener, input.bytes());
      Outcome stock = stockEnvelope(input.bytes());
      compare(input, liaison, stock, tally, this::allowedEnvelopeDifference);
    }
    report(reporter, "envelope", inputs.size(), start, tally);

    assertThat(tally.disagreements).isEmpty();
    assertThat(tally.get("both accept")).isGreaterThanOrEqualTo(3);
    // The structure-aware inputs reach each allowed difference, so none of them is dead code.
    assertThat(tally.get("allowed: content algorithm off the allow-list")).isPositive();
    assertThat(tally.get("allowed: mac not the declared ICV length")).isPositive();
    assertThat(tally.get("allowed: key management off the allow-list")).isPositive();
    assertThat(tally.get("allowed: ContentInfo type not id-ct-authEnvelopedData")).isPositive();
  }

  private Outcome liaisonEnvelope(EnvelopeOpener opener, byte[] input) {
    try {
      return Outcome.accepted(opener.open(input, List.of(th)).content());
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
   *       decrypts the same there (the inputs "mac boundary" show it); Liaison refuses it;
   *   <li>a ContentInfo whose type is not id-ct-authEnvelopedData around an AuthEnvelopedData:
   *       {@code CMSAuthEnvelopedData} does not look at the type; Liaison refuses it (an
   *       EnvelopedData type as ALGORITHM_NOT_ALLOWED, any other as MALFORMED_CMS).
   * </ul>
   */
  private String allowedEnvelopeDifference(byte[] input, Outcome liaison) {
    AuthEnvelopedData envelope;
    ASN1ObjectIdentifier type;
    try {
      type = ContentInfo.getInstance(input).getContentType();
      envelope = DifferentialInputs.envelopeOf(input);
    } catch (RuntimeException e) {
      return null;
    }
    if (!CMSObjectIdentifiers.authEnvelopedData.equals(type)) {
      return liaison.reason() == RejectReason.MALFORMED_CMS
              || liaison.reason() == RejectReason.ALGORITHM_NOT_ALLOWED
          ? "ContentInfo type not id-ct-authEnvelopedData"
          : null;
    }
    EncryptedContentInfo info = envelope.getAuthEncryptedContentInfo();
    AlgorithmIdentifier content = info.getContentEncryptionAlgorithm();
    GCMParameters gcm = DifferentialInputs.gcmParameters(content);
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

  // ---- the SignedData ----

  @Test
  void signedDataReadingAgreesWithBouncyCastle(TestReporter reporter) throws Exception {
    byte[] sealed = fx.seal(SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build());
    byte[] signed = fx.decrypt(sealed, SealingFixture.TH);
    List<Input> inputs = new ArrayList<>();
    inputs.add(new Input("untouched", signed));
    inputs.addAll(inputs().structuralSignedData(signed));
    inputs.addAll(DifferentialInputs.randomMutations(signed, new Random(SEED + 1), RANDOM_INPUTS));

    SignatureVerifier verifier = new SignatureVerifier(providers);
    Tally tally = new Tally();
    long start = System.nanoTime();
    for (Input input : inputs) {
      Outcome liaison = liaisonSignedData(verifier, input.bytes());
      Outcome stock = stockSignedData(input.bytes());
      compare(input, liaison, stock, tally, this::allowedSignedDifference);
    }
    report(reporter, "SignedData", inputs.size(), start, tally);

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

  // ---- shared ----

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

  /** The figures of a run, in the test report rather than on standard output. */
  private static void report(
      TestReporter reporter, String what, int inputs, long start, Tally tally) {
    reporter.publishEntry(
        "differential " + what,
        String.format(
            "%d inputs in %d ms, %s, %d disagreements%s",
            inputs,
            (System.nanoTime() - start) / 1_000_000,
            tally.counts,
            tally.disagreements.size(),
            tally.disagreements.isEmpty() ? "" : ": " + tally.disagreements));
  }
}
