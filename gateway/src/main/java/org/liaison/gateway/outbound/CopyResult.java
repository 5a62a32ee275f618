package org.liaison.gateway.outbound;

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
}
