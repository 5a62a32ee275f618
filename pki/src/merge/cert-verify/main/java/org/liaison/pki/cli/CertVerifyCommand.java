package org.liaison.pki.cli;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.liaison.pki.keys.Pem;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.pki.validation.Purpose;
import org.liaison.pki.validation.RevocationPolicy;
import org.liaison.pki.validation.TrustContext;
import org.liaison.pki.validation.ValidationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cert verify}: is a certificate valid, for a purpose, at a time, against trust anchors and
 * CRLs? Options follow {@code openssl verify}, whose spellings are accepted too.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Validate certificates: path to a trust anchor, validity at --at, key usage for --purpose,"
          + " revocation from --crl. Missing or stale revocation information makes a"
          + " certificate invalid unless --allow-missing-revocation is given.",
      "Exit 0 when every certificate is valid, 1 when one is not (its reason is printed)."
    })
final class CertVerifyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "CERT", description = "PEM certificate(s) to check.")
  List<Path> certificates;

  @Option(
      names = {"--trust-anchor", "-CAfile"},
      required = true,
      paramLabel = "FILE",
      description = "Trusted root certificate(s), PEM.")
  List<Path> anchors;

  @Option(
      names = {"--untrusted", "-untrusted"},
      paramLabel = "FILE",
      description = "Intermediate CA certificates to build the path with, PEM.")
  List<Path> untrusted = new ArrayList<>();

  @Option(
      names = {"--crl", "-CRLfile"},
      paramLabel = "FILE",
      description = "CRLs, PEM (one per issuing CA on the path).")
  List<Path> crls = new ArrayList<>();

  @Option(
      names = {"--purpose", "-purpose"},
      defaultValue = "any",
      description =
          "signing, encryption, tls-client, tls-server or any (default: ${DEFAULT-VALUE}).")
  String purpose;

  @Option(
      names = {"--at", "-attime"},
      paramLabel = "TIME",
      description = "Validate at TIME (ISO-8601 like 2027-01-31T12:00:00Z, or Unix seconds).")
  String at;

  @Option(
      names = "--allow-missing-revocation",
      description = "Accept a certificate whose CA has no current CRL here.")
  boolean allowMissingRevocation;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    Purpose wanted = purpose();
    Instant when = instant();
    List<X509Certificate> anchorCerts = new ArrayList<>();
    anchors.forEach(file -> anchorCerts.addAll(Pem.readCertificates(file)));
    List<X509Certificate> intermediates = new ArrayList<>();
    untrusted.forEach(file -> intermediates.addAll(Pem.readCertificates(file)));
    List<X509CRL> crlList = new ArrayList<>();
    crls.forEach(file -> crlList.addAll(Pem.readCrls(file)));
    CertificateValidator validator =
        new CertificateValidator(
            new TrustContext(
                anchorCerts,
                intermediates,
                crlList,
                allowMissingRevocation
                    ? RevocationPolicy.ALLOW_MISSING
                    : RevocationPolicy.REQUIRE));
    boolean allValid = true;
    List<Map<String, Object>> results = new ArrayList<>();
    for (Path file : certificates) {
      X509Certificate certificate = Pem.readCertificate(file);
      ValidationResult result = validator.validate(certificate, List.of(), wanted, when);
      allValid &= result.valid();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("file", file.toString());
      row.put("subject", Cli.subject(certificate));
      row.put("serial", Cli.serial(certificate.getSerialNumber()));
      row.put("reason", result.reason().name());
      row.put("detail", result.detail());
      results.add(row);
      if (!json) {
        Cli.out(spec)
            .println(
                result.valid()
                    ? file + ": OK (" + row.get("subject") + ")"
                    : file + ": " + result.reason() + ": " + result.detail());
      }
    }
    if (json) {
      Cli.out(spec).println(Json.write(results));
    }
    return allValid ? ExitCodes.OK : ExitCodes.INVALID;
  }

  private Purpose purpose() {
    try {
      return Purpose.valueOf(purpose.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(),
          "unknown purpose '"
              + purpose
              + "': use signing, encryption, tls-client, tls-server or any");
    }
  }

  private Instant instant() {
    if (at == null) {
      return Cli.clock(spec).instant();
    }
    try {
      return at.chars().allMatch(Character::isDigit)
          ? Instant.ofEpochSecond(Long.parseLong(at))
          : Instant.parse(at);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new ParameterException(
          spec.commandLine(),
          "'" + at + "' is not a time: use 2027-01-31T12:00:00Z or Unix seconds");
    }
  }
}
