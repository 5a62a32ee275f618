package org.liaison.pki.seal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.liaison.pki.CryptoProviders;

/** Minimal certificates for the raw CMS tests: one CA, and EC or RSA leaf certificates. */
final class TestPki {

  record Issued(PrivateKey key, X509Certificate certificate) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private TestPki() {}

  static KeyPair ec(String curve) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", CryptoProviders.bouncyCastle());
    generator.initialize(new ECGenParameterSpec(curve), RANDOM);
    return generator.generateKeyPair();
  }

  static KeyPair rsa(int bits) throws GeneralSecurityException {
    KeyPairGenerator generator =
        KeyPairGenerator.getInstance("RSA", CryptoProviders.bouncyCastle());
    generator.initialize(bits, RANDOM);
    return generator.generateKeyPair();
  }

  static Issued ca(String name) throws Exception {
    KeyPair keys = ec("secp256r1");
    X509Certificate cert =
        build(
            new X500Name("CN=" + name),
            keys.getPublic(),
            new X500Name("CN=" + name),
            keys.getPrivate(),
            null,
            true,
            KeyUsage.keyCertSign | KeyUsage.cRLSign,
            Instant.now().minus(Duration.ofDays(1)),
            Instant.now().plus(Duration.ofDays(365)));
    return new Issued(keys.getPrivate(), cert);
  }

  static Issued leaf(Issued ca, String unit, KeyPair keys, int keyUsage) throws Exception {
    return leaf(
        ca,
        unit,
        keys,
        keyUsage,
        Instant.now().minus(Duration.ofDays(1)),
        Instant.now().plus(Duration.ofDays(365)));
  }

  static Issued leaf(
      Issued ca, String unit, KeyPair keys, int keyUsage, Instant notBefore, Instant notAfter)
      throws Exception {
    X509Certificate cert =
        build(
            new X500Name("CN=" + unit + ",O=Liaison"),
            keys.getPublic(),
            X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
            ca.key(),
            unit,
            false,
            keyUsage,
            notBefore,
            notAfter);
    return new Issued(keys.getPrivate(), cert);
  }

  private static X509Certificate build(
      X500Name subject,
      PublicKey publicKey,
      X500Name issuer,
      PrivateKey issuerKey,
      String unit,
      boolean ca,
      int keyUsage,
      Instant notBefore,
      Instant notAfter)
      throws Exception {
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            new BigInteger(127, RANDOM).add(BigInteger.ONE),
            Date.from(notBefore),
            Date.from(notAfter),
            subject,
            publicKey);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
    builder.addExtension(
        Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
    if (unit != null) {
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName(GeneralName.uniformResourceIdentifier, "urn:liaison:unit:" + unit)));
    }
    String algorithm =
        issuerKey.getAlgorithm().startsWith("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    return new JcaX509CertificateConverter()
        .setProvider(CryptoProviders.bouncyCastle())
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder(algorithm)
                    .setProvider(CryptoProviders.bouncyCastle())
                    .build(issuerKey)));
  }
}
