package org.liaison.pki.seal.cms;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal DER writer for the structures that sealing produces: single-byte tags, definite
 * lengths, and a tree of nodes whose lengths are known before anything is written, so that a whole
 * message is written once into one exactly sized array.
 *
 * <p>Why not Bouncy Castle's ASN.1 objects: sealing built a tree of them, encoded it through
 * growing output streams and, for signing time, formatted and parsed dates; that was about half of
 * the Java time of a seal. Parsing stays with Bouncy Castle (opening, and the tests that read what
 * this writes).
 */
final class Der {

  static final int INTEGER = 0x02;
  static final int OCTET_STRING = 0x04;
  static final int OBJECT_IDENTIFIER = 0x06;
  static final int UTC_TIME = 0x17;
  static final int GENERALIZED_TIME = 0x18;
  static final int SEQUENCE = 0x30;
  static final int SET = 0x31;

  /** Context-specific constructed [n]. */
  static int contextConstructed(int n) {
    return 0xA0 | n;
  }

  /** Context-specific primitive [n]. */
  static int contextPrimitive(int n) {
    return 0x80 | n;
  }

  private Der() {}

  /** A part of a message: its whole encoded length is known, and it writes itself. */
  abstract static class Node {
    /** The length of the whole encoding, header included. */
    abstract int length();

    /** Writes the encoding at {@code offset}; returns the offset after it. */
    abstract int write(byte[] out, int offset);

    /** The encoding in an array of its own. */
    final byte[] encode() {
      byte[] out = new byte[length()];
      int end = write(out, 0);
      if (end != out.length) {
        throw new IllegalStateException("DER length mismatch: " + end + " != " + out.length);
      }
      return out;
    }
  }

  /** An element that is already encoded, written as it is. */
  static Node encoded(byte[] tlv) {
    return new Slice(-1, tlv, 0, tlv.length);
  }

  /** {@code tag}, the length, then {@code content} (e.g. an OCTET STRING's octets). */
  static Node primitive(int tag, byte[] content) {
    return new Slice(checkTag(tag), content, 0, content.length);
  }

  /** {@code tag}, the length, then {@code length} octets of {@code content} from {@code offset}. */
  static Node primitive(int tag, byte[] content, int offset, int length) {
    if (offset < 0 || length < 0 || offset > content.length - length) {
      throw new IndexOutOfBoundsException(
          "slice " + offset + "+" + length + " of " + content.length);
    }
    return new Slice(checkTag(tag), content, offset, length);
  }

  /**
   * {@code element} (one DER element) with its tag replaced by {@code tag}: how an IMPLICIT tag is
   * written over a type that is already encoded.
   */
  static Node retagged(int tag, byte[] element) {
    int header = headerLengthOf(element);
    return primitive(tag, element, header, element.length - header);
  }

  /** The length of the tag and length octets at the start of the DER element {@code element}. */
  static int headerLengthOf(byte[] element) {
    if (element.length < 2 || (element[0] & 0x1F) == 0x1F) {
      throw new IllegalArgumentException("not a single-octet-tag element");
    }
    int first = element[1] & 0xFF;
    if (first == 0x80) {
      throw new IllegalArgumentException("indefinite length");
    }
    int header = first < 0x80 ? 2 : 2 + (first & 0x7F);
    if (header > element.length) {
      throw new IllegalArgumentException("truncated element");
    }
    return header;
  }

  /**
   * {@code tag}, the length, and room for {@code length} octets of content that the caller fills in
   * the encoded message, at {@link Reserved#contentOffset()}: for content produced straight into
   * the message, such as a ciphertext.
   */
  static Reserved reserved(int tag, int length) {
    if (length < 0) {
      throw new IllegalArgumentException("negative length");
    }
    return new Reserved(checkTag(tag), length);
  }

  /** {@code tag} over the concatenated encodings of {@code children}, in their order. */
  static Node constructed(int tag, Node... children) {
    return new Constructed(checkTag(tag), children);
  }

  /** {@code tag} over the concatenated encodings of {@code children}, in their order. */
  static Node constructed(int tag, List<Node> children) {
    return new Constructed(checkTag(tag), children.toArray(new Node[0]));
  }

  /**
   * A SET OF in DER order: the elements' encodings sorted as octet strings (X.690 11.6). The
   * elements are given encoded, since sorting needs their encodings anyway.
   */
  static byte[] setOf(List<byte[]> elements) {
    byte[][] sorted = elements.toArray(new byte[0][]);
    Arrays.sort(sorted, Arrays::compareUnsigned);
    Node[] children = new Node[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      children[i] = encoded(sorted[i]);
    }
    return constructed(SET, children).encode();
  }

  /** The DER INTEGER of {@code value} (minimal two's complement). */
  static byte[] integer(BigInteger value) {
    return primitive(INTEGER, value.toByteArray()).encode();
  }

  /** The DER INTEGER of a small non-negative {@code value}. */
  static byte[] integer(int value) {
    return integer(BigInteger.valueOf(value));
  }

  /**
   * A CMS Time (RFC 5652 section 11.3): UTCTime {@code YYMMDDHHMMSSZ} for 1950 to 2049, otherwise
   * GeneralizedTime {@code YYYYMMDDHHMMSSZ}; to the second (fractions are cut, as they may not
   * appear), always in UTC.
   */
  static byte[] time(Instant instant) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    int year = t.getYear();
    boolean utc = year >= 1950 && year <= 2049;
    if (!utc && (year < 0 || year > 9999)) {
      throw new IllegalArgumentException("signing time out of range: " + instant);
    }
    byte[] out = new byte[utc ? 15 : 17];
    out[0] = (byte) (utc ? UTC_TIME : GENERALIZED_TIME);
    out[1] = (byte) (out.length - 2);
    int i = 2;
    if (!utc) {
      i = twoDigits(out, i, year / 100);
    }
    i = twoDigits(out, i, year % 100);
    i = twoDigits(out, i, t.getMonthValue());
    i = twoDigits(out, i, t.getDayOfMonth());
    i = twoDigits(out, i, t.getHour());
    i = twoDigits(out, i, t.getMinute());
    i = twoDigits(out, i, t.getSecond());
    out[i] = 'Z';
    return out;
  }

  private static int twoDigits(byte[] out, int i, int value) {
    out[i] = (byte) ('0' + value / 10);
    out[i + 1] = (byte) ('0' + value % 10);
    return i + 2;
  }

  /** The length of a header (tag and length octets) for {@code contentLength} octets. */
  static int headerLength(int contentLength) {
    if (contentLength < 0) {
      throw new IllegalArgumentException("negative length");
    }
    if (contentLength < 0x80) {
      return 2;
    }
    int octets = 0;
    for (int v = contentLength; v != 0; v >>>= 8) {
      octets++;
    }
    return 2 + octets;
  }

  /** Writes a tag and a definite length; returns the offset after them. */
  static int writeHeader(byte[] out, int offset, int tag, int contentLength) {
    out[offset++] = (byte) tag;
    int header = headerLength(contentLength);
    if (header == 2) {
      out[offset++] = (byte) contentLength;
      return offset;
    }
    int octets = header - 2;
    out[offset++] = (byte) (0x80 | octets);
    for (int shift = 8 * (octets - 1); shift >= 0; shift -= 8) {
      out[offset++] = (byte) (contentLength >>> shift);
    }
    return offset;
  }

  private static int checkTag(int tag) {
    if (tag < 0 || tag > 0xFF || (tag & 0x1F) == 0x1F) {
      throw new IllegalArgumentException("not a single-octet tag: " + tag);
    }
    return tag;
  }

  private static int add(int a, int b) {
    return Math.addExact(a, b);
  }

  /** Pre-encoded bytes ({@code tag} -1), or a tag and length over a slice of an array. */
  private static final class Slice extends Node {
    private final int tag;
    private final byte[] bytes;
    private final int offset;
    private final int contentLength;
    private final int length;

    Slice(int tag, byte[] bytes, int offset, int contentLength) {
      this.tag = tag;
      this.bytes = bytes;
      this.offset = offset;
      this.contentLength = contentLength;
      this.length = tag < 0 ? contentLength : add(headerLength(contentLength), contentLength);
    }

    @Override
    int length() {
      return length;
    }

    @Override
    int write(byte[] out, int at) {
      if (tag >= 0) {
        at = writeHeader(out, at, tag, contentLength);
      }
      System.arraycopy(bytes, offset, out, at, contentLength);
      return at + contentLength;
    }
  }

  /** A tag and length over content left as zeros, whose place is known once written. */
  static final class Reserved extends Node {
    private final int tag;
    private final int contentLength;
    private final int length;
    private int contentOffset = -1;

    private Reserved(int tag, int contentLength) {
      this.tag = tag;
      this.contentLength = contentLength;
      this.length = add(headerLength(contentLength), contentLength);
    }

    /** Where the content goes in the array this node was last written to. */
    int contentOffset() {
      if (contentOffset < 0) {
        throw new IllegalStateException("not written yet");
      }
      return contentOffset;
    }

    @Override
    int length() {
      return length;
    }

    @Override
    int write(byte[] out, int at) {
      at = writeHeader(out, at, tag, contentLength);
      contentOffset = at;
      return at + contentLength;
    }
  }

  private static final class Constructed extends Node {
    private final int tag;
    private final Node[] children;
    private final int contentLength;
    private final int length;

    Constructed(int tag, Node[] children) {
      this.tag = tag;
      this.children = children;
      int content = 0;
      for (Node child : children) {
        content = add(content, child.length());
      }
      this.contentLength = content;
      this.length = add(headerLength(content), content);
    }

    @Override
    int length() {
      return length;
    }

    @Override
    int write(byte[] out, int at) {
      at = writeHeader(out, at, tag, contentLength);
      for (Node child : children) {
        at = child.write(out, at);
      }
      return at;
    }
  }
}
