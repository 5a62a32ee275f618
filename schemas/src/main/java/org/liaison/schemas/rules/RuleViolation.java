package org.liaison.schemas.rules;

import java.util.Objects;

/**
 * One broken rule.
 *
 * @param path where in the notice, such as {@code recipients[1]} or {@code attachments[0].sha256}
 * @param code what, as a stable code
 * @param message why, in words for the officer; never quotes the notice's free text
 */
public record RuleViolation(String path, RuleCode code, String message) {

  public RuleViolation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return code + " at " + path + ": " + message;
  }
}
