package org.liaison.pki.seal;

import java.util.Optional;
import java.util.UUID;
import org.liaison.schemas.UnitId;

/**
 * A failed opening check, thrown between the steps of {@link NoticeOpener} and turned into a
 * rejection result before it leaves the package. No stack trace: refusals are expected outcomes of
 * hostile input, and filling traces would make a flood of garbage more expensive.
 */
final class Refusal extends Exception {

  private static final long serialVersionUID = 1L;

  private final RejectReason reason;
  private final transient Optional<UnitId> authenticatedSigner;
  private final transient Optional<UUID> noticeId;

  Refusal(RejectReason reason, String detail) {
    this(reason, detail, Optional.empty(), Optional.empty());
  }

  private Refusal(
      RejectReason reason, String detail, Optional<UnitId> signer, Optional<UUID> noticeId) {
    super(detail, null, false, false);
    this.reason = reason;
    this.authenticatedSigner = signer;
    this.noticeId = noticeId;
  }

  RejectReason reason() {
    return reason;
  }

  /** The same refusal, knowing who signed the refused notice and its id. */
  Refusal about(Optional<UnitId> signer, UUID notice) {
    return new Refusal(reason, getMessage(), signer, Optional.of(notice));
  }

  OpenResult.Rejected rejection() {
    return new OpenResult.Rejected(reason, getMessage(), authenticatedSigner, noticeId);
  }
}
