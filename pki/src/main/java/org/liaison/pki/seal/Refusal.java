package org.liaison.pki.seal;

/**
 * A failed opening check, thrown between the steps of {@link NoticeOpener} and turned into a
 * rejection result before it leaves the package. No stack trace: refusals are expected outcomes of
 * hostile input, and filling traces would make a flood of garbage more expensive.
 */
final class Refusal extends Exception {

  private static final long serialVersionUID = 1L;

  private final RejectReason reason;

  Refusal(RejectReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  RejectReason reason() {
    return reason;
  }
}
