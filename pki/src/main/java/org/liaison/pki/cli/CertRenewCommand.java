package org.liaison.pki.cli;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.liaison.pki.ca.CertificateAuthority;
import org.liaison.pki.ca.IssuedCertificate;
import org.liaison.pki.keys.Pem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cert renew}: a new certificate for the same unit and profile. */
@Command(
    name = "renew",
    mixinStandardHelpOptions = true,
    description =
        "Issue a new certificate for the unit and profile of certificate --serial: for the key in"
            + " --csr when given, else for the same key. The old certificate stays valid until it"
            + " expires or is revoked.")
final class CertRenewCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin CaOptions ca;

  @Option(names = "--serial", required = true, description = "Serial (hex) of the old one.")
  BigInteger serial;

  @Option(names = "--csr", paramLabel = "FILE", description = "A CSR for a new key (PEM).")
  Path csr;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output PEM.")
  Path out;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    var request = Optional.ofNullable(csr).map(Pem::readCsr);
    CertificateAuthority authority = ca.open(spec);
    IssuedCertificate renewed = authority.renew(serial, request);
    CertOutput.write(spec, json, "Renewed", renewed, authority, out);
    return ExitCodes.OK;
  }
}
