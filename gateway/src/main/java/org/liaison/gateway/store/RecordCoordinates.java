package org.liaison.gateway.store;

import java.util.Objects;

/** Where a Kafka record sits: what makes a redelivery recognisable as the same record. */
public record RecordCoordinates(String topic, int partition, long offset) {

  public RecordCoordinates {
    Objects.requireNonNull(topic, "topic");
    if (partition < 0 || offset < 0) {
      throw new IllegalArgumentException("partition and offset must not be negative");
    }
  }

  @Override
  public String toString() {
    return topic + "-" + partition + "@" + offset;
  }
}
