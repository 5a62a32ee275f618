package org.liaison.pki.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds the certificates and CRLs the validation tests need, fresh at each run: a root, an issuing
 * CA, unit certificates with SAN URIs, and variants broken on purpose. Nothing is committed.
 */
final class TestPki {

  static final String BC = BouncyCastleProvider.PROVIDER_NAME;

  /** The validation time of the tests; certificates are built around it. */
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  static final int CA_USAGE = KeyUsage.keyCertSign | KeyUsage.cRLSign;
  static final int SIGNING_USAGE = KeyUsage.digitalSignature | KeyUsage.nonRepudiation;

  private static final SecureRandom RANDOM = new SecureRandom();

  static {
    if (Security.getProvider(BC) == null) {
      Security.addProvider(new BouncyCastleProvider());
    }
  }

  private TestPki() {}

  /** A certificate and its key pair. */
  record Issued(X509Certificate cert, KeyPair keys) {}

  static KeyPair ecKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair ecKeys(String curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
      generator.initialize(new ECGenParameterSpec(curve), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair rsaKeys(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", BC);
      generator.initialize(bits, RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A certificate to be, named {@code subject} (an X.500 name such as {@code CN=NL.NCB}). */
  static Spec cert(String subject) {
    return new Spec(subject);
  }

  /** What a certificate will hold; every setter returns this spec. */
  static final class Spec {
    private final X500Name subject;
    private X500Name issuerName;
    private KeyPair keys = ecKeys();
    private Issued issuer;
    private Instant from = NOW.minus(Duration.ofDays(30));
    private Instant to = NOW.plus(Duration.ofDays(365));
    private BasicConstraints basicConstraints = new BasicConstraints(false);
    private int keyUsage = -1;
    private KeyPurposeId[] extendedKeyUsage;
    private final List<String> uris = new ArrayList<>();
    private final List<Object[]> extensions = new ArrayList<>();
    private boolean keyIdentifiers = true;
    private KeyPair authorityKey;

    private Spec(String subject) {
      this.subject = new X500Name(subject);
    }

    Spec issuedBy(Issued issuer) {
      this.issuer = issuer;
      return this;
    }

    /** Writes {@code name} as the issuer name, whoever signs (to break name chaining). */
    Spec issuerName(String name) {
      this.issuerName = new X500Name(name);
      return this;
    }

    Spec keys(KeyPair keys) {
      this.keys = keys;
      return this;
    }

    Spec validity(Instant from, Instant to) {
      this.from = from;
      this.to = to;
      return this;
    }

    /** A CA; {@code pathLen} below zero means no path length constraint. */
    Spec ca(int pathLen) {
      this.basicConstraints =
          pathLen < 0 ? new BasicConstraints(true) : new BasicConstraints(pathLen);
      this.keyUsage = keyUsage < 0 ? CA_USAGE : keyUsage;
      return this;
    }

    /** Names {@code key} in the authority key identifier, whoever signs (to break key chaining). */
    Spec authorityKey(KeyPair key) {
      this.authorityKey = key;
      return this;
    }

    /** Without subject and authority key identifiers, so that only names chain it. */
    Spec noKeyIdentifiers() {
      this.keyIdentifiers = false;
      return this;
    }

    Spec noBasicConstraints() {
      this.basicConstraints = null;
      return this;
    }

    Spec keyUsage(int bits) {
      this.keyUsage = bits;
      return this;
    }

    Spec extendedKeyUsage(KeyPurposeId... purposes) {
      this.extendedKeyUsage = purposes;
      return this;
    }

    Spec sanUri(String... uris) {
      this.uris.addAll(List.of(uris));
      return this;
    }

    Spec extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
      extensions.add(new Object[] {oid, critical, value});
      return this;
    }

    Issued issue() {
      return issue("SHA256withECDSA");
    }

    Issued issue(String signatureAlgorithm) {
      try {
        return new Issued(jdk(build(signatureAlgorithm)), keys);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    /**
     * The certificate as Bouncy Castle's provider reads it, without the JDK's stricter parse: for
     * certificates broken on purpose in ways that only the JDK notices.
     */
    X509Certificate issueLenient() {
      return build("SHA256withECDSA");
    }

    private X509Certificate build(String signatureAlgorithm) {
      try {
        KeyPair signer = issuer == null ? keys : issuer.keys();
        X500Name issuerDn =
            issuerName != null
                ? issuerName
                : issuer == null
                    ? subject
                    : X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder =
            new JcaX509v3CertificateBuilder(
                issuerDn,
                new BigInteger(128, RANDOM).setBit(127),
                Date.from(from),
                Date.from(to),
                subject,
                keys.getPublic());
        if (keyIdentifiers) {
          JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
          builder.addExtension(
              Extension.subjectKeyIdentifier,
              false,
              utils.createSubjectKeyIdentifier(keys.getPublic()));
          builder.addExtension(
              Extension.authorityKeyIdentifier,
              false,
              utils.createAuthorityKeyIdentifier(
                  (authorityKey == null ? signer : authorityKey).getPublic()));
        }
        if (basicConstraints != null) {
          builder.addExtension(Extension.basicConstraints, true, basicConstraints);
        }
        if (keyUsage >= 0) {
          builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        }
        if (extendedKeyUsage != null) {
          builder.addExtension(
              Extension.extendedKeyUsage, false, new ExtendedKeyUsage(extendedKeyUsage));
        }
        if (!uris.isEmpty()) {
          GeneralName[] names =
              uris.stream()
                  .map(u -> new GeneralName(GeneralName.uniformResourceIdentifier, u))
                  .toArray(GeneralName[]::new);
          builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        for (Object[] ext : extensions) {
          builder.addExtension(
              (ASN1ObjectIdentifier) ext[0], (Boolean) ext[1], (ASN1Encodable) ext[2]);
        }
        return new JcaX509CertificateConverter()
            .setProvider(BC)
            .getCertificate(
                builder.build(
                    new JcaContentSignerBuilder(signatureAlgorithm)
                        .setProvider(BC)
                        .build(signer.getPrivate())));
      } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A CRL of {@code issuer} listing {@code revoked}, signed with {@code signer}'s key. */
  static X509CRL crl(
      Issued issuer,
      KeyPair signer,
      Instant thisUpdate,
      Instant nextUpdate,
      X509Certificate... revoked) {
    return crl(issuer, signer, thisUpdate, nextUpdate, thisUpdate, revoked);
  }

  /** A CRL as above whose entries give {@code revocationDate}. */
  static X509CRL crl(
      Issued issuer,
      KeyPair signer,
      Instant thisUpdate,
      Instant nextUpdate,
      Instant revocationDate,
      X509Certificate... revoked) {
    try {
      X509v2CRLBuilder builder =
          new JcaX509v2CRLBuilder(issuer.cert().getSubjectX500Principal(), Date.from(thisUpdate));
      builder.setNextUpdate(Date.from(nextUpdate));
      for (X509Certificate cert : revoked) {
        builder.addCRLEntry(
            cert.getSerialNumber(), Date.from(revocationDate), CRLReason.keyCompromise);
      }
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(signer.getPublic()));
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE));
      return new JcaX509CRLConverter()
          .setProvider(BC)
          .getCRL(
              builder.build(
                  new JcaContentSignerBuilder(
                          signer.getPrivate().getAlgorithm().equals("RSA")
                              ? "SHA256withRSAandMGF1"
                              : "SHA256withECDSA")
                      .setProvider(BC)
                      .build(signer.getPrivate())));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A current CRL of {@code issuer}, signed by it. */
  static X509CRL crl(Issued issuer, X509Certificate... revoked) {
    return crl(
        issuer,
        issuer.keys(),
        NOW.minus(Duration.ofDays(1)),
        NOW.plus(Duration.ofDays(7)),
        revoked);
  }

  /** {@code cert} with the last byte of its signature flipped. */
  static X509Certificate withFlippedSignatureByte(X509Certificate cert) {
    try {
      byte[] der = cert.getEncoded();
      der[der.length - 1] ^= 0x01;
      return jdk(der);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static X509Certificate jdk(X509Certificate cert) throws GeneralSecurityException {
    return jdk(cert.getEncoded());
  }

  static X509Certificate jdk(byte[] der) throws GeneralSecurityException {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509", "SUN")
            .generateCertificate(new ByteArrayInputStream(der));
  }

  /** A root, an issuing CA under it, and current CRLs of both: a small federation. */
  record Federation(Issued root, Issued issuing) {

    static Federation create() {
      Issued root =
          cert("CN=Liaison Test Root,O=Liaison")
              .ca(1)
              .validity(NOW.minus(Duration.ofDays(365)), NOW.plus(Duration.ofDays(3650)))
              .issue();
      Issued issuing =
          cert("CN=Liaison Test Issuing CA,O=Liaison")
              .ca(0)
              .issuedBy(root)
              .validity(NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(1500)))
              .issue();
      return new Federation(root, issuing);
    }

    /** A unit certificate issued by the issuing CA, with the unit's SAN URI. */
    Spec unit(String unit) {
      return cert("CN=" + unit + ",O=Liaison")
          .issuedBy(issuing)
          .keyUsage(SIGNING_USAGE)
          .sanUri("urn:liaison:unit:" + unit);
    }

    /** Trust in the root, the issuing CA as intermediate, and the given CRLs. */
    TrustContext trust(RevocationPolicy policy, X509CRL... crls) {
      return new TrustContext(List.of(root.cert()), List.of(issuing.cert()), List.of(crls), policy);
    }

    /** Trust with current CRLs of the root and the issuing CA listing {@code revoked}. */
    TrustContext trust(X509Certificate... revoked) {
      return trust(RevocationPolicy.REQUIRE, crl(root), crl(issuing, revoked));
    }
  }
}
