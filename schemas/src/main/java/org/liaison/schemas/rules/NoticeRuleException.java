package org.liaison.schemas.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A notice that breaks one or more rules; carries every violation. */
public final class NoticeRuleException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<RuleViolation> violations;

  public NoticeRuleException(List<RuleViolation> violations) {
    super(summary(violations));
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a rule exception needs at least one violation");
    }
    this.violations = List.copyOf(violations);
  }

  /** Every violation, in the order found. */
  public List<RuleViolation> violations() {
    return violations;
  }

  private static String summary(List<RuleViolation> violations) {
    return "notice breaks "
        + violations.size()
        + " rule(s): "
        + violations.stream()
            .map(v -> v.code() + " at " + v.path())
            .collect(Collectors.joining(", "));
  }
}
