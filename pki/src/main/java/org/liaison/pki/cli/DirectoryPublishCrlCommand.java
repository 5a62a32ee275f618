package org.liaison.pki.cli;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.util.List;
import java.util.concurrent.Callable;
import org.liaison.pki.PkiException;
import org.liaison.pki.directory.DirectoryEntries;
import org.liaison.pki.keys.Pem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code directory publish crl}: a CA's current CRL. */
@Command(
    name = "crl",
    mixinStandardHelpOptions = true,
    description =
        "Publish the current CRL of the CA in --ca-dir (its crl.pem, which 'cert revoke' and"
            + " 'crl create' write), keyed by the CA's name.")
final class DirectoryPublishCrlCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--ca-dir", required = true, paramLabel = "DIR", description = "The CA folder.")
  Path caDir;

  @Mixin DirectoryPublication publication;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    X509CRL crl = current(caDir);
    DirectoryPublication.print(spec, json, publish(spec, publication, crl));
    return ExitCodes.OK;
  }

  static X509CRL current(Path caDir) {
    List<X509CRL> crls = Pem.readCrls(caDir.resolve("crl.pem"));
    if (crls.size() != 1) {
      throw new PkiException(
          PkiException.Code.BAD_INPUT, caDir.resolve("crl.pem") + " must hold exactly one CRL");
    }
    return crls.get(0);
  }

  static java.util.Map<String, Object> publish(
      CommandSpec spec, DirectoryPublication publication, X509CRL crl) {
    return publication.publish(spec, (sequence, at) -> DirectoryEntries.crl(crl, sequence, at));
  }
}
