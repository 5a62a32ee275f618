package org.liaison.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The key types a federation accepts, each with the signature algorithm its keys sign with and the
 * way its keys receive content-encryption keys. Callers pick an algorithm by this enum and never
 * branch on "EC or RSA" themselves, so that post-quantum members (ML-DSA, ML-KEM) can be added here
 * without changing any API.
 */
public enum KeyAlgorithm {
  EC_P256("EC", SECObjectIdentifiers.secp256r1, 256, "SHA256withECDSA", KeyEstablishment.AGREEMENT),
  EC_P384("EC", SECObjectIdentifiers.secp384r1, 384, "SHA384withECDSA", KeyEstablishment.AGREEMENT),
  /** RSASSA-PSS signatures (Bouncy Castle's name for PSS with MGF1 over SHA-256). */
  RSA_3072("RSA", null, 3072, "SHA256withRSAandMGF1", KeyEstablishment.TRANSPORT),
  RSA_4096("RSA", null, 4096, "SHA256withRSAandMGF1", KeyEstablishment.TRANSPORT);

  /** How a key of this type receives a content-encryption key. */
  public enum KeyEstablishment {
    /** Key agreement (ECDH): certificates carry the keyAgreement usage. */
    AGREEMENT,
    /** Key transport (RSA-OAEP): certificates carry the keyEncipherment usage. */
    TRANSPORT
  }

  /** The algorithm used when nobody chooses one. */
  public static final KeyAlgorithm DEFAULT = EC_P256;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String jcaKeyType;
  private final ASN1ObjectIdentifier curve;
  private final int bits;
  private final String signatureAlgorithm;
  private final KeyEstablishment keyEstablishment;

  KeyAlgorithm(
      String jcaKeyType,
      ASN1ObjectIdentifier curve,
      int bits,
      String signatureAlgorithm,
      KeyEstablishment keyEstablishment) {
    this.jcaKeyType = jcaKeyType;
    this.curve = curve;
    this.bits = bits;
    this.signatureAlgorithm = signatureAlgorithm;
    this.keyEstablishment = keyEstablishment;
  }

  /** The JCA key type ("EC", "RSA"), for {@link KeyPairGenerator#getInstance}. */
  public String jcaKeyType() {
    return jcaKeyType;
  }

  /** The JCA name of the signature algorithm that keys of this type sign with. */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /** How keys of this type receive a content-encryption key. */
  public KeyEstablishment keyEstablishment() {
    return keyEstablishment;
  }

  /** A fresh key pair made by Bouncy Castle. */
  public KeyPair generate() {
    return generate(CryptoProviders.bouncyCastle());
  }

  /**
   * A fresh key pair made by {@code provider}: for a PKCS#11 provider the private key is made in,
   * and stays in, the token.
   */
  public KeyPair generate(Provider provider) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(jcaKeyType, provider);
      if (curve != null) {
        generator.initialize(new ECGenParameterSpec(curveName()), RANDOM);
      } else {
        generator.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), RANDOM);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new PkiException(
          PkiException.Code.CRYPTO_FAILURE,
          "cannot generate a " + this + " key with provider " + provider.getName(),
          e);
    }
  }

  /** The algorithm of {@code key}, or empty when the federation does not accept such a key. */
  public static Optional<KeyAlgorithm> of(PublicKey key) {
    return of(SubjectPublicKeyInfo.getInstance(key.getEncoded()));
  }

  /**
   * The algorithm of an encoded public key, or empty when the federation does not accept it: an
   * unknown curve, explicit curve parameters, an RSA modulus other than 3072 or 4096 bits, or any
   * other key type.
   */
  public static Optional<KeyAlgorithm> of(SubjectPublicKeyInfo info) {
    ASN1ObjectIdentifier type = info.getAlgorithm().getAlgorithm();
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(type)) {
      if (!(info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier named)) {
        return Optional.empty();
      }
      for (KeyAlgorithm algorithm : values()) {
        if (named.equals(algorithm.curve)) {
          return Optional.of(algorithm);
        }
      }
      return Optional.empty();
    }
    if (PKCSObjectIdentifiers.rsaEncryption.equals(type)) {
      int modulusBits = rsaModulusBits(info);
      for (KeyAlgorithm algorithm : values()) {
        if (algorithm.curve == null && algorithm.bits == modulusBits) {
          return Optional.of(algorithm);
        }
      }
    }
    return Optional.empty();
  }

  /** A short description of an unacceptable key, for error messages. */
  public static String describe(SubjectPublicKeyInfo info) {
    ASN1ObjectIdentifier type = info.getAlgorithm().getAlgorithm();
    if (PKCSObjectIdentifiers.rsaEncryption.equals(type)) {
      return "RSA " + rsaModulusBits(info) + "-bit";
    }
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(type)) {
      return "EC on curve " + info.getAlgorithm().getParameters();
    }
    return "key type " + type.getId();
  }

  private String curveName() {
    return this == EC_P256 ? "secp256r1" : "secp384r1";
  }

  private static int rsaModulusBits(SubjectPublicKeyInfo info) {
    try {
      BigInteger modulus =
          org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(info.parsePublicKey()).getModulus();
      return modulus.bitLength();
    } catch (IOException | IllegalArgumentException e) {
      return -1;
    }
  }
}
