package org.liaison.pki.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The constant-time product agrees with {@code BigInteger} arithmetic on every kind of operand. */
class ScalarProductTest {

  /** The orders of P-256, P-384 and P-521, and small odd moduli that exercise one and two limbs. */
  static List<BigInteger> orders() {
    return List.of(
        CustomNamedCurves.getByName("secp256r1").getN(),
        CustomNamedCurves.getByName("secp384r1").getN(),
        CustomNamedCurves.getByName("secp521r1").getN(),
        BigInteger.valueOf(0xfffffffbL),
        BigInteger.valueOf(3),
        new BigInteger("ffffffffffffffc5", 16));
  }

  @ParameterizedTest
  @MethodSource("orders")
  void randomProductsEqualBigIntegerArithmetic(BigInteger n) {
    ScalarProduct product = new ScalarProduct(n);
    SplittableRandom random = new SplittableRandom(n.longValue());
    for (int i = 0; i < 20_000; i++) {
      BigInteger a = below(n, random);
      BigInteger b = below(n, random);
      assertThat(product.multiply(a, b)).as("%s * %s", a, b).isEqualTo(a.multiply(b).mod(n));
    }
  }

  @ParameterizedTest
  @MethodSource("orders")
  void edgeOperandsEqualBigIntegerArithmetic(BigInteger n) {
    ScalarProduct product = new ScalarProduct(n);
    List<BigInteger> edges = new ArrayList<>();
    for (BigInteger candidate :
        List.of(
            BigInteger.ZERO,
            BigInteger.ONE,
            BigInteger.TWO,
            n.subtract(BigInteger.ONE),
            n.subtract(BigInteger.TWO),
            n.shiftRight(1),
            n.shiftRight(1).add(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(n.bitLength() - 1),
            BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(32))) {
      if (candidate.signum() >= 0 && candidate.compareTo(n) < 0) {
        edges.add(candidate);
      }
    }
    for (BigInteger a : edges) {
      for (BigInteger b : edges) {
        assertThat(product.multiply(a, b)).as("%s * %s", a, b).isEqualTo(a.multiply(b).mod(n));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("orders")
  void operandsOutsideTheGroupAreRefused(BigInteger n) {
    ScalarProduct product = new ScalarProduct(n);
    assertThatThrownBy(() -> product.multiply(n, BigInteger.ONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> product.multiply(BigInteger.ONE, BigInteger.ONE.negate()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @MethodSource("orders")
  void anEvenModulusIsRefused(BigInteger n) {
    assertThatThrownBy(() -> new ScalarProduct(n.add(BigInteger.ONE)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Uniform below n, with many values that have leading zero limbs or all-ones limbs. */
  private static BigInteger below(BigInteger n, SplittableRandom random) {
    int bits = random.nextInt(4) == 0 ? random.nextInt(1, n.bitLength() + 1) : n.bitLength();
    while (true) {
      byte[] bytes = new byte[(bits + 7) / 8];
      random.nextBytes(bytes);
      if (random.nextInt(8) == 0) {
        for (int i = 0; i < bytes.length; i += 1 + random.nextInt(4)) {
          bytes[i] = (byte) 0xff;
        }
      }
      BigInteger value = new BigInteger(1, bytes).shiftRight(bytes.length * 8 - bits);
      if (value.compareTo(n) < 0) {
        return value;
      }
    }
  }
}
