package org.liaison.pki.seal;

import java.time.Instant;

/** The accepted signing times: not older than the policy's age, not further ahead than its skew. */
final class SigningWindow {

  private SigningWindow() {}

  static void check(OpeningPolicy policy, Instant signingTime, Instant now) throws Refusal {
    if (signingTime.isBefore(now.minus(policy.maxAge()))) {
      throw new Refusal(
          RejectReason.SIGNING_TIME_OUT_OF_WINDOW,
          "signed at " + signingTime + ", older than " + policy.maxAge());
    }
    if (signingTime.isAfter(now.plus(policy.maxClockSkew()))) {
      throw new Refusal(
          RejectReason.SIGNING_TIME_OUT_OF_WINDOW,
          "signed at " + signingTime + ", more than " + policy.maxClockSkew() + " ahead");
    }
  }
}
