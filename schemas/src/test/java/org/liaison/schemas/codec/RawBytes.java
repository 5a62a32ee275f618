package org.liaison.schemas.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes Avro binary by hand, to build inputs that no well-behaved encoder would produce. */
final class RawBytes {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Starts with the single-object header for {@code fingerprint}. */
  static RawBytes header(long fingerprint) {
    RawBytes raw = new RawBytes();
    raw.out.write(0xC3);
    raw.out.write(0x01);
    for (int i = 0; i < 8; i++) {
      raw.out.write((int) (fingerprint >>> (8 * i)));
    }
    return raw;
  }

  /** A zig-zag varint, as Avro writes int and long. */
  RawBytes varint(long value) {
    long n = (value << 1) ^ (value >> 63);
    while ((n & ~0x7FL) != 0) {
      out.write((int) ((n & 0x7F) | 0x80));
      n >>>= 7;
    }
    out.write((int) n);
    return this;
  }

  RawBytes string(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    varint(utf8.length);
    out.writeBytes(utf8);
    return this;
  }

  RawBytes bytes(int... values) {
    for (int value : values) {
      out.write(value);
    }
    return this;
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
