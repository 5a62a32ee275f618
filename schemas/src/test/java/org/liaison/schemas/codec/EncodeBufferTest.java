package org.liaison.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EncodeBufferTest {

  @Test
  void growsAsNeededAndGivesExactlyWhatWasWritten() {
    EncodeBuffer buffer = new EncodeBuffer();
    byte[] block = new byte[1000];
    for (int i = 0; i < block.length; i++) {
      block[i] = (byte) i;
    }
    for (int i = 0; i < 10; i++) {
      buffer.write(block, 0, block.length);
    }
    buffer.write(7);

    byte[] out = buffer.toByteArray();
    assertThat(out).hasSize(10_001);
    assertThat(out[9_999]).isEqualTo(block[999]);
    assertThat(out[10_000]).isEqualTo((byte) 7);
    assertThat(buffer.capacity()).isGreaterThanOrEqualTo(10_001);
  }

  @Test
  void afterReleaseTheBufferStartsEmpty() {
    EncodeBuffer buffer = new EncodeBuffer();
    buffer.write(new byte[] {1, 2, 3}, 0, 3);
    byte[] before = buffer.toByteArray();

    buffer.release();

    assertThat(buffer.size()).isZero();
    assertThat(before).containsExactly(1, 2, 3);
    buffer.write(new byte[] {9}, 0, 1);
    assertThat(buffer.toByteArray()).containsExactly(9);
  }

  @Test
  void aLargeValueDoesNotPinItsSizeToTheThread() {
    EncodeBuffer buffer = new EncodeBuffer();
    buffer.write(new byte[EncodeBuffer.KEEP_BYTES + 1], 0, EncodeBuffer.KEEP_BYTES + 1);
    assertThat(buffer.capacity()).isGreaterThan(EncodeBuffer.KEEP_BYTES);

    buffer.release();

    assertThat(buffer.capacity()).isEqualTo(EncodeBuffer.INITIAL_BYTES);
  }
}
