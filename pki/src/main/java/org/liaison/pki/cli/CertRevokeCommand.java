package org.liaison.pki.cli;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.liaison.pki.ca.CaFolder;
import org.liaison.pki.ca.CertificateAuthority;
import org.liaison.pki.ca.RevocationReason;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cert revoke}: revoke with an RFC 5280 reason; a fresh CRL follows at once. */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description =
        "Revoke a certificate and write the CA's new CRL to <ca-dir>/crl.pem, ready to publish."
            + " Revocation is final.")
final class CertRevokeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin CaOptions ca;

  @Option(names = "--serial", required = true, description = "Serial (hex) to revoke.")
  BigInteger serial;

  @Option(
      names = "--reason",
      required = true,
      description =
          "unspecified, key-compromise, ca-compromise, affiliation-changed, superseded,"
              + " cessation-of-operation, privilege-withdrawn, aa-compromise.")
  RevocationReason reason;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    CertificateAuthority authority = ca.open(spec);
    X509CRL crl = authority.revoke(serial, reason);
    Path published = CaFolder.publishCrl(ca.dir, crl);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("serial", Cli.serial(serial));
    result.put("holder", authority.find(serial).holder());
    result.put("reason", reason.cliName());
    result.put("crl", published.toString());
    result.put("crlNumber", CrlCreateCommand.number(crl).toString());
    result.put("nextUpdate", crl.getNextUpdate().toInstant().toString());
    if (json) {
      Cli.out(spec).println(Json.write(result));
    } else {
      Cli.out(spec)
          .printf(
              "Revoked %s (%s, %s)%n  new CRL #%s written to %s (next update %s)%n",
              result.get("serial"),
              result.get("holder"),
              result.get("reason"),
              result.get("crlNumber"),
              published,
              result.get("nextUpdate"));
    }
    return ExitCodes.OK;
  }
}
