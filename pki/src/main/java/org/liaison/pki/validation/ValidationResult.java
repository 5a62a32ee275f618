package org.liaison.pki.validation;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The answer of {@link CertificateValidator#validate}: a reason ({@link ValidationReason#VALID} or
 * why not), a sentence for a human, and the path that was validated from the end entity up to and
 * including the trust anchor (as far as it was built; possibly empty when none was found).
 */
public record ValidationResult(ValidationReason reason, String detail, List<X509Certificate> path) {

  public ValidationResult {
    Objects.requireNonNull(reason, "reason");
    detail = detail == null ? "" : detail;
    path = path == null ? List.of() : List.copyOf(path);
  }

  static ValidationResult valid(List<X509Certificate> path) {
    return new ValidationResult(ValidationReason.VALID, "certificate path is valid", path);
  }

  static ValidationResult refused(
      ValidationReason reason, String detail, List<X509Certificate> path) {
    if (reason == ValidationReason.VALID) {
      throw new IllegalArgumentException("a refusal needs a reason other than VALID");
    }
    return new ValidationResult(reason, detail, path);
  }

  /** Whether the certificate may be used for the purpose asked. */
  public boolean valid() {
    return reason == ValidationReason.VALID;
  }
}
