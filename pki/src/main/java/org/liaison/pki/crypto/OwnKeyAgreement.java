package org.liaison.pki.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.KeyAgreement;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.liaison.pki.CryptoProviders;

/**
 * The ECDH shared secret between a fresh ephemeral key and a key pair of one's own, computed from
 * both private keys as a multiple of the curve's generator.
 *
 * <p>A sealed notice carries a RecipientInfo for its sender, so that the sender can read what it
 * sent: an ephemeral-static ECDH between the ephemeral key {@code e} and the sender's own
 * encryption key {@code S = s·G}. Its shared secret is {@code Z = x(e·S)}, a scalar multiplication
 * of a point known only at run time, the most expensive primitive of a seal (about 44 µs in ACCP on
 * P-256, as much as the ECDH of opening). The sender holds {@code s} as well as {@code e}, and
 * {@code e·S = (e·s mod n)·G}: a multiplication of the fixed generator, which both ACCP (when it
 * derives a public key) and Bouncy Castle (with its precomputed comb) do several times faster. The
 * value is the same, so the message is the standard one and any CMS implementation opens it with
 * {@code s}, as before; the ephemeral key is still fresh per message.
 *
 * <p>The product {@code e·s mod n} is computed in constant time ({@link ScalarProduct}). ACCP has
 * no public call that multiplies the generator by a given scalar; its EC private keys derive their
 * public key through a method of a package-private interface, called here by reflection. Whether
 * that works is checked once per provider against a real ECDH on both curves; if it does not (a
 * later ACCP, another provider), {@link #forProvider} is empty and the sealer does the plain ECDH.
 */
public final class OwnKeyAgreement {

  /** Multiplies the generator of {@code params} by {@code k} and returns x as ECDH gives Z. */
  private interface BaseMultiplier {
    byte[] xOfMultiple(BigInteger k, ECParameterSpec params) throws GeneralSecurityException;
  }

  private static final List<String> CURVES = List.of("secp256r1", "secp384r1");

  private static final Map<Provider, Optional<OwnKeyAgreement>> BY_PROVIDER =
      new ConcurrentHashMap<>();

  private final Provider provider;
  private final BaseMultiplier multiplier;
  private final Map<BigInteger, ScalarProduct> products = new ConcurrentHashMap<>();

  private OwnKeyAgreement(Provider provider, BaseMultiplier multiplier) {
    this.provider = provider;
    this.multiplier = multiplier;
  }

  /**
   * The agreement for ephemeral keys of {@code provider} (ACCP or Bouncy Castle), when it gives the
   * same secret as that provider's ECDH on P-256 and P-384; else empty.
   */
  public static Optional<OwnKeyAgreement> forProvider(Provider provider) {
    return BY_PROVIDER.computeIfAbsent(provider, OwnKeyAgreement::checked);
  }

  /** The provider whose ephemeral keys this agreement takes. */
  public Provider provider() {
    return provider;
  }

  /**
   * Z of the ECDH between {@code ephemeral} and the public key of {@code own}, both on the curve of
   * {@code own} (the caller makes sure: the ephemeral key was generated on that curve).
   *
   * @param ephemeral a private key of {@link #provider()}
   * @param own a software private key whose scalar can be read
   * @return Z, the x-coordinate in the field's length, as {@code KeyAgreement} "ECDH" gives it
   */
  public byte[] sharedSecret(PrivateKey ephemeral, ECPrivateKey own)
      throws GeneralSecurityException {
    if (!(ephemeral instanceof ECPrivateKey e)) {
      throw new GeneralSecurityException("the ephemeral key is not an EC key");
    }
    ECParameterSpec params = own.getParams();
    ScalarProduct product = products.computeIfAbsent(params.getOrder(), ScalarProduct::new);
    BigInteger k = product.multiply(e.getS(), own.getS());
    if (k.signum() == 0) {
      throw new GeneralSecurityException("a key scalar is zero");
    }
    return multiplier.xOfMultiple(k, params);
  }

  private static Optional<OwnKeyAgreement> checked(Provider provider) {
    BaseMultiplier multiplier;
    if (provider instanceof AmazonCorrettoCryptoProvider) {
      multiplier = accpMultiplier(provider);
    } else if (provider == CryptoProviders.bouncyCastle()) {
      multiplier = new BouncyCastleMultiplier();
    } else {
      return Optional.empty();
    }
    if (multiplier == null) {
      return Optional.empty();
    }
    OwnKeyAgreement agreement = new OwnKeyAgreement(provider, multiplier);
    try {
      for (String curve : CURVES) {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
        generator.initialize(new ECGenParameterSpec(curve));
        KeyPair ephemeral = generator.generateKeyPair();
        KeyPair own = generator.generateKeyPair();
        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH", provider);
        ecdh.init(ephemeral.getPrivate());
        ecdh.doPhase(own.getPublic(), true);
        byte[] expected = ecdh.generateSecret();
        byte[] actual =
            agreement.sharedSecret(ephemeral.getPrivate(), (ECPrivateKey) own.getPrivate());
        if (!Arrays.equals(expected, actual)) {
          return Optional.empty();
        }
      }
    } catch (GeneralSecurityException | RuntimeException notUsable) {
      return Optional.empty();
    }
    return Optional.of(agreement);
  }

  /**
   * ACCP: a private key built from the scalar alone gets its public key computed by AWS-LC (a
   * multiplication of the generator); the key's {@code getPublicKey} hands it out.
   */
  private static BaseMultiplier accpMultiplier(Provider accp) {
    Method derivePublic;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", accp);
      generator.initialize(new ECGenParameterSpec(CURVES.get(0)));
      Class<?> privateKeyClass = generator.generateKeyPair().getPrivate().getClass();
      derivePublic = privateKeyClass.getMethod("getPublicKey");
      derivePublic.setAccessible(true);
    } catch (GeneralSecurityException | ReflectiveOperationException | RuntimeException absent) {
      return null;
    }
    return (k, params) -> {
      PrivateKey scalarOnly =
          KeyFactory.getInstance("EC", accp).generatePrivate(new ECPrivateKeySpec(k, params));
      Object publicKey;
      try {
        publicKey = derivePublic.invoke(scalarOnly);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new GeneralSecurityException("ACCP did not derive the public key", e);
      }
      if (!(publicKey instanceof ECPublicKey point)) {
        throw new GeneralSecurityException("ACCP derived no EC public key");
      }
      return x(point, params);
    };
  }

  /** Bouncy Castle's fixed-point comb over its own field arithmetic for the named curve. */
  private static final class BouncyCastleMultiplier implements BaseMultiplier {

    /** A named curve and its generator's x, by the curve's order. */
    private record Curve(X9ECParameters parameters, BigInteger generatorX) {}

    private final Map<BigInteger, Curve> curves = new ConcurrentHashMap<>();

    BouncyCastleMultiplier() {
      for (String name : CURVES) {
        X9ECParameters curve = CustomNamedCurves.getByName(name);
        curves.put(curve.getN(), new Curve(curve, curve.getG().getAffineXCoord().toBigInteger()));
      }
    }

    @Override
    public byte[] xOfMultiple(BigInteger k, ECParameterSpec params)
        throws GeneralSecurityException {
      Curve curve = curves.get(params.getOrder());
      if (curve == null || !curve.generatorX().equals(params.getGenerator().getAffineX())) {
        throw new GeneralSecurityException("not a curve of the own-key agreement");
      }
      ECPoint multiple =
          new FixedPointCombMultiplier().multiply(curve.parameters().getG(), k).normalize();
      if (multiple.isInfinity()) {
        throw new GeneralSecurityException("the multiple is the point at infinity");
      }
      return multiple.getAffineXCoord().getEncoded();
    }
  }

  /**
   * The x-coordinate of {@code point} in the field's length, as ECDH's Z: read from the end of its
   * SubjectPublicKeyInfo, an uncompressed point {@code 04 || x || y}, which costs ACCP less than
   * {@code getW} (that also rebuilds the curve's parameters from native code, per key object).
   */
  private static byte[] x(ECPublicKey point, ECParameterSpec params) {
    int length = (params.getCurve().getField().getFieldSize() + 7) / 8;
    byte[] encoded = point.getEncoded();
    int at = encoded == null ? -1 : encoded.length - 2 * length;
    if (at < 1 || encoded[at - 1] != 0x04) {
      return fieldBytes(point.getW().getAffineX(), params);
    }
    return Arrays.copyOfRange(encoded, at, at + length);
  }

  /** {@code x} in the field's length, left-padded, as ECDH's Z. */
  private static byte[] fieldBytes(BigInteger x, ECParameterSpec params) {
    int length = (params.getCurve().getField().getFieldSize() + 7) / 8;
    byte[] bytes = x.toByteArray();
    if (bytes.length == length) {
      return bytes;
    }
    byte[] out = new byte[length];
    int copy = Math.min(bytes.length, length);
    System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
    Arrays.fill(bytes, (byte) 0);
    return out;
  }
}
