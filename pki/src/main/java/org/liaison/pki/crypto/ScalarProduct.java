package org.liaison.pki.crypto;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The product of two secret scalars modulo the (odd, prime) order of an elliptic-curve group,
 * computed with the same sequence of operations whatever the values: Montgomery multiplication over
 * fixed-length 32-bit limbs, with the final subtraction chosen by a mask rather than a branch.
 *
 * <p>Why not {@code BigInteger.multiply(..).mod(n)}: its running time follows the lengths of its
 * operands, and here they are private keys. This class leaves only the conversion from and to
 * {@code BigInteger} (which the JCA key interfaces impose) with length-dependent steps.
 */
final class ScalarProduct {

  private static final long MASK = 0xffffffffL;

  private final BigInteger order;
  private final int limbs;

  /** The order, least significant limb first. */
  private final int[] n;

  /** -n^-1 mod 2^32. */
  private final long inverse;

  /** R^2 mod n, with R = 2^(32 * limbs), to leave the Montgomery form. */
  private final int[] rSquared;

  ScalarProduct(BigInteger order) {
    if (order.signum() <= 0 || !order.testBit(0)) {
      throw new IllegalArgumentException("the order must be odd and positive");
    }
    this.order = order;
    this.limbs = (order.bitLength() + 31) / 32;
    this.n = limbsOf(order, limbs);
    int n0 = n[0];
    int x = n0; // Newton's iteration for n0^-1 mod 2^32: each step doubles the correct bits
    for (int i = 0; i < 5; i++) {
      x *= 2 - n0 * x;
    }
    this.inverse = (-x) & MASK;
    this.rSquared = limbsOf(BigInteger.ONE.shiftLeft(64 * limbs).mod(order), limbs);
  }

  /** The modulus. */
  BigInteger order() {
    return order;
  }

  /**
   * {@code a * b mod n}.
   *
   * @param a a scalar in [0, n)
   * @param b a scalar in [0, n)
   */
  BigInteger multiply(BigInteger a, BigInteger b) {
    if (a.signum() < 0 || b.signum() < 0 || a.compareTo(order) >= 0 || b.compareTo(order) >= 0) {
      throw new IllegalArgumentException("a scalar is out of range");
    }
    int[] x = limbsOf(a, limbs);
    int[] y = limbsOf(b, limbs);
    int[] xyOverR = montgomery(x, y);
    int[] xy = montgomery(xyOverR, rSquared);
    byte[] bytes = new byte[limbs * 4];
    for (int i = 0; i < limbs; i++) {
      int limb = xy[i];
      int at = bytes.length - 4 * (i + 1);
      bytes[at] = (byte) (limb >>> 24);
      bytes[at + 1] = (byte) (limb >>> 16);
      bytes[at + 2] = (byte) (limb >>> 8);
      bytes[at + 3] = (byte) limb;
    }
    BigInteger product = new BigInteger(1, bytes);
    Arrays.fill(x, 0);
    Arrays.fill(y, 0);
    Arrays.fill(xyOverR, 0);
    Arrays.fill(xy, 0);
    Arrays.fill(bytes, (byte) 0);
    return product;
  }

  /**
   * x * y / R mod n (CIOS: multiplication and reduction interleaved limb by limb), for x, y < n.
   * The running sum stays below 2n, so one subtraction of n at the end, applied or not by a mask,
   * brings it below n.
   */
  private int[] montgomery(int[] x, int[] y) {
    long[] t = new long[limbs + 2];
    for (int i = 0; i < limbs; i++) {
      long yi = y[i] & MASK;
      long carry = 0;
      for (int j = 0; j < limbs; j++) {
        long sum = t[j] + (x[j] & MASK) * yi + carry; // at most 2^64 - 1: fits, read unsigned
        t[j] = sum & MASK;
        carry = sum >>> 32;
      }
      long sum = t[limbs] + carry;
      t[limbs] = sum & MASK;
      t[limbs + 1] = sum >>> 32;

      long m = (t[0] * inverse) & MASK; // makes the lowest limb of t + m * n zero
      sum = t[0] + m * (n[0] & MASK);
      carry = sum >>> 32;
      for (int j = 1; j < limbs; j++) {
        sum = t[j] + m * (n[j] & MASK) + carry;
        t[j - 1] = sum & MASK;
        carry = sum >>> 32;
      }
      sum = t[limbs] + carry;
      t[limbs - 1] = sum & MASK;
      t[limbs] = t[limbs + 1] + (sum >>> 32);
    }
    int[] difference = new int[limbs];
    long borrow = 0;
    for (int j = 0; j < limbs; j++) {
      long d = t[j] - (n[j] & MASK) - borrow;
      difference[j] = (int) d;
      borrow = d >>> 63;
    }
    // t >= n exactly when the top limb covers the borrow: then keep t - n, else t.
    long keepDifference = ~((t[limbs] - borrow) >> 63);
    int[] out = new int[limbs];
    for (int j = 0; j < limbs; j++) {
      out[j] = (int) ((difference[j] & keepDifference) | (t[j] & ~keepDifference));
    }
    Arrays.fill(t, 0);
    Arrays.fill(difference, 0);
    return out;
  }

  /** {@code value} (non-negative, below 2^(32 * count)) as limbs, least significant first. */
  private static int[] limbsOf(BigInteger value, int count) {
    byte[] bytes = value.toByteArray(); // big-endian, with a sign byte where the top bit is set
    int[] out = new int[count];
    for (int i = 0; i < bytes.length && i < count * 4; i++) {
      int b = bytes[bytes.length - 1 - i] & 0xff;
      out[i / 4] |= b << (8 * (i % 4));
    }
    Arrays.fill(bytes, (byte) 0);
    return out;
  }
}
