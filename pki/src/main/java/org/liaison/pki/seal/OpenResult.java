package org.liaison.pki.seal;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.CaseNotice;

/** The answer of {@link NoticeOpener}: the notice with what was verified, or one reason code. */
public sealed interface OpenResult {

  /** Whether the notice opened. */
  default boolean opened() {
    return this instanceof Opened;
  }

  /** A notice that passed every check. */
  record Opened(CaseNotice notice, VerificationReport report) implements OpenResult {
    public Opened {
      Objects.requireNonNull(notice, "notice");
      Objects.requireNonNull(report, "report");
    }
  }

  /**
   * A refusal. {@code detail} is for an administrator's eyes: it names algorithms, sizes and
   * certificate reasons, never notice content or key material.
   *
   * @param authenticatedSigner the unit named by the signer's certificate, present only when the
   *     signature and that certificate were verified before the refusal: the party a REJECTED
   *     receipt may be sent to
   * @param noticeId the refused notice's id, present when the signed content was a notice
   */
  record Rejected(
      RejectReason reason,
      String detail,
      Optional<UnitId> authenticatedSigner,
      Optional<UUID> noticeId)
      implements OpenResult {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
      Objects.requireNonNull(authenticatedSigner, "authenticatedSigner");
      Objects.requireNonNull(noticeId, "noticeId");
    }

    /** A refusal before the signer could be authenticated. */
    public Rejected(RejectReason reason, String detail) {
      this(reason, detail, Optional.empty(), Optional.empty());
    }
  }
}
