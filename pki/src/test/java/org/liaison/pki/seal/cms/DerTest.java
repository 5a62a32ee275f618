package org.liaison.pki.seal.cms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.cms.Time;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The DER writer against Bouncy Castle's encoder, which it replaces on the sealing side. */
class DerTest {

  private static byte[] der(ASN1Encodable value) throws Exception {
    return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 127, 128, 255, 256, 65535, 65536, 70000})
  void lengthsAreDefiniteAndMinimalAsBouncyCastleWritesThem(int length) throws Exception {
    byte[] content = new byte[length];
    new Random(length).nextBytes(content);

    byte[] octets = Der.primitive(Der.OCTET_STRING, content).encode();
    byte[] nested =
        Der.constructed(
                Der.SEQUENCE,
                Der.primitive(Der.OCTET_STRING, content),
                Der.constructed(Der.contextConstructed(0), Der.encoded(octets)))
            .encode();

    assertThat(octets).isEqualTo(der(new DEROctetString(content)));
    assertThat(nested)
        .isEqualTo(
            der(
                new DERSequence(
                    new ASN1Encodable[] {
                      new DEROctetString(content),
                      new DERTaggedObject(true, 0, new DEROctetString(content))
                    })));
    assertThat(Der.headerLengthOf(octets)).isEqualTo(octets.length - length);
  }

  @Test
  void aSliceIsWrittenWithItsOwnLengthOnly() throws Exception {
    byte[] array = {1, 2, 3, 4, 5, 6};

    assertThat(Der.primitive(Der.OCTET_STRING, array, 2, 3).encode())
        .isEqualTo(der(new DEROctetString(new byte[] {3, 4, 5})));
    assertThatThrownBy(() -> Der.primitive(Der.OCTET_STRING, array, 4, 3))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> Der.primitive(Der.OCTET_STRING, array, -1, 1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void reservedRoomIsWhereItSaysOnceWritten() throws Exception {
    Der.Reserved room = Der.reserved(Der.OCTET_STRING, 200);
    byte[] message = Der.constructed(Der.SEQUENCE, Der.encoded(Der.integer(7)), room).encode();
    byte[] content = new byte[200];
    new Random(3).nextBytes(content);

    System.arraycopy(content, 0, message, room.contentOffset(), content.length);

    assertThat(message)
        .isEqualTo(
            der(
                new DERSequence(
                    new ASN1Encodable[] {new ASN1Integer(7), new DEROctetString(content)})));
    assertThatThrownBy(() -> Der.reserved(Der.OCTET_STRING, 1).contentOffset())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void retaggingKeepsTheContentAndReplacesTheTag() throws Exception {
    byte[] sequence = der(new DERSequence(new ASN1Integer(5)));

    assertThat(Der.retagged(Der.contextConstructed(1), sequence).encode())
        .isEqualTo(der(new DERTaggedObject(false, 1, new DERSequence(new ASN1Integer(5)))));
  }

  @Test
  void multiOctetTagsAreRefused() {
    assertThatThrownBy(() -> Der.constructed(0xBF)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Der.constructed(0x130)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSetOfIsSortedByEncodingAsDerRequires() throws Exception {
    Random random = new Random(7);
    List<byte[]> elements = new ArrayList<>();
    ASN1EncodableVector vector = new ASN1EncodableVector();
    for (int i = 0; i < 20; i++) {
      byte[] content = new byte[random.nextInt(300)];
      random.nextBytes(content);
      DEROctetString octets = new DEROctetString(content);
      elements.add(der(octets));
      vector.add(octets);
      ASN1Integer integer = new ASN1Integer(random.nextLong());
      elements.add(der(integer));
      vector.add(integer);
    }

    assertThat(Der.setOf(elements)).isEqualTo(der(new DERSet(vector)));
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 127, 128, 255, 256, -1, -128, -129, Long.MAX_VALUE, Long.MIN_VALUE})
  void integersAreMinimalTwosComplement(long value) throws Exception {
    assertThat(Der.integer(BigInteger.valueOf(value))).isEqualTo(der(new ASN1Integer(value)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-28T14:00:00Z",
        "2026-11-28T14:00:00.999Z",
        "1950-01-01T00:00:00Z",
        "1949-12-31T23:59:59.5Z",
        "2049-12-31T23:59:59Z",
        "2050-01-01T00:00:00Z",
        "2000-02-29T12:34:56Z",
        "1969-12-31T23:59:59.001Z",
        "9999-12-31T23:59:59Z"
      })
  void signingTimeIsUtcTimeFrom1950To2049AndGeneralizedTimeOtherwise(String at) throws Exception {
    Instant instant = Instant.parse(at);

    assertThat(new String(Der.time(instant), java.nio.charset.StandardCharsets.ISO_8859_1))
        .isEqualTo(
            new String(
                der(new Time(Date.from(instant))), java.nio.charset.StandardCharsets.ISO_8859_1));
    ASN1Primitive parsed = ASN1Primitive.fromByteArray(Der.time(instant));
    assertThat(Time.getInstance(parsed).getDate().toInstant())
        .isEqualTo(Instant.ofEpochSecond(instant.getEpochSecond()));
  }

  @Test
  void yearsBeforeTheGregorianCutoverAreProlepticGregorian() {
    // java.util.Date would switch to the Julian calendar here; java.time does not, nor does X.680.
    assertThat(Der.time(Instant.parse("0999-06-01T01:02:03Z")))
        .isEqualTo(
            "\u0018\u000f09990601010203Z".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  @Test
  void timesOutsideFourDigitYearsAreRefused() {
    assertThatThrownBy(() -> Der.time(Instant.parse("+10000-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
