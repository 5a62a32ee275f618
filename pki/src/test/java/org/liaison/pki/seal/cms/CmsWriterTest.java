package org.liaison.pki.seal.cms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.util.ASN1Dump;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.FederationKit;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.schemas.UnitId;

/**
 * The directly written SignedData and AuthEnvelopedData against what Bouncy Castle's generators
 * wrote before (kept in the tests as {@link LegacySignedDataCreator} and {@link
 * LegacyAuthEnvelopedEncryptor}): the same structure, tags, OIDs, optional fields and parameter
 * encodings, with only the random values (signatures, ephemeral keys, wrapped keys, nonce,
 * ciphertext, tag) differing; and Bouncy Castle, as an independent reader, verifies and decrypts
 * what the new writer produces.
 */
class CmsWriterTest {

  private static final UnitId NL = UnitId.of("NL.NCB");
  private static final UnitId TH = UnitId.of("TH.CIB");
  private static final Provider BC = CryptoProviders.bouncyCastle();

  private static final Map<KeyAlgorithm, FederationKit> KITS = new EnumMap<>(KeyAlgorithm.class);

  @BeforeAll
  static void federations() {
    for (KeyAlgorithm algorithm :
        List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384, KeyAlgorithm.RSA_3072)) {
      KITS.put(algorithm, FederationKit.create(algorithm, List.of(NL, TH)));
    }
  }

  static Stream<Arguments> algorithmsAndProviders() {
    List<Arguments> all = new ArrayList<>();
    for (KeyAlgorithm algorithm :
        List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384, KeyAlgorithm.RSA_3072)) {
      all.add(Arguments.of(algorithm, ProviderChoice.preferNative()));
      all.add(Arguments.of(algorithm, ProviderChoice.pureJava()));
    }
    return all.stream();
  }

  static Stream<ProviderChoice> providers() {
    return Stream.of(ProviderChoice.preferNative(), ProviderChoice.pureJava());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("algorithmsAndProviders")
  void signedDataHasTheStructureOfBouncyCastlesAndVerifiesThere(
      KeyAlgorithm algorithm, ProviderChoice providers) throws Exception {
    PrivateKeyHandle signer = KITS.get(algorithm).unit(NL).signing();
    Provider signatureProvider = algorithm.name().startsWith("EC") ? providers.asymmetric() : BC;
    byte[] content = "a notice, or a receipt".getBytes(StandardCharsets.UTF_8);
    // With a fraction of a second, which neither writer may carry into the signing time.
    Instant signingTime = Instant.now().plusMillis(1);

    byte[] legacy =
        new LegacySignedDataCreator(providers.asymmetric())
            .sign(content, signer.privateKey(), signatureProvider, signer.chain(), signingTime);
    SignedDataCreator creator = new SignedDataCreator(providers.asymmetric());
    byte[] written =
        creator.sign(content, signer.privateKey(), signatureProvider, signer.chain(), signingTime);
    // Again with the per-chain parts remembered, and with an equal copy of the chain.
    byte[] again =
        creator.sign(
            content,
            signer.privateKey(),
            signatureProvider,
            List.copyOf(signer.chain()),
            signingTime);

    assertThat(shape(written)).isEqualTo(shape(legacy));
    assertThat(shape(again)).isEqualTo(shape(legacy));
    assertThat(ASN1Primitive.fromByteArray(written).getEncoded()).hasSize(written.length);

    for (byte[] message : List.of(written, again)) {
      CMSSignedData signed = new CMSSignedData(message);
      CMSSignedData reference = new CMSSignedData(legacy);
      assertThat((byte[]) signed.getSignedContent().getContent()).isEqualTo(content);
      assertThat(certificates(signed)).isEqualTo(certificates(reference));
      SignerInformation info = signed.getSignerInfos().getSigners().iterator().next();
      SignerInformation expected = reference.getSignerInfos().getSigners().iterator().next();
      assertThat(info.getSID()).isEqualTo(expected.getSID());
      assertThat(info.getSignedAttributes().get(CMSAttributes.messageDigest).getAttrValues())
          .isEqualTo(
              expected.getSignedAttributes().get(CMSAttributes.messageDigest).getAttrValues());
      assertThat(info.getSignedAttributes().get(CMSAttributes.signingTime).getAttrValues())
          .isEqualTo(expected.getSignedAttributes().get(CMSAttributes.signingTime).getAttrValues());
      assertThat(
              info.verify(
                  new JcaSimpleSignerInfoVerifierBuilder()
                      .setProvider(BC)
                      .build(signer.certificate())))
          .isTrue();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("algorithmsAndProviders")
  void authEnvelopedDataHasTheStructureOfBouncyCastlesAndDecryptsThere(
      KeyAlgorithm algorithm, ProviderChoice providers) throws Exception {
    FederationKit kit = KITS.get(algorithm);
    List<X509Certificate> recipients =
        List.of(kit.unit(NL).encryption().certificate(), kit.unit(TH).encryption().certificate());
    byte[] content = new byte[2048 + 13];
    new SecureRandom().nextBytes(content);

    byte[] legacy = legacyEncryptor(providers).encrypt(content, recipients);
    byte[] written = encryptor(providers).encrypt(content, recipients);

    assertThat(shape(written)).isEqualTo(shape(legacy));
    assertThat(ASN1Primitive.fromByteArray(written).getEncoded()).hasSize(written.length);
    assertDecryptsForEach(written, content, List.of(kit));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void recipientsOnSeveralCurvesAndRsaGetTheRecipientInfosInTheSameOrder(ProviderChoice providers)
      throws Exception {
    List<X509Certificate> recipients = new ArrayList<>();
    for (UnitId unit : List.of(NL, TH)) {
      for (KeyAlgorithm algorithm :
          List.of(KeyAlgorithm.RSA_3072, KeyAlgorithm.EC_P384, KeyAlgorithm.EC_P256)) {
        recipients.add(KITS.get(algorithm).unit(unit).encryption().certificate());
      }
    }
    byte[] content = "x".repeat(300).getBytes(StandardCharsets.UTF_8);

    byte[] legacy = legacyEncryptor(providers).encrypt(content, recipients);
    byte[] written = encryptor(providers).encrypt(content, recipients);

    assertThat(shape(written)).isEqualTo(shape(legacy));
    // Two KeyTransRecipientInfos and two KeyAgreeRecipientInfos of two keys each.
    assertThat(new CMSAuthEnvelopedData(written).getRecipientInfos().size()).isEqualTo(6);
    assertDecryptsForEach(written, content, KITS.values());
  }

  private static void assertDecryptsForEach(
      byte[] envelope, byte[] content, Collection<FederationKit> kits) throws Exception {
    CMSAuthEnvelopedData data = new CMSAuthEnvelopedData(envelope);
    for (FederationKit kit : kits) {
      for (UnitId unit : List.of(NL, TH)) {
        PrivateKeyHandle key = kit.unit(unit).encryption();
        boolean ec = kit.algorithm().name().startsWith("EC");
        RecipientInformation info =
            data.getRecipientInfos()
                .get(
                    ec
                        ? new JceKeyAgreeRecipientId(key.certificate())
                        : new JceKeyTransRecipientId(key.certificate()));
        Recipient recipient =
            ec
                ? new JceKeyAgreeAuthEnvelopedRecipient(key.privateKey()).setProvider(BC)
                : new JceKeyTransAuthEnvelopedRecipient(key.privateKey()).setProvider(BC);
        assertThat(info).as("%s %s", kit.algorithm(), unit).isNotNull();
        assertThat(info.getContent(recipient)).isEqualTo(content);
      }
    }
  }

  private static AuthEnvelopedEncryptor encryptor(ProviderChoice providers) {
    return new AuthEnvelopedEncryptor(
        providers.asymmetric(),
        providers.content(),
        providers.symmetric(),
        providers.fallback(),
        new SecureRandom());
  }

  private static LegacyAuthEnvelopedEncryptor legacyEncryptor(ProviderChoice providers) {
    return new LegacyAuthEnvelopedEncryptor(
        providers.asymmetric(), providers.symmetric(), providers.fallback(), new SecureRandom());
  }

  private static List<X509CertificateHolder> certificates(CMSSignedData signed) {
    return new ArrayList<>(signed.getCertificates().getMatches(null));
  }

  /**
   * Bouncy Castle's dump of the structure, with the octets of OCTET STRINGs and BIT STRINGs left
   * out (the dump shows only their length) and the lengths of the long ones, which hold random or
   * random-length values (signatures, keys, ciphertext), masked. Everything else (tags, OIDs,
   * integers, times, which optional fields are present, NULL or absent parameters) must match.
   */
  static String shape(byte[] message) throws Exception {
    String dump = ASN1Dump.dumpAsString(ASN1Primitive.fromByteArray(message), false);
    Matcher lengths = Pattern.compile("String\\[(\\d+)(, \\d+)?\\]").matcher(dump);
    StringBuilder out = new StringBuilder();
    while (lengths.find()) {
      int length = Integer.parseInt(lengths.group(1));
      lengths.appendReplacement(out, length < 64 ? "$0" : "String[long]");
    }
    lengths.appendTail(out);
    return out.toString().replace("DL ", "DER ");
  }
}
