package org.liaison.pki.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.CaFolder;
import org.liaison.pki.ca.CertificateAuthority;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ca init-root}: a new self-signed root CA (20 years) in a new folder. */
@Command(
    name = "init-root",
    mixinStandardHelpOptions = true,
    description = "Create the federation's root CA (valid 20 years) in a new folder.")
final class CaInitRootCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The new CA folder.")
  Path dir;

  @Option(names = "--name", defaultValue = "Liaison Root CA", description = "CN of the root.")
  String name;

  @Option(
      names = "--algorithm",
      defaultValue = "ec-p256",
      description = "Key type: ec-p256, ec-p384, rsa-3072, rsa-4096 (default: ${DEFAULT-VALUE}).")
  KeyAlgorithm algorithm;

  @Option(
      names = "--crl-uri",
      paramLabel = "URI",
      description = "Where this CA's CRL is published; written into what it certifies.")
  URI crlUri;

  @Mixin PasswordOptions password;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    char[] secret = Cli.password(spec, password, "the new root CA key");
    CertificateAuthority root =
        CaFolder.initRoot(
            dir, name, algorithm, Optional.ofNullable(crlUri), secret, Cli.clock(spec));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("dir", dir.toString());
    result.put("subject", Cli.subject(root.certificate()));
    result.put("serial", Cli.serial(root.certificate().getSerialNumber()));
    result.put("notAfter", root.certificate().getNotAfter().toInstant().toString());
    result.put("certificate", dir.resolve("ca.pem").toString());
    if (json) {
      Cli.out(spec).println(Json.write(result));
    } else {
      Cli.out(spec)
          .printf(
              "Root CA created in %s%n  subject   %s%n  serial    %s%n  valid to  %s%n"
                  + "  trust anchor: %s (give it to every gateway)%n",
              dir,
              result.get("subject"),
              result.get("serial"),
              result.get("notAfter"),
              result.get("certificate"));
    }
    return ExitCodes.OK;
  }
}
