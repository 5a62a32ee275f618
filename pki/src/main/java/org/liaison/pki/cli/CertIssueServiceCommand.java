package org.liaison.pki.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.liaison.pki.ca.CertificateAuthority;
import org.liaison.pki.ca.IssuedCertificate;
import org.liaison.pki.keys.Pem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cert issue-service}: a TLS certificate for a federation service from its CSR. */
@Command(
    name = "issue-service",
    mixinStandardHelpOptions = true,
    description = {
      "Issue a TLS certificate (serverAuth and clientAuth, valid 1 year) to a federation service:"
          + " a Kafka broker, or the CA's administrative Kafka client.",
      "Subject O=Liaison, OU=Services, CN=--name; the --host names (DNS names or IP addresses)"
          + " as SANs. The CSR only proves the key: its subject and extensions are ignored."
    })
final class CertIssueServiceCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin CaOptions ca;

  @Option(names = "--csr", required = true, paramLabel = "FILE", description = "The PEM CSR.")
  Path csr;

  @Option(
      names = "--name",
      required = true,
      paramLabel = "NAME",
      description =
          "The service name, its Kafka principal: lower case letters, digits, dots, hyphens.")
  String name;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "A DNS name or IP address clients reach the service at (repeat for each).")
  List<String> hosts = new ArrayList<>();

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
    IssuedCertificate issued = authority.issueService(request, name, hosts);
    CertOutput.write(spec, json, "Issued", issued, authority, out);
    return ExitCodes.OK;
  }
}
