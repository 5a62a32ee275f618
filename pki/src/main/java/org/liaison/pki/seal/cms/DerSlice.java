package org.liaison.pki.seal.cms;

import java.util.Arrays;

/**
 * A range of a byte array as a map key, compared by content: to look encodings up in a cache
 * straight from the message, without copying them first.
 *
 * <p>The hash covers the length and the last 64 bytes only: for a certificate those are its
 * signature, which tells certificates apart as well as the whole would, at a tenth of the cost;
 * {@link #equals} compares every byte. A key that is kept must own its bytes ({@link #copy}), so
 * that it does not hold on to the message it was read from.
 */
public final class DerSlice {

  private static final int HASHED = 64;

  private final byte[] buf;
  private final int from;
  private final int to;
  private final int hash;

  public DerSlice(byte[] buf, int from, int to) {
    this.buf = buf;
    this.from = from;
    this.to = to;
    int h = to - from;
    for (int i = Math.max(from, to - HASHED); i < to; i++) {
      h = 31 * h + buf[i];
    }
    this.hash = h;
  }

  /** The whole encoding of {@code tlv}. */
  public static DerSlice of(DerReader.Tlv tlv) {
    return new DerSlice(tlv.buf(), tlv.start(), tlv.end());
  }

  /** The same key over a copy of its bytes, to keep. */
  public DerSlice copy() {
    return new DerSlice(bytes(), 0, to - from);
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return Arrays.copyOfRange(buf, from, to);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DerSlice other
        && other.hash == hash
        && Arrays.equals(buf, from, to, other.buf, other.from, other.to);
  }
}
