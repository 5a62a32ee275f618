package org.liaison.pki.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.liaison.pki.PkiException;
import org.liaison.pki.ca.CaFolder;
import org.liaison.pki.ca.CertificateProfile;
import org.liaison.pki.ca.CertificateStatus;
import org.liaison.pki.ca.IssuedCertificate;
import org.liaison.pki.directory.DirectoryEntries;
import org.liaison.pki.keys.Pem;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.UnitStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code directory publish unit}: a unit's entry from the issuing CA's register. */
@Command(
    name = "unit",
    mixinStandardHelpOptions = true,
    description = {
      "Publish a unit's entry: its valid encryption and signing certificates from the register"
          + " of the issuing CA in --ca-dir (newest first; senders seal to the first that"
          + " validates), the CA's chain without the root, its status and display name.",
      "The CA password is not needed: the register is read, nothing is signed by the CA."
    })
final class DirectoryPublishUnitCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--ca-dir", required = true, paramLabel = "DIR", description = "Issuing CA.")
  Path caDir;

  @Option(names = "--unit", required = true, description = "The unit id, such as NL.ATT-BKK.")
  UnitId unit;

  @Option(
      names = "--display-name",
      paramLabel = "TEXT",
      description = "A name for people (default: the unit id).")
  String displayName;

  @Option(
      names = "--status",
      defaultValue = "active",
      description = "active, suspended or withdrawn (default: ${DEFAULT-VALUE}).")
  String status;

  @Mixin DirectoryPublication publication;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    UnitStatus unitStatus = status(status);
    List<IssuedCertificate> issued = CaFolder.register(caDir).issued();
    Instant now = Cli.clock(spec).instant();
    List<X509Certificate> encryption = valid(issued, CertificateProfile.ENCRYPTION, now);
    List<X509Certificate> signing = valid(issued, CertificateProfile.SIGNING, now);
    if (unitStatus == UnitStatus.ACTIVE && (encryption.isEmpty() || signing.isEmpty())) {
      throw new PkiException(
          PkiException.Code.UNKNOWN_CERTIFICATE,
          "the register in "
              + caDir
              + " has no valid "
              + (encryption.isEmpty() ? "encryption" : "signing")
              + " certificate of "
              + unit
              + ": an active unit needs both");
    }
    List<X509Certificate> chain =
        Pem.readCertificates(caDir.resolve("ca.pem")).stream()
            .filter(c -> !c.getSubjectX500Principal().equals(c.getIssuerX500Principal()))
            .toList();
    String name = displayName == null ? unit.value() : displayName;
    DirectoryPublication.print(
        spec,
        json,
        publication.publish(
            spec,
            (sequence, at) ->
                DirectoryEntries.unit(
                    unit, name, unitStatus, encryption, signing, chain, sequence, at)));
    return ExitCodes.OK;
  }

  private List<X509Certificate> valid(
      List<IssuedCertificate> issued, CertificateProfile profile, Instant now) {
    return issued.stream()
        .filter(i -> i.holder().equals(unit.value()) && i.profile() == profile)
        .filter(i -> i.status(now) == CertificateStatus.VALID)
        .sorted(
            Comparator.comparing((IssuedCertificate i) -> i.certificate().getNotBefore())
                .reversed())
        .map(IssuedCertificate::certificate)
        .toList();
  }

  private UnitStatus status(String text) {
    try {
      return UnitStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "unknown status '" + text + "': use active, suspended or withdrawn");
    }
  }
}
