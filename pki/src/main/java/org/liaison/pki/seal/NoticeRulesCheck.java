package org.liaison.pki.seal;

import java.util.List;
import org.liaison.schemas.avro.CaseNotice;

/** The last opening check: the notice rules of the schemas module, all violations at once. */
@FunctionalInterface
public interface NoticeRulesCheck {

  /** The violations of {@code notice}, empty when it keeps every rule. */
  List<String> violations(CaseNotice notice);
}
