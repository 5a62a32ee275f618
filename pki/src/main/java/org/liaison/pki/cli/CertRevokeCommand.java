package org.liaison.pki.cli;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.liaison.pki.PkiException;
import org.liaison.pki.ca.CaFolder;
import org.liaison.pki.ca.CertificateAuthority;
import org.liaison.pki.ca.RevocationReason;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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

  @Option(
      names = "--publish",
      description =
          "Publish the new CRL as a directory entry at once (with the --signer-store key, to"
              + " --bootstrap-servers and/or --out), so that gateways refuse the certificate in"
              + " seconds.")
  boolean publish;

  @Mixin DirectoryPublication publication;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    if (publish && !publication.requested()) {
      throw new ParameterException(
          spec.commandLine(), "--publish needs --bootstrap-servers or --out: where the CRL goes");
    }
    if (!publish && (publication.requested() || publication.signer.given())) {
      throw new ParameterException(spec.commandLine(), "the directory options need --publish");
    }
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
    if (publish) {
      // The revocation is recorded and crl.pem written: a failure here leaves it for
      // 'directory publish crl' to repeat, and says so.
      try {
        result.put("published", DirectoryPublishCrlCommand.publish(spec, publication, crl));
      } catch (PkiException e) {
        throw new PkiException(
            e.code(),
            "revoked and CRL #"
                + result.get("crlNumber")
                + " written to "
                + published
                + ", but not published: "
                + e.getMessage()
                + "; run 'directory publish crl' to publish it",
            e);
      }
    }
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
      if (publish) {
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = (Map<String, Object>) result.get("published");
        DirectoryPublication.print(spec, false, entry);
      }
    }
    return ExitCodes.OK;
  }
}
