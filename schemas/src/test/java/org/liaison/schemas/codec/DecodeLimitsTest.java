package org.liaison.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecodeLimitsTest {

  @Test
  void defaultsLeaveRoomForTheAttachmentCapAndAreConsistent() {
    DecodeLimits limits = DecodeLimits.defaults();

    assertThat(limits.maxInputBytes()).isGreaterThan(limits.maxBytesFieldBytes());
    assertThat(limits.maxItemsPerCollection()).isLessThanOrEqualTo(limits.maxTotalItems());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void refusesLimitsThatAreNotPositive(int value) {
    assertThatThrownBy(() -> new DecodeLimits(value, 1, 1, 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxInputBytes");
    assertThatThrownBy(() -> new DecodeLimits(1, 1, 1, 1, 1, value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxDepth");
  }

  @Test
  void refusesMoreItemsPerCollectionThanInAll() {
    assertThatThrownBy(() -> new DecodeLimits(1, 1, 1, 10, 9, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxItemsPerCollection");
  }
}
