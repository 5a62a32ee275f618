package org.liaison.pki.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.liaison.pki.UnitCertificates;
import org.liaison.pki.keys.Pem;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.pki.validation.Purpose;
import org.liaison.pki.validation.ValidationResult;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.CaseNotice;

/**
 * The recipient certificates {@code notice seal} may encrypt to: each valid for encryption now
 * under the federation's trust, each naming a unit among the notice's recipients, and one for every
 * such unit. A phished "new certificate" of a unit would otherwise receive the plaintext.
 */
final class SealRecipients {

  /** Why a recipient certificate is refused; the code is printed as {@code [CODE]}. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;

    Refused(String code, String message) {
      super(message);
      this.code = code;
    }

    String code() {
      return code;
    }
  }

  private SealRecipients() {}

  /** The certificates in {@code files}, in order, once every check has passed. */
  static List<X509Certificate> checked(
      List<Path> files, CaseNotice notice, CertificateValidator validator, Instant now)
      throws Refused {
    List<String> listed = notice.getRecipients().stream().map(String::valueOf).toList();
    Map<String, X509Certificate> byUnit = new LinkedHashMap<>();
    for (Path file : files) {
      X509Certificate certificate = Pem.readCertificate(file);
      ValidationResult result = validator.validate(certificate, List.of(), Purpose.ENCRYPTION, now);
      if (!result.valid()) {
        throw new Refused(
            result.reason().name(),
            file + " is not a valid encryption certificate: " + result.detail());
      }
      Optional<UnitId> unit = UnitCertificates.unitOf(certificate);
      if (unit.isEmpty() || !listed.contains(unit.get().value())) {
        throw new Refused(
            "RECIPIENT_NOT_IN_NOTICE",
            file
                + " is for "
                + unit.map(UnitId::value).orElse("no unit")
                + ", not one of the notice's recipients "
                + listed);
      }
      if (byUnit.putIfAbsent(unit.get().value(), certificate) != null) {
        throw new Refused(
            "DUPLICATE_RECIPIENT", file + " is a second certificate for " + unit.get().value());
      }
    }
    List<String> missing = new ArrayList<>(listed);
    missing.removeAll(byUnit.keySet());
    if (!missing.isEmpty()) {
      throw new Refused(
          "RECIPIENT_WITHOUT_CERTIFICATE",
          "no --recipient certificate for the notice's recipient(s) " + missing);
    }
    return List.copyOf(byUnit.values());
  }
}
