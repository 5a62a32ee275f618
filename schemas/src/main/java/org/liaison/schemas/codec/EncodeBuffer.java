package org.liaison.schemas.codec;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * A growable byte buffer for one thread's encoding, without the locking of {@link
 * java.io.ByteArrayOutputStream}. After each use it is wiped (it held a notice in clear) and, when
 * a large value grew it past {@link #KEEP_BYTES}, let go so that one big notice does not pin its
 * size to the thread.
 */
final class EncodeBuffer extends OutputStream {

  static final int INITIAL_BYTES = 4096;
  static final int KEEP_BYTES = 256 * 1024;

  private byte[] bytes = new byte[INITIAL_BYTES];
  private int count;

  void reset() {
    count = 0;
  }

  int size() {
    return count;
  }

  int capacity() {
    return bytes.length;
  }

  @Override
  public void write(int b) {
    if (count == bytes.length) {
      grow(count + 1);
    }
    bytes[count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len > bytes.length - count) {
      grow(count + len);
    }
    System.arraycopy(b, off, bytes, count, len);
    count += len;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, count);
  }

  /** Wipes what was written and lets a grown array go. */
  void release() {
    Arrays.fill(bytes, 0, count, (byte) 0);
    if (bytes.length > KEEP_BYTES) {
      bytes = new byte[INITIAL_BYTES];
    }
    count = 0;
  }

  private void grow(int needed) {
    if (needed < 0) {
      throw new OutOfMemoryError("encoded value too large");
    }
    int doubled = bytes.length > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE - 8 : bytes.length * 2;
    bytes = Arrays.copyOf(bytes, Math.max(needed, doubled));
  }
}
