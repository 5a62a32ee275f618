package org.liaison.pki.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.liaison.pki.ca.CertificateAuthority;
import org.liaison.pki.ca.CertificateProfile;
import org.liaison.pki.ca.IssuedCertificate;
import org.liaison.pki.keys.Pem;
import org.liaison.schemas.UnitId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cert issue}: a unit certificate from a CSR, under a profile. */
@Command(
    name = "issue",
    mixinStandardHelpOptions = true,
    description = {
      "Issue a unit certificate (valid 1 year) from a CSR under a profile.",
      "The CSR must name --unit in its subject CN and SAN URI, hold an allowed key and ask for"
          + " nothing the profile does not give."
    })
final class CertIssueCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin CaOptions ca;

  @Option(names = "--csr", required = true, paramLabel = "FILE", description = "The PEM CSR.")
  Path csr;

  @Option(names = "--unit", required = true, description = "The unit the certificate is for.")
  UnitId unit;

  @Option(names = "--profile", required = true, description = "signing, encryption or tls.")
  CertificateProfile profile;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "Where to write the certificate and its CA chain (PEM).")
  Path out;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    var request = Pem.readCsr(csr);
    CertificateAuthority authority = ca.open(spec);
    IssuedCertificate issued = authority.issue(request, unit, profile);
    CertOutput.write(spec, json, "Issued", issued, authority, out);
    return ExitCodes.OK;
  }
}
