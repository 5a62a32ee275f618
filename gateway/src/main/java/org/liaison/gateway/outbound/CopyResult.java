package org.liaison.gateway.outbound;

import org.liaison.gateway.store.RecipientState;
import org.liaison.gateway.store.SentNotice;

/**
 * What became of one recipient's copy: acknowledged by Kafka, or not, with why (the error's class
 * and message from the Kafka client, which name no notice content).
 */
public record CopyResult(String recipient, boolean acknowledged, String error) {

  static CopyResult acknowledged(String recipient) {
    return new CopyResult(recipient, true, null);
  }

  static CopyResult failed(String recipient, Throwable error) {
    Throwable cause = error.getCause() != null ? error.getCause() : error;
    return new CopyResult(
        recipient, false, cause.getClass().getSimpleName() + ": " + cause.getMessage());
  }

  /** A copy as the sent notice's record has it: acknowledged once Kafka took it. */
  static CopyResult stored(SentNotice.Copy copy) {
    boolean taken = copy.state() != RecipientState.FAILED && copy.state() != RecipientState.PENDING;
    return new CopyResult(copy.recipientUnit(), taken, copy.reasonCode());
  }
}
