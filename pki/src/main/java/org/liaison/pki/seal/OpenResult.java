package org.liaison.pki.seal;

import java.util.Objects;
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
   */
  record Rejected(RejectReason reason, String detail) implements OpenResult {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
