package org.liaison.gateway.store;

import java.util.Set;

/**
 * Where one copy of a sent notice stands. States only move forward, so that a late DELIVERED
 * receipt cannot undo a READ one, and a rejection is final.
 */
public enum RecipientState {
  /** Sealed and handed to Kafka, not yet acknowledged. */
  PENDING,
  /** Acknowledged by every in-sync replica of the recipient's topic. */
  SENT,
  /** The recipient's gateway opened, checked and stored it (signed DELIVERED receipt). */
  DELIVERED,
  /** An officer of the recipient unit read it (signed READ receipt). */
  READ,
  /** The recipient's gateway refused it, with a reason code (signed REJECTED receipt). */
  REJECTED,
  /**
   * Kafka did not acknowledge it in time: the caller was told (503). A retry with the request's
   * Idempotency-Key sends the stored bytes again; a late receipt still moves it on, since a copy
   * Kafka took without answering in time may have arrived after all.
   */
  FAILED;

  /** The states a copy may be in for this state to replace it. */
  public Set<RecipientState> predecessors() {
    return switch (this) {
      case PENDING -> Set.of();
      case SENT -> Set.of(PENDING, FAILED);
      case FAILED -> Set.of(PENDING);
      case DELIVERED -> Set.of(PENDING, SENT, FAILED);
      case READ -> Set.of(PENDING, SENT, DELIVERED, FAILED);
      // A rejection can only answer a copy not yet delivered: once DELIVERED, a REJECTED receipt
      // is about a replayed copy, and must not undo the delivery.
      case REJECTED -> Set.of(PENDING, SENT, FAILED);
    };
  }
}
