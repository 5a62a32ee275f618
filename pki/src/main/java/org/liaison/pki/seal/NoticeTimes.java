package org.liaison.pki.seal;

import java.time.Instant;
import org.liaison.schemas.avro.CaseNotice;

/**
 * The notice's own times against the signing time and the receiver's clock. The notice rules only
 * compare {@code expiresAt} with {@code createdAt}; here the notice meets the present.
 *
 * <ul>
 *   <li>{@code createdAt} not after the signing time, nor after now, by more than the clock skew
 *       ({@code CREATED_AT_OUT_OF_WINDOW}): a notice is written before it is signed, so a later
 *       creation time is a false claim (it would make a notice look newer than it is). Both times
 *       are the originator's; the skew covers a client and its gateway on two clocks. How long
 *       before signing a notice was written is not bounded: a draft sealed by hand a fortnight
 *       later is legitimate, and an old createdAt gains nothing, since the signing-time window
 *       already bounds how old a sealed notice may be when it is opened.
 *   <li>{@code expiresAt}, when given, still ahead of now ({@code NOTICE_EXPIRED}). Without skew:
 *       the originator said when the information stops being reliable, and the receiver's clock is
 *       the one that decides whether it is stored. Notices already stored that expire later are the
 *       inbox's business (the gateway's expiry sweeper), not opening's.
 * </ul>
 */
final class NoticeTimes {

  private NoticeTimes() {}

  static void check(OpeningPolicy policy, CaseNotice notice, Instant signingTime, Instant now)
      throws Refusal {
    Instant created = notice.getCreatedAt();
    if (created != null) {
      Instant latest = (now.isBefore(signingTime) ? now : signingTime).plus(policy.maxClockSkew());
      if (created.isAfter(latest)) {
        throw new Refusal(
            RejectReason.CREATED_AT_OUT_OF_WINDOW,
            "created at "
                + created
                + ", after the signing time "
                + signingTime
                + " or now "
                + now
                + " by more than "
                + policy.maxClockSkew());
      }
    }
    Instant expires = notice.getExpiresAt();
    if (expires != null && !expires.isAfter(now)) {
      throw new Refusal(
          RejectReason.NOTICE_EXPIRED, "expired at " + expires + ", opened at " + now);
    }
  }
}
