package org.liaison.gateway.outbound;

import java.util.List;
import org.liaison.gateway.json.JsonViolation;

/** A notice the gateway will not publish, with every reason at once. */
public class NoticeRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<JsonViolation> violations;

  public NoticeRefusedException(List<JsonViolation> violations) {
    super(
        "The notice breaks "
            + violations.size()
            + (violations.size() == 1 ? " rule" : " rules")
            + "; nothing was sent",
        null,
        false,
        false);
    this.violations = List.copyOf(violations);
  }

  public List<JsonViolation> violations() {
    return violations;
  }
}
