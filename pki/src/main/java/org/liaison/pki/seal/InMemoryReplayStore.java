package org.liaison.pki.seal;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A replay store in memory, for tests and one-shot command-line use. It forgets nothing: a
 * long-running process uses the gateway's durable store instead.
 */
public final class InMemoryReplayStore implements ReplayStore {

  private final ConcurrentMap<UUID, Delivery> seen = new ConcurrentHashMap<>();

  @Override
  public Claim claim(UUID noticeId, Delivery delivery, Instant signingTime) {
    Delivery first = seen.putIfAbsent(noticeId, delivery);
    if (first == null) {
      return Claim.FIRST;
    }
    return first.equals(delivery) ? Claim.REDELIVERY : Claim.REPLAY;
  }
}
