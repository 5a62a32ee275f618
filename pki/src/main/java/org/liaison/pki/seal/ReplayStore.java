package org.liaison.pki.seal;

import java.time.Instant;
import java.util.UUID;

/**
 * Remembers which notice ids a unit has opened, and from which delivery. The gateway supplies a
 * durable implementation (a unique key in its database); {@link InMemoryReplayStore} serves tests
 * and the command line.
 */
public interface ReplayStore {

  /** The answer of {@link #claim}. */
  enum Claim {
    /** The notice id was not seen before; it is now recorded with this delivery. */
    FIRST,
    /** The notice id was recorded from this same delivery: a redelivery, not an attack. */
    REDELIVERY,
    /** The notice id was recorded from another delivery: a replay. */
    REPLAY
  }

  /**
   * Atomically records {@code noticeId} as opened from {@code delivery} unless it is recorded
   * already. {@code signingTime} lets a store forget ids once they fall outside the signing-time
   * window, since such notices are refused as stale before this check.
   */
  Claim claim(UUID noticeId, Delivery delivery, Instant signingTime);
}
