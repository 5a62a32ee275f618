package org.liaison.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.testing.Notices;

class AvroCodecTest {

  private final AvroCodec<CaseNotice> codec = AvroCodec.caseNotices();

  @Test
  void writesTheSingleObjectHeaderAndReadsTheNoticeBack() {
    CaseNotice notice = Notices.minimal().build();

    byte[] bytes = codec.encode(notice);

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(codec.decode(bytes)).isEqualTo(notice);
  }
}
