package org.liaison.schemas.codec;

import org.apache.avro.Schema;

/**
 * Walks Avro binary data along its writer schema without building anything, to check every length,
 * count, index and the nesting depth against the limits and against the bytes actually present.
 * Only after this walk succeeds does Avro decode for real, so Avro never sizes a buffer or a list
 * from an unchecked number.
 */
final class BoundedPreScan {

  private final byte[] buf;
  private final int end;
  private final DecodeLimits limits;
  private int pos;
  private long totalItems;

  private BoundedPreScan(byte[] buf, int off, int len, DecodeLimits limits) {
    this.buf = buf;
    this.pos = off;
    this.end = off + len;
    this.limits = limits;
  }

  /** Checks that {@code buf[off, off+len)} holds exactly one value of {@code writer}. */
  static void scan(Schema writer, byte[] buf, int off, int len, DecodeLimits limits) {
    BoundedPreScan scan = new BoundedPreScan(buf, off, len, limits);
    scan.value(writer, 0);
    if (scan.pos != scan.end) {
      throw new DecodeException(
          DecodeReason.TRAILING_BYTES, (scan.end - scan.pos) + " bytes after the value");
    }
  }

  private void value(Schema schema, int depth) {
    switch (schema.getType()) {
      case NULL -> {}
      case BOOLEAN -> {
        if ((readByte() & 0xff) > 1) {
          throw malformed("boolean that is neither 0 nor 1");
        }
      }
      case INT -> readInt();
      case LONG -> readLong();
      case FLOAT -> skip(4);
      case DOUBLE -> skip(8);
      case STRING -> skipSized(limits.maxStringBytes(), "string");
      case BYTES -> skipSized(limits.maxBytesFieldBytes(), "bytes value");
      case FIXED -> skip(schema.getFixedSize());
      case ENUM -> index(schema.getEnumSymbols().size(), "enum " + schema.getName());
      case UNION -> {
        int branch = index(schema.getTypes().size(), "union");
        value(schema.getTypes().get(branch), depth);
      }
      case RECORD -> {
        int inner = enter(depth);
        for (Schema.Field field : schema.getFields()) {
          value(field.schema(), inner);
        }
      }
      case ARRAY -> items(schema.getElementType(), false, enter(depth));
      case MAP -> items(schema.getValueType(), true, enter(depth));
    }
  }

  private void items(Schema element, boolean withKeys, int depth) {
    long inCollection = 0;
    while (true) {
      long count = readLong();
      if (count == 0) {
        return;
      }
      if (count < 0) {
        if (count == Long.MIN_VALUE) {
          throw malformed("collection block count out of range");
        }
        count = -count;
        if (readLong() < 0) {
          throw malformed("negative collection block size");
        }
      }
      inCollection += count;
      if (inCollection > limits.maxItemsPerCollection()) {
        throw limit("collection of more than " + limits.maxItemsPerCollection() + " items");
      }
      totalItems += count;
      if (totalItems > limits.maxTotalItems()) {
        throw limit("more than " + limits.maxTotalItems() + " items in all collections");
      }
      for (long i = 0; i < count; i++) {
        if (withKeys) {
          skipSized(limits.maxStringBytes(), "map key");
        }
        value(element, depth);
      }
    }
  }

  private int enter(int depth) {
    int inner = depth + 1;
    if (inner > limits.maxDepth()) {
      throw limit("nesting deeper than " + limits.maxDepth());
    }
    return inner;
  }

  private int index(int size, String what) {
    int index = readInt();
    if (index < 0 || index >= size) {
      throw malformed(what + " index " + index + " outside 0.." + (size - 1));
    }
    return index;
  }

  private void skipSized(int max, String what) {
    long length = readLong();
    if (length < 0) {
      throw malformed("negative length of a " + what);
    }
    if (length > max) {
      throw limit(what + " of " + length + " bytes, more than " + max);
    }
    skip((int) length);
  }

  private void skip(int count) {
    if (count > end - pos) {
      throw truncated();
    }
    pos += count;
  }

  private byte readByte() {
    if (pos >= end) {
      throw truncated();
    }
    return buf[pos++];
  }

  /** Zig-zag varint of at most 5 bytes, read as Avro's BinaryDecoder reads it. */
  private int readInt() {
    int n = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = readByte() & 0xff;
      n |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (n >>> 1) ^ -(n & 1);
      }
    }
    throw malformed("int varint longer than 5 bytes");
  }

  /** Zig-zag varint of at most 10 bytes. */
  private long readLong() {
    long n = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      long b = readByte() & 0xff;
      n |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (n >>> 1) ^ -(n & 1);
      }
    }
    throw malformed("long varint longer than 10 bytes");
  }

  private DecodeException truncated() {
    return new DecodeException(
        DecodeReason.TRUNCATED, "input ends inside the value, at offset " + pos);
  }

  private static DecodeException malformed(String message) {
    return new DecodeException(DecodeReason.MALFORMED, message);
  }

  private static DecodeException limit(String message) {
    return new DecodeException(DecodeReason.LIMIT_EXCEEDED, message);
  }
}
