package org.liaison.pki.seal;

import java.util.Objects;
import java.util.UUID;

/**
 * Which transport delivery a sealed notice came in, so that the replay check can tell a redelivery
 * of the same record (Kafka after a consumer restart: same topic, partition and offset) from a
 * replay (the same bytes written again, at another offset). The gateway builds the id from the
 * record's coordinates; a caller that has no transport uses {@link #unique()}, so that every second
 * opening of a notice id is a replay.
 */
public record Delivery(String id) {
  public Delivery {
    Objects.requireNonNull(id, "id");
  }

  /** A delivery that no other opening shares. */
  public static Delivery unique() {
    return new Delivery("unique:" + UUID.randomUUID());
  }

  /** A Kafka record's coordinates. */
  public static Delivery kafka(String topic, int partition, long offset) {
    return new Delivery(topic + "/" + partition + "@" + offset);
  }
}
