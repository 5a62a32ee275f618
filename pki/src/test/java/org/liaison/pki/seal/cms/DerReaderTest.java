package org.liaison.pki.seal.cms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.liaison.pki.seal.cms.DerReader.Malformed;
import org.liaison.pki.seal.cms.DerReader.NotDer;
import org.liaison.pki.seal.cms.DerReader.Tlv;

class DerReaderTest {

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  private static void validate(byte[] b) throws Malformed, NotDer {
    DerReader.validate(b, 0, b.length);
  }

  /** SEQUENCE { INTEGER 5, SEQUENCE { OID 1.2.840.113549.1.7.1, [0] { OCTET STRING "abc" } } } */
  private static final byte[] NESTED =
      hex("30 17 02 01 05 30 12 06 09 2a864886f70d010701 a0 05 04 03 616263 ");

  @Test
  void readsNestedTlvsAsSlicesOfTheInput() throws Exception {
    validate(NESTED);
    DerReader outer = new DerReader(NESTED).next(DerReader.SEQUENCE).reader();
    Tlv integer = outer.next(DerReader.INTEGER);
    assertThat(integer.value()).containsExactly(5);
    DerReader inner = outer.next(DerReader.SEQUENCE).reader();
    outer.end();
    Tlv oid = inner.next(DerReader.OID);
    assertThat(DerReader.dotted(oid)).isEqualTo("1.2.840.113549.1.7.1");
    DerReader explicit = inner.next(0xA0).reader();
    Tlv octets = explicit.nextOctetString();
    assertThat(octets.buf()).isSameAs(NESTED);
    assertThat(octets.octets()).containsExactly('a', 'b', 'c');
    assertThat(inner.optional(0xA1)).isNull();
    inner.end();
  }

  @Test
  void everyTruncationIsMalformedNeverAnotherException() {
    for (int length = 0; length < NESTED.length; length++) {
      int at = length;
      assertThatThrownBy(() -> DerReader.validate(NESTED, 0, at))
          .as("truncated to %d bytes", at)
          .isInstanceOf(Malformed.class);
    }
  }

  @Test
  void lengthsPastTheEndAreMalformed() {
    // inner length 3 in a 2-byte outer value; outer length longer than the input
    assertThatThrownBy(() -> validate(hex("30 03 02 03 05"))).isInstanceOf(Malformed.class);
    assertThatThrownBy(() -> validate(hex("30 05 02 01 05"))).isInstanceOf(Malformed.class);
    // a four-octet length of 2 GB, and a five-octet length
    assertThatThrownBy(() -> validate(hex("04 84 7fffffff 00"))).isInstanceOf(Malformed.class);
    assertThatThrownBy(() -> validate(hex("04 85 0000000001 00"))).isInstanceOf(Malformed.class);
    // a length whose octets are cut off
    assertThatThrownBy(() -> validate(hex("04 82 01"))).isInstanceOf(Malformed.class);
  }

  @Test
  void trailingBytesAreMalformed() {
    assertThatThrownBy(() -> validate(hex("30 03 02 01 05 00"))).isInstanceOf(Malformed.class);
    assertThatThrownBy(() -> DerReader.normalise(hex("30 80 02 01 05 00 00 ff")))
        .isInstanceOf(Malformed.class);
  }

  @Test
  void indefiniteLengthsAreNormalisedOnceByBouncyCastle() throws Exception {
    byte[] ber = hex("30 80 02 01 05 24 80 04 02 aabb 04 01 cc 00 00 00 00");
    assertThatThrownBy(() -> validate(ber)).isInstanceOf(NotDer.class);
    byte[] dl = DerReader.normalise(ber);
    assertThat(dl).isEqualTo(hex("30 08 02 01 05 04 03 aabbcc"));
    validate(dl);
  }

  @Test
  void lengthsNotInTheirShortestFormAreNormalised() throws Exception {
    byte[] ber = hex("04 81 02 aabb");
    assertThatThrownBy(() -> validate(ber)).isInstanceOf(NotDer.class);
    assertThat(DerReader.normalise(ber)).isEqualTo(hex("04 02 aabb"));
    assertThatThrownBy(() -> validate(hex("04 82 0002 aabb"))).isInstanceOf(NotDer.class);
  }

  @Test
  void aDefiniteConstructedOctetStringIsReadWithoutNormalising() throws Exception {
    byte[] der = hex("24 09 04 02 aabb 24 03 04 01 cc");
    validate(der);
    assertThat(new DerReader(der).nextOctetString().octets()).isEqualTo(hex("aabbcc"));
    assertThatThrownBy(() -> validate(hex("24 03 02 01 05"))).isInstanceOf(Malformed.class);
  }

  @Test
  void anIndefiniteLengthOnAPrimitiveIsMalformed() {
    assertThatThrownBy(() -> validate(hex("04 80 aa 00 00"))).isInstanceOf(Malformed.class);
    assertThatThrownBy(() -> DerReader.normalise(hex("04 80 aa 00 00")))
        .isInstanceOf(Malformed.class);
  }

  @Test
  void primitivesBouncyCastleRefusesAreMalformed() {
    assertThatThrownBy(() -> validate(hex("02 02 0005"))).isInstanceOf(Malformed.class);
    assertThatThrownBy(() -> validate(hex("02 02 ff80"))).isInstanceOf(Malformed.class);
    assertThatThrownBy(() -> validate(hex("02 00"))).isInstanceOf(Malformed.class);
    assertThatThrownBy(() -> validate(hex("06 02 2a 80"))).isInstanceOf(Malformed.class);
    assertThatThrownBy(() -> validate(hex("06 02 80 01"))).isInstanceOf(Malformed.class);
    assertThatThrownBy(() -> validate(hex("05 01 00"))).isInstanceOf(Malformed.class);
    assertThatThrownBy(() -> validate(hex("01 02 0000"))).isInstanceOf(Malformed.class);
    assertThatThrownBy(() -> validate(hex("03 01 01"))).isInstanceOf(Malformed.class);
    assertThatThrownBy(() -> validate(hex("03 02 08 00"))).isInstanceOf(Malformed.class);
  }

  @Test
  void hostileNestingIsRefusedWithoutRecursingDeep() {
    byte[] body = new byte[0];
    for (int i = 0; i < 100; i++) {
      body = DerReader.encode(DerReader.SEQUENCE, body);
    }
    byte[] nested = body;
    assertThatThrownBy(() -> validate(nested)).isInstanceOf(Malformed.class);
  }

  @Test
  void encodeWritesShortestLengths() throws Exception {
    for (int n : new int[] {0, 127, 128, 255, 256, 65535, 65536}) {
      byte[] tlv = DerReader.encode(DerReader.OCTET_STRING, new byte[n]);
      validate(tlv);
      assertThat(new DerReader(tlv).next().length()).isEqualTo(n);
    }
  }

  @Test
  void signingTimesAreReadStrictly() throws Exception {
    assertThat(DerTime.parse(time("17 0d 3236313132383134333030355a")))
        .isEqualTo(Instant.parse("2026-11-28T14:30:05Z"));
    assertThat(DerTime.parse(time("17 0d 3939313233313233353935395a")))
        .isEqualTo(Instant.parse("1999-12-31T23:59:59Z"));
    assertThat(DerTime.parse(time("18 0f 32303530303130313030303030305a")))
        .isEqualTo(Instant.parse("2050-01-01T00:00:00Z"));
    assertThat(DerTime.parse(time("18 13 32303236313132383134333030352e3132355a")))
        .isEqualTo(Instant.parse("2026-11-28T14:30:05.125Z"));
    // month 13; no seconds; an offset instead of Z; a trailing zero in the fraction
    for (String bad :
        new String[] {
          "17 0d 3236313332383134333030355a",
          "17 0b 323631313238313433305a",
          "17 11 3236313132383134333030352b30313030",
          "18 13 32303236313132383134333030352e3132305a",
          "04 0d 3236313132383134333030355a"
        }) {
      assertThatThrownBy(() -> DerTime.parse(time(bad))).as(bad).isInstanceOf(Malformed.class);
    }
  }

  private static Tlv time(String hex) throws Exception {
    return new DerReader(hex(hex)).next();
  }
}
