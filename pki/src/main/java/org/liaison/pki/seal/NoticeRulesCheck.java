package org.liaison.pki.seal;

import java.util.List;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.rules.NoticeRules;
import org.liaison.schemas.rules.RuleViolation;

/** The last opening check: the notice rules, all violations at once. */
@FunctionalInterface
public interface NoticeRulesCheck {

  /** The violations of {@code notice}, empty when it keeps every rule. */
  List<String> violations(CaseNotice notice);

  /** The schemas module's {@link NoticeRules} under their default limits. */
  static NoticeRulesCheck standard() {
    return notice -> {
      List<RuleViolation> violations = NoticeRules.check(notice);
      if (violations.isEmpty()) {
        // The usual answer, without a stream pipeline for nothing.
        return List.of();
      }
      return violations.stream().map(RuleViolation::toString).toList();
    };
  }
}
