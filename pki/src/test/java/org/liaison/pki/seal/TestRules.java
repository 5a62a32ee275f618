package org.liaison.pki.seal;

import java.util.ArrayList;
import java.util.List;
import org.liaison.schemas.avro.CaseNotice;

/** A stand-in for the schemas module's notice rules: expiry after creation, a recipient. */
final class TestRules {

  private TestRules() {}

  static List<String> check(CaseNotice notice) {
    List<String> violations = new ArrayList<>();
    if (notice.getExpiresAt() != null && !notice.getExpiresAt().isAfter(notice.getCreatedAt())) {
      violations.add("expiresAt is not after createdAt");
    }
    if (notice.getRecipients().isEmpty()) {
      violations.add("no recipient");
    }
    return violations;
  }
}
