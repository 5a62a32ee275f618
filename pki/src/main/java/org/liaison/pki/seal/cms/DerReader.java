package org.liaison.pki.seal.cms;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * A strict, bounds-checked reader of definite-length DER-like TLVs over a byte array, handing out
 * {@link Tlv} slices of the array (no copies) in order.
 *
 * <p>Why: opening a notice through Bouncy Castle's CMS layer built an object tree of the whole
 * message, re-encoded parts of it and decrypted through streams; reading the few fields opening
 * needs straight from the bytes costs a fraction of that. Input that is valid BER but not in the
 * form this reader takes (indefinite lengths, constructed strings other than OCTET STRING, long
 * lengths not in their shortest form, tags it does not know) makes it throw {@link NotDer}: the
 * caller then has Bouncy Castle rewrite the input once in definite-length form ({@link #normalise})
 * and reads that. Everything else that does not parse is {@link Malformed}.
 */
public final class DerReader {

  public static final int BOOLEAN = 0x01;
  public static final int INTEGER = 0x02;
  public static final int BIT_STRING = 0x03;
  public static final int OCTET_STRING = 0x04;
  public static final int NULL = 0x05;
  public static final int OID = 0x06;
  public static final int UTC_TIME = 0x17;
  public static final int GENERALIZED_TIME = 0x18;
  public static final int SEQUENCE = 0x30;
  public static final int SET = 0x31;
  public static final int CONSTRUCTED_OCTET_STRING = 0x24;

  /** Deeper than any CMS structure Liaison reads; deeper input is refused, not recursed into. */
  static final int MAX_DEPTH = 48;

  /** The input does not parse: truncated, lengths past their end, wrong structure. */
  public static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    public Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /** Valid-looking BER that this reader does not take as it is: normalise it, then read again. */
  public static final class NotDer extends Exception {
    private static final long serialVersionUID = 1L;

    public NotDer(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * One TLV: {@code buf[start]} is its (first) identifier octet, its value is {@code
   * buf[valueStart..end)}.
   */
  public record Tlv(byte[] buf, int tag, int start, int valueStart, int end) {

    public int length() {
      return end - valueStart;
    }

    public boolean constructed() {
      return (tag & 0x20) != 0;
    }

    /** A reader over the value of this (constructed) TLV. */
    public DerReader reader() throws Malformed {
      if (!constructed()) {
        throw new Malformed("tag 0x" + Integer.toHexString(tag) + " is not constructed");
      }
      return new DerReader(buf, valueStart, end);
    }

    /** The whole TLV, copied. */
    public byte[] bytes() {
      return Arrays.copyOfRange(buf, start, end);
    }

    /** The whole TLV, copied, with its identifier octet replaced (e.g. IMPLICIT [0] to SET). */
    public byte[] retagged(int newTag) {
      byte[] copy = bytes();
      copy[0] = (byte) newTag;
      return copy;
    }

    /** The value, copied. */
    public byte[] value() {
      return Arrays.copyOfRange(buf, valueStart, end);
    }

    /** Whether the value equals {@code expected}, byte for byte. */
    public boolean valueEquals(byte[] expected) {
      return Arrays.equals(buf, valueStart, end, expected, 0, expected.length);
    }

    /** Whether the whole TLV equals {@code other}'s, byte for byte. */
    public boolean sameEncoding(Tlv other) {
      return Arrays.equals(buf, start, end, other.buf, other.start, other.end);
    }

    /**
     * The octets of an OCTET STRING, primitive or (IMPLICIT or not) constructed from primitive
     * OCTET STRING segments, copied.
     */
    public byte[] octets() throws Malformed {
      if (!constructed()) {
        return value();
      }
      int total = segmentLength(this, 0);
      byte[] out = new byte[total];
      copySegments(this, out, 0, 0);
      return out;
    }

    private static int segmentLength(Tlv t, int depth) throws Malformed {
      if (depth > MAX_DEPTH) {
        throw new Malformed("OCTET STRING segments nested too deep");
      }
      int total = 0;
      DerReader r = t.reader();
      while (r.hasMore()) {
        Tlv s = r.nextUnchecked();
        if (s.tag() == OCTET_STRING) {
          total += s.length();
        } else if (s.tag() == CONSTRUCTED_OCTET_STRING) {
          total += segmentLength(s, depth + 1);
        } else {
          throw new Malformed("a segment of a constructed OCTET STRING is not an OCTET STRING");
        }
      }
      return total;
    }

    private static int copySegments(Tlv t, byte[] out, int at, int depth) throws Malformed {
      DerReader r = t.reader();
      while (r.hasMore()) {
        Tlv s = r.nextUnchecked();
        if (s.tag() == OCTET_STRING) {
          System.arraycopy(s.buf(), s.valueStart(), out, at, s.length());
          at += s.length();
        } else {
          at = copySegments(s, out, at, depth + 1);
        }
      }
      return at;
    }
  }

  private final byte[] buf;
  private final int end;
  private int pos;

  public DerReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  public DerReader(byte[] buf, int off, int end) {
    if (off < 0 || end > buf.length || off > end) {
      throw new IndexOutOfBoundsException(off + ".." + end + " of " + buf.length);
    }
    this.buf = buf;
    this.pos = off;
    this.end = end;
  }

  public boolean hasMore() {
    return pos < end;
  }

  /** The identifier octet of the next TLV, or -1 at the end. */
  public int peekTag() {
    return pos < end ? buf[pos] & 0xFF : -1;
  }

  /** The next TLV whatever its tag. */
  public Tlv next() throws Malformed, NotDer {
    return read(true);
  }

  /** The next TLV, which must have the identifier octet {@code tag}. */
  public Tlv next(int tag) throws Malformed, NotDer {
    if (peekTag() != tag) {
      throw new Malformed(
          "expected tag 0x" + Integer.toHexString(tag) + ", found " + describe(peekTag()));
    }
    return read(true);
  }

  /** The next TLV if it has the identifier octet {@code tag}, else null (and nothing is read). */
  public Tlv optional(int tag) throws Malformed, NotDer {
    return peekTag() == tag ? read(true) : null;
  }

  /** An OCTET STRING, primitive or constructed. */
  public Tlv nextOctetString() throws Malformed, NotDer {
    int tag = peekTag();
    if (tag != OCTET_STRING && tag != CONSTRUCTED_OCTET_STRING) {
      throw new Malformed("expected an OCTET STRING, found " + describe(tag));
    }
    return read(true);
  }

  /** Fails unless everything was read. */
  public void end() throws Malformed {
    if (pos != end) {
      throw new Malformed((end - pos) + " bytes after the last expected element");
    }
  }

  /** For input already {@link #validate validated}: the next TLV without the NotDer checks. */
  Tlv nextUnchecked() throws Malformed {
    try {
      return read(false);
    } catch (NotDer e) {
      throw new Malformed(e.getMessage());
    }
  }

  private Tlv read(boolean strict) throws Malformed, NotDer {
    int start = pos;
    if (start >= end) {
      throw new Malformed("no element where one is expected");
    }
    long header = header(buf, start, end, strict);
    int valueStart = (int) (header >>> 32);
    pos = valueStart + (int) header;
    return new Tlv(buf, buf[start] & 0xFF, start, valueStart, pos);
  }

  /**
   * Reads the identifier and length octets of the TLV at {@code start}, which must lie within
   * {@code end} with its value: returns the value's start (high 32 bits) and length (low 32 bits).
   * Allocates nothing, so that validating a whole message costs no garbage.
   */
  private static long header(byte[] buf, int start, int end, boolean strict)
      throws Malformed, NotDer {
    int p = start;
    int tag = buf[p++] & 0xFF;
    if ((tag & 0x1F) == 0x1F) {
      // High tag number: skip its base-128 octets (never a tag opening reads, but it may be
      // inside an opaque part).
      int n = 0;
      while (true) {
        if (p >= end) {
          throw new Malformed("truncated tag");
        }
        int b = buf[p++] & 0xFF;
        if (n == 0 && b == 0x80) {
          throw notDer(strict, "tag number not in its shortest form");
        }
        if (++n > 4) {
          throw new Malformed("tag number too long");
        }
        if ((b & 0x80) == 0) {
          break;
        }
      }
    }
    if (p >= end) {
      throw new Malformed("truncated length");
    }
    int first = buf[p++] & 0xFF;
    long length;
    if (first < 0x80) {
      length = first;
    } else if (first == 0x80) {
      if ((tag & 0x20) == 0) {
        throw new Malformed("indefinite length on a primitive encoding");
      }
      throw notDer(strict, "indefinite length");
    } else {
      int n = first & 0x7F;
      if (n > 4) {
        throw new Malformed("length of " + n + " octets");
      }
      if (end - p < n) {
        throw new Malformed("truncated length");
      }
      length = 0;
      for (int i = 0; i < n; i++) {
        length = (length << 8) | (buf[p++] & 0xFF);
      }
      if (length < 0x80 || buf[p - n] == 0) {
        throw notDer(strict, "length not in its shortest form");
      }
    }
    if (length > end - p) {
      throw new Malformed("a length of " + length + " runs past the end (" + (end - p) + " left)");
    }
    return ((long) p << 32) | length;
  }

  private static NotDer notDer(boolean strict, String what) throws Malformed {
    if (!strict) {
      throw new Malformed(what);
    }
    return new NotDer(what);
  }

  private static String describe(int tag) {
    return tag < 0 ? "the end" : "tag 0x" + Integer.toHexString(tag);
  }

  /**
   * Checks that {@code buf[off..end)} is exactly one TLV tree in the form this reader takes, with
   * every primitive whose content Bouncy Castle checks when it parses (INTEGER, OBJECT IDENTIFIER,
   * BOOLEAN, NULL, BIT STRING, the times, BMPString) well-formed. Reading the tree after that needs
   * no more than the structure checks.
   */
  public static void validate(byte[] buf, int off, int end) throws Malformed, NotDer {
    if (off < 0 || end > buf.length || off > end) {
      throw new IndexOutOfBoundsException(off + ".." + end + " of " + buf.length);
    }
    if (off == end) {
      throw new Malformed("no element where one is expected");
    }
    long header = header(buf, off, end, true);
    int valueStart = (int) (header >>> 32);
    int valueEnd = valueStart + (int) header;
    if (valueEnd != end) {
      throw new Malformed((end - valueEnd) + " bytes after the last expected element");
    }
    validateTlv(buf, buf[off] & 0xFF, valueStart, valueEnd, 0);
  }

  private static void validateTlv(byte[] buf, int tag, int valueStart, int valueEnd, int depth)
      throws Malformed, NotDer {
    if (depth > MAX_DEPTH) {
      throw new Malformed("nested more than " + MAX_DEPTH + " deep");
    }
    int cls = tag & 0xC0;
    if ((tag & 0x20) != 0) {
      if (cls == 0 && tag != SEQUENCE && tag != SET && tag != CONSTRUCTED_OCTET_STRING) {
        throw new NotDer("constructed universal tag 0x" + Integer.toHexString(tag));
      }
      int p = valueStart;
      while (p < valueEnd) {
        long header = header(buf, p, valueEnd, true);
        int childTag = buf[p] & 0xFF;
        int childStart = (int) (header >>> 32);
        int childEnd = childStart + (int) header;
        if (tag == CONSTRUCTED_OCTET_STRING
            && childTag != OCTET_STRING
            && childTag != CONSTRUCTED_OCTET_STRING) {
          throw new Malformed("a segment of a constructed OCTET STRING is not an OCTET STRING");
        }
        validateTlv(buf, childTag, childStart, childEnd, depth + 1);
        p = childEnd;
      }
      return;
    }
    if (cls != 0) {
      return; // tagged primitive: opaque until read with its type
    }
    checkPrimitive(buf, tag, valueStart, valueEnd);
  }

  private static void checkPrimitive(byte[] buf, int tag, int valueStart, int valueEnd)
      throws Malformed, NotDer {
    int length = valueEnd - valueStart;
    switch (tag) {
      case BOOLEAN -> {
        if (length != 1) {
          throw new Malformed("BOOLEAN of " + length + " octets");
        }
      }
      case INTEGER, 0x0A -> checkInteger(buf, valueStart, valueEnd);
      case BIT_STRING -> {
        if (length < 1) {
          throw new Malformed("empty BIT STRING");
        }
        int pad = buf[valueStart] & 0xFF;
        if (pad > 7 || (length == 1 && pad != 0)) {
          throw new Malformed("BIT STRING with " + pad + " unused bits");
        }
      }
      case OCTET_STRING -> {
        // any content
      }
      case NULL -> {
        if (length != 0) {
          throw new Malformed("NULL with content");
        }
      }
      case OID, 0x0D -> checkOid(buf, valueStart, valueEnd);
      case UTC_TIME, GENERALIZED_TIME -> {
        if (!DerTime.canonical(buf, tag, valueStart, valueEnd)) {
          checkTimeWithBouncyCastle(buf, tag, valueStart, valueEnd);
        }
      }
      case 0x1E -> {
        if (length % 2 != 0) {
          throw new Malformed("BMPString of odd length");
        }
      }
      case 0x07, 0x0C, 0x12, 0x13, 0x14, 0x15, 0x16, 0x19, 0x1A, 0x1B, 0x1C -> {
        // strings whose content Bouncy Castle takes as it is
      }
      default -> throw new NotDer("universal primitive tag 0x" + Integer.toHexString(tag));
    }
  }

  /**
   * A time not in the strict DER form: Bouncy Castle's parser judges it (it checks the format and
   * the calendar), so that what it refused is still refused.
   */
  private static void checkTimeWithBouncyCastle(byte[] buf, int tag, int valueStart, int valueEnd)
      throws Malformed {
    try {
      ASN1Primitive.fromByteArray(encode(tag, Arrays.copyOfRange(buf, valueStart, valueEnd)));
    } catch (IOException | RuntimeException e) {
      throw new Malformed("invalid time: " + e.getMessage());
    }
  }

  /** An INTEGER in its shortest two's-complement form, as Bouncy Castle requires. */
  public static void checkInteger(Tlv t) throws Malformed {
    checkInteger(t.buf(), t.valueStart(), t.end());
  }

  private static void checkInteger(byte[] b, int valueStart, int valueEnd) throws Malformed {
    int n = valueEnd - valueStart;
    if (n == 0) {
      throw new Malformed("empty INTEGER");
    }
    if (n > 1) {
      int v0 = b[valueStart];
      int v1 = b[valueStart + 1];
      if (v0 == (v1 >> 7)) {
        throw new Malformed("INTEGER not in its shortest form");
      }
    }
  }

  /** An OBJECT IDENTIFIER whose sub-identifiers are each in their shortest form. */
  public static void checkOid(Tlv t) throws Malformed {
    checkOid(t.buf(), t.valueStart(), t.end());
  }

  private static void checkOid(byte[] b, int valueStart, int valueEnd) throws Malformed {
    if (valueEnd - valueStart < 1) {
      throw new Malformed("empty OBJECT IDENTIFIER");
    }
    boolean subStart = true;
    for (int i = valueStart; i < valueEnd; i++) {
      if (subStart && (b[i] & 0xFF) == 0x80) {
        throw new Malformed("OBJECT IDENTIFIER sub-identifier not in its shortest form");
      }
      subStart = (b[i] & 0x80) == 0;
    }
    if (!subStart) {
      throw new Malformed("OBJECT IDENTIFIER ends inside a sub-identifier");
    }
  }

  /**
   * {@code input} as Bouncy Castle re-encodes it with definite lengths (BER segments joined,
   * shortest lengths), for {@link NotDer} input. Fails if Bouncy Castle cannot parse it as one
   * object, or finds bytes after it; its parser is bounded by the input's length.
   */
  public static byte[] normalise(byte[] input) throws Malformed {
    try {
      return ASN1Primitive.fromByteArray(input).getEncoded(ASN1Encoding.DL);
    } catch (IOException | RuntimeException e) {
      throw new Malformed("not BER: " + e.getMessage());
    } catch (StackOverflowError e) {
      // Hostile nesting inside indefinite lengths, where this reader could not see the depth.
      throw new Malformed("nested too deep");
    }
  }

  /** The content octets of {@code oid}'s encoding, to compare OBJECT IDENTIFIERs as bytes. */
  public static byte[] contentOf(ASN1ObjectIdentifier oid) {
    try {
      byte[] der = oid.getEncoded(ASN1Encoding.DER);
      return Arrays.copyOfRange(der, 2, der.length);
    } catch (IOException e) {
      throw new IllegalStateException("an OBJECT IDENTIFIER does not encode", e);
    }
  }

  /** The dotted form of an OBJECT IDENTIFIER for messages, or a placeholder if it is invalid. */
  public static String dotted(Tlv oid) {
    try {
      return ASN1ObjectIdentifier.getInstance(oid.bytes()).getId();
    } catch (RuntimeException e) {
      return "(invalid OBJECT IDENTIFIER)";
    }
  }

  /**
   * Algorithm identifiers already parsed, by encoding: the same few come in every notice. Bounded;
   * it starts over when full. Bouncy Castle's AlgorithmIdentifier is not changed after parsing.
   */
  private static final int MAX_ALGORITHMS = 64;

  private static final ConcurrentHashMap<DerSlice, AlgorithmIdentifier> ALGORITHMS =
      new ConcurrentHashMap<>();

  /**
   * {@link #algorithm}, kept for the next message with the same encoding. Not for identifiers that
   * carry a nonce (AES-GCM), which would only fill the cache.
   */
  public static AlgorithmIdentifier knownAlgorithm(Tlv t) throws Malformed {
    DerSlice key = DerSlice.of(t);
    AlgorithmIdentifier known = ALGORITHMS.get(key);
    if (known != null) {
      return known;
    }
    AlgorithmIdentifier parsed = algorithm(t);
    if (ALGORITHMS.size() >= MAX_ALGORITHMS) {
      ALGORITHMS.clear();
    }
    ALGORITHMS.put(key.copy(), parsed);
    return parsed;
  }

  /** Bouncy Castle's AlgorithmIdentifier of an encoded one (a small object; its checks apply). */
  public static AlgorithmIdentifier algorithm(Tlv t) throws Malformed {
    try {
      return AlgorithmIdentifier.getInstance(t.bytes());
    } catch (RuntimeException e) {
      throw new Malformed("not an AlgorithmIdentifier: " + e.getMessage());
    }
  }

  /** Encodes a definite-length TLV around {@code parts}, for the few values opening rebuilds. */
  public static byte[] encode(int tag, byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) {
      length += p.length;
    }
    int header =
        length < 0x80 ? 2 : length < 0x100 ? 3 : length < 0x10000 ? 4 : length < 0x1000000 ? 5 : 6;
    byte[] out = new byte[header + length];
    out[0] = (byte) tag;
    if (header == 2) {
      out[1] = (byte) length;
    } else {
      int n = header - 2;
      out[1] = (byte) (0x80 | n);
      for (int i = 0; i < n; i++) {
        out[2 + i] = (byte) (length >>> (8 * (n - 1 - i)));
      }
    }
    int at = header;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
