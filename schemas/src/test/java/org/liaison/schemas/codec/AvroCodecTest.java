package org.liaison.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.avro.Receipt;
import org.liaison.schemas.avro.ReceiptStatus;
import org.liaison.schemas.avro.SealedNoticeDigest;
import org.liaison.schemas.examples.ExampleNotices;
import org.liaison.schemas.testing.Notices;

class AvroCodecTest {

  private static final String NOTICE_ID = "6f1c2a4e-8f3b-4c1d-9a57-0c2b9e4d1a10";

  private final AvroCodec<CaseNotice> codec = AvroCodec.caseNotices();

  @Test
  void writesTheSingleObjectHeaderAndReadsTheNoticeBack() {
    CaseNotice notice = Notices.minimal().build();

    byte[] bytes = codec.encode(notice);

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong())
        .isEqualTo(ReleasedSchemas.fingerprint(CaseNotice.getClassSchema()));
    assertThat(codec.decode(bytes)).isEqualTo(notice);
  }

  @ParameterizedTest
  @ValueSource(strings = {"trafficking-alert", "asset-tracing-request", "missing-person"})
  void roundTripsEveryExample(String name) {
    CaseNotice example = ExampleNotices.all().get(name);

    CaseNotice decoded = codec.decode(codec.encode(example));

    assertThat(decoded).isEqualTo(example);
    assertThat(NoticeJson.write(decoded)).isEqualTo(NoticeJson.write(example));
  }

  @Test
  void decodesASliceOfALargerBuffer() {
    byte[] bytes = codec.encode(ExampleNotices.missingPerson());
    byte[] framed = new byte[bytes.length + 7];
    System.arraycopy(bytes, 0, framed, 3, bytes.length);

    assertThat(codec.decode(framed, 3, bytes.length)).isEqualTo(ExampleNotices.missingPerson());
  }

  @Test
  void roundTripsAReceipt() {
    Receipt receipt =
        Receipt.newBuilder()
            .setFormatVersion(1)
            .setNoticeId(UUID.fromString(NOTICE_ID))
            .setFromUnit("TH.CIB")
            .setToUnit("NL.NCB")
            .setStatus(ReceiptStatus.REJECTED)
            .setReasonCode("NOT_A_RECIPIENT")
            .setAt(Instant.parse("2026-11-20T08:16:00Z"))
            .setSealedNoticeSha256(new SealedNoticeDigest(new byte[32]))
            .build();

    assertThat(AvroCodec.receipts().decode(AvroCodec.receipts().encode(receipt)))
        .isEqualTo(receipt);
  }

  @Test
  void aReceiptIsNotANotice() {
    byte[] receiptBytes =
        AvroCodec.receipts()
            .encode(
                Receipt.newBuilder()
                    .setFormatVersion(1)
                    .setNoticeId(UUID.fromString(NOTICE_ID))
                    .setFromUnit("TH.CIB")
                    .setToUnit("NL.NCB")
                    .setStatus(ReceiptStatus.DELIVERED)
                    .setAt(Instant.parse("2026-11-20T08:16:00Z"))
                    .setSealedNoticeSha256(new SealedNoticeDigest(new byte[32]))
                    .build());

    assertReason(() -> codec.decode(receiptBytes), DecodeReason.UNKNOWN_SCHEMA);
  }

  @Test
  void refusesToEncodeANoticeThatDoesNotFitTheSchema() {
    CaseNotice notice = Notices.minimal().build();
    notice.setTitle(null);

    assertThatThrownBy(() -> codec.encode(notice))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot encode CaseNotice");
  }

  @Test
  void tooLarge() {
    byte[] bytes = codec.encode(ExampleNotices.traffickingAlert());
    AvroCodec<CaseNotice> small = codec.with(codec.limits().withMaxInputBytes(bytes.length - 1));

    assertReason(() -> small.decode(bytes), DecodeReason.TOO_LARGE);
  }

  @Test
  void notSingleObject() {
    byte[] bytes = codec.encode(Notices.minimal().build());
    byte[] wrongVersion = bytes.clone();
    wrongVersion[1] = 0x02;

    assertReason(() -> codec.decode(wrongVersion), DecodeReason.NOT_SINGLE_OBJECT);
    assertReason(
        () ->
            codec.decode(
                "{\"formatVersion\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        DecodeReason.NOT_SINGLE_OBJECT);
  }

  @Test
  void unknownSchema() {
    byte[] bytes = codec.encode(Notices.minimal().build());
    bytes[5] ^= 0x01;

    assertReason(() -> codec.decode(bytes), DecodeReason.UNKNOWN_SCHEMA);
  }

  @Test
  void everyProperPrefixIsTruncated() {
    byte[] bytes = codec.encode(Notices.minimal().build());

    for (int length = 0; length < bytes.length; length++) {
      byte[] prefix = Arrays.copyOf(bytes, length);
      assertReason(() -> codec.decode(prefix), DecodeReason.TRUNCATED);
    }
  }

  @Test
  void trailingBytes() {
    byte[] bytes = codec.encode(Notices.minimal().build());
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);

    assertReason(() -> codec.decode(longer), DecodeReason.TRAILING_BYTES);
  }

  @Test
  void aStringDeclaredAtTwoGigabytesFailsAtOnceInBoundedMemory() {
    byte[] hostile = prefix().varint(1).varint(1L << 31).toByteArray();

    long allocated =
        allocatedBy(() -> assertReason(() -> codec.decode(hostile), DecodeReason.LIMIT_EXCEEDED));

    assertThat(allocated).isLessThan(1024 * 1024);
  }

  @Test
  void aCollectionOfTwoToTheThirtyFirstItemsFailsAtOnceInBoundedMemory() {
    byte[] hostile =
        prefix().varint(1).string(NOTICE_ID).string("NL.NCB").varint(1L << 31).toByteArray();

    long allocated =
        allocatedBy(() -> assertReason(() -> codec.decode(hostile), DecodeReason.LIMIT_EXCEEDED));

    assertThat(allocated).isLessThan(1024 * 1024);
  }

  @Test
  void aLengthWithinTheLimitButBeyondTheInputIsTruncated() {
    byte[] hostile = prefix().varint(1).varint(1000).string("short").toByteArray();

    assertReason(() -> codec.decode(hostile), DecodeReason.TRUNCATED);
  }

  @Test
  void negativeLength() {
    byte[] hostile = prefix().varint(1).varint(-1).toByteArray();

    assertReason(() -> codec.decode(hostile), DecodeReason.MALFORMED);
  }

  @Test
  void negativeCollectionBlockCountThatCannotBeNegated() {
    byte[] hostile =
        prefix().varint(1).string(NOTICE_ID).string("NL.NCB").varint(Long.MIN_VALUE).toByteArray();

    assertReason(() -> codec.decode(hostile), DecodeReason.MALFORMED);
  }

  @Test
  void aVarintLongerThanTenBytes() {
    byte[] hostile =
        prefix()
            .varint(1)
            .bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01)
            .toByteArray();

    assertReason(() -> codec.decode(hostile), DecodeReason.MALFORMED);
  }

  @Test
  void badUnionIndex() {
    byte[] hostile = untilExpiresAt().varint(5).toByteArray();

    assertReason(() -> codec.decode(hostile), DecodeReason.MALFORMED);
  }

  @Test
  void badEnumIndex() {
    // expiresAt, caseReference, threadId, inReplyTo all null (branch 0), then noticeType 99
    byte[] hostile =
        untilExpiresAt().varint(0).varint(0).varint(0).varint(0).varint(99).toByteArray();

    assertReason(() -> codec.decode(hostile), DecodeReason.MALFORMED);
  }

  @Test
  void aNoticeIdThatIsNoUuid() {
    CaseNotice notice = Notices.minimal().build();
    byte[] bytes = codec.encode(notice);
    String id = notice.getNoticeId().toString();
    int at = indexOf(bytes, id.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    bytes[at + 8] = 'x';

    assertReason(() -> codec.decode(bytes), DecodeReason.MALFORMED);
  }

  @Test
  void nestingDeeperThanTheLimit() {
    byte[] bytes = codec.encode(ExampleNotices.traffickingAlert());
    AvroCodec<CaseNotice> shallow = codec.with(codec.limits().withMaxDepth(3));

    assertReason(() -> shallow.decode(bytes), DecodeReason.LIMIT_EXCEEDED);
    assertThat(codec.with(codec.limits().withMaxDepth(5)).decode(bytes)).isNotNull();
  }

  @Test
  void stringBytesAndCollectionLimitsEachApply() {
    byte[] bytes = codec.encode(ExampleNotices.traffickingAlert());
    DecodeLimits d = DecodeLimits.defaults();

    assertReason(
        () ->
            codec
                .with(
                    new DecodeLimits(
                        d.maxInputBytes(),
                        64,
                        d.maxBytesFieldBytes(),
                        d.maxItemsPerCollection(),
                        d.maxTotalItems(),
                        d.maxDepth()))
                .decode(bytes),
        DecodeReason.LIMIT_EXCEEDED);
    assertReason(
        () ->
            codec
                .with(
                    new DecodeLimits(
                        d.maxInputBytes(),
                        d.maxStringBytes(),
                        16,
                        d.maxItemsPerCollection(),
                        d.maxTotalItems(),
                        d.maxDepth()))
                .decode(bytes),
        DecodeReason.LIMIT_EXCEEDED);
    assertReason(
        () ->
            codec
                .with(
                    new DecodeLimits(
                        d.maxInputBytes(),
                        d.maxStringBytes(),
                        d.maxBytesFieldBytes(),
                        1,
                        d.maxTotalItems(),
                        d.maxDepth()))
                .decode(bytes),
        DecodeReason.LIMIT_EXCEEDED);
    assertReason(
        () ->
            codec
                .with(
                    new DecodeLimits(
                        d.maxInputBytes(),
                        d.maxStringBytes(),
                        d.maxBytesFieldBytes(),
                        5,
                        5,
                        d.maxDepth()))
                .decode(bytes),
        DecodeReason.LIMIT_EXCEEDED);
  }

  private RawBytes prefix() {
    return RawBytes.header(codec.currentFingerprint());
  }

  /** Valid bytes up to and excluding the expiresAt union index. */
  private RawBytes untilExpiresAt() {
    return prefix()
        .varint(1)
        .string(NOTICE_ID)
        .string("NL.NCB")
        .varint(1)
        .string("TH.CIB")
        .varint(0)
        .varint(Instant.parse("2026-11-20T08:15:00Z").toEpochMilli());
  }

  private static void assertReason(ThrowingCallable call, DecodeReason reason) {
    assertThatThrownBy(call)
        .isInstanceOf(DecodeException.class)
        .extracting(e -> ((DecodeException) e).reason())
        .isEqualTo(reason);
  }

  private static long allocatedBy(Runnable action) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    action.run();
    return threads.getThreadAllocatedBytes(id) - before;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  @Test
  void encodingsOnOneThreadShareNoBytes() {
    byte[] large = codec.encode(ExampleNotices.traffickingAlert());
    byte[] expectedLarge = large.clone();
    byte[] small = codec.encode(Notices.minimal().build());
    byte[] again = codec.encode(ExampleNotices.traffickingAlert());

    assertThat(small.length).isLessThan(large.length);
    assertThat(codec.decode(small)).isEqualTo(Notices.minimal().build());
    assertThat(large).isEqualTo(expectedLarge);
    assertThat(again).isEqualTo(expectedLarge).isNotSameAs(large);
  }

  @Test
  void threadsEncodingAtOnceEachGetTheirOwnNotice() throws Exception {
    java.util.List<CaseNotice> notices = java.util.List.copyOf(ExampleNotices.all().values());
    java.util.List<byte[]> expected = notices.stream().map(codec::encode).toList();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(notices.size());
    try {
      java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
      for (int t = 0; t < notices.size(); t++) {
        int which = t;
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 300; i++) {
                    byte[] bytes = codec.encode(notices.get(which));
                    if (!Arrays.equals(bytes, expected.get(which))
                        || !codec.decode(bytes).equals(notices.get(which))) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (java.util.concurrent.Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
