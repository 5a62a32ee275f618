package org.liaison.pki.seal;

import java.time.Instant;
import java.util.Optional;
import org.liaison.schemas.UnitId;

/**
 * Whether notices from a sender are accepted at all, asked once its signature and certificate are
 * verified and before the notice claims its id against replays: a gateway that follows the
 * federation directory refuses senders whose entry it cannot vouch for (a stale one), with {@link
 * RejectReason#SENDER_DIRECTORY_STALE}.
 */
@FunctionalInterface
public interface SenderCheck {

  /** Accepts every sender. */
  SenderCheck ANY = (sender, now) -> Optional.empty();

  /** Why {@code sender} is refused at {@code now}, for an administrator; empty when accepted. */
  Optional<String> staleness(UnitId sender, Instant now);
}
