package org.liaison.schemas.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes either decode to a notice or fail with a {@link DecodeException}: nothing else may
 * escape the decoder. Without {@code JAZZER_FUZZ=1} this runs the committed seed corpus (made from
 * the example notices) as a normal test; with it, Jazzer searches for new inputs.
 */
class CaseNoticeDecodeFuzzTest {

  private static final AvroCodec<org.liaison.schemas.avro.CaseNotice> CODEC =
      AvroCodec.caseNotices();

  @FuzzTest(maxDuration = "60s")
  void decodeEitherSucceedsOrThrowsDecodeException(byte[] input) {
    try {
      CODEC.decode(input);
    } catch (DecodeException expected) {
      if (expected.reason() == null) {
        throw new AssertionError("decode exception without a reason", expected);
      }
    }
  }
}
