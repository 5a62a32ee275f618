package org.liaison.pki.seal.cms;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;

/**
 * The AuthEnvelopedData generator that sealing used before {@link AuthEnvelopedEncryptor}: Bouncy
 * Castle's {@code CMSAuthEnvelopedDataGenerator}, kept in the tests as the reference the new writer
 * must match.
 */
final class LegacyAuthEnvelopedEncryptor {

  private final Provider agreementProvider;
  private final Provider symmetricProvider;
  private final Provider rsaProvider;
  private final SecureRandom random;

  LegacyAuthEnvelopedEncryptor(
      Provider agreementProvider,
      Provider symmetricProvider,
      Provider rsaProvider,
      SecureRandom random) {
    this.agreementProvider = agreementProvider;
    this.symmetricProvider = symmetricProvider;
    this.rsaProvider = rsaProvider;
    this.random = random;
  }

  /**
   * @param signedData the encoded SignedData to encrypt. The envelope marks it as id-data, as
   *     OpenSSL does when it encrypts a signed file: RFC 5083 would otherwise require authenticated
   *     attributes, which OpenSSL 3.0 does not process.
   * @param recipients encryption certificates, one RecipientInfo slot each
   * @return the ContentInfo in definite-length encoding (BER with definite lengths; DER but for the
   *     order of the RecipientInfos set, which CMS does not require sorted)
   */
  public byte[] encrypt(byte[] signedData, List<X509Certificate> recipients) throws CMSException {
    if (recipients.isEmpty()) {
      throw new CMSException("no recipients");
    }
    try {
      CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
      for (List<X509Certificate> group : byCurve(recipients).values()) {
        ECPublicKey first = (ECPublicKey) group.get(0).getPublicKey();
        boolean p384 = first.getParams().getCurve().getField().getFieldSize() > 256;
        KeyPairGenerator ephemeral = KeyPairGenerator.getInstance("EC", agreementProvider);
        ephemeral.initialize(new ECGenParameterSpec(p384 ? "secp384r1" : "secp256r1"), random);
        generator.addRecipientInfoGenerator(
            new LegacyEcdhRecipientInfoGenerator(
                p384 ? CMSAlgorithm.ECDH_SHA384KDF : CMSAlgorithm.ECDH_SHA256KDF,
                ephemeral.generateKeyPair(),
                CMSAlgorithm.AES256_WRAP,
                group,
                agreementProvider,
                symmetricProvider));
      }
      for (X509Certificate rsa : rsaRecipients(recipients)) {
        generator.addRecipientInfoGenerator(
            new JceKeyTransRecipientInfoGenerator(
                    rsa,
                    new JcaAlgorithmParametersConverter()
                        .getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, oaepSha256()))
                .setProvider(rsaProvider));
      }
      OutputAEADEncryptor encryptor =
          (OutputAEADEncryptor)
              new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                  .setProvider(symmetricProvider)
                  .setSecureRandom(random)
                  .build();
      return generator
          .generate(new CMSProcessableByteArray(signedData), encryptor)
          .toASN1Structure()
          .getEncoded(ASN1Encoding.DL);
    } catch (GeneralSecurityException | IOException e) {
      throw new CMSException("cannot encrypt: " + e.getMessage(), e);
    }
  }

  /** RSA-OAEP with SHA-256 for both the hash and MGF1, empty label. */
  static OAEPParameterSpec oaepSha256() {
    return new OAEPParameterSpec(
        "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
  }

  private static Map<CurveKey, List<X509Certificate>> byCurve(List<X509Certificate> recipients)
      throws CMSException {
    Map<CurveKey, List<X509Certificate>> groups = new LinkedHashMap<>();
    for (X509Certificate cert : recipients) {
      if (cert.getPublicKey() instanceof ECPublicKey ec) {
        groups.computeIfAbsent(curveKey(ec.getParams()), k -> new ArrayList<>()).add(cert);
      } else if (!(cert.getPublicKey() instanceof RSAPublicKey)) {
        throw new CMSException(
            "unsupported recipient key type " + cert.getPublicKey().getAlgorithm());
      }
    }
    return groups;
  }

  private static List<X509Certificate> rsaRecipients(List<X509Certificate> recipients) {
    return recipients.stream().filter(c -> c.getPublicKey() instanceof RSAPublicKey).toList();
  }

  /** Curves told apart by field size and generator, without formatting numbers as text. */
  private record CurveKey(int fieldSize, BigInteger generatorX) {}

  private static CurveKey curveKey(ECParameterSpec spec) {
    return new CurveKey(
        spec.getCurve().getField().getFieldSize(), spec.getGenerator().getAffineX());
  }
}
