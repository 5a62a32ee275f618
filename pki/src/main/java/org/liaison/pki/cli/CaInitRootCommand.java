package org.liaison.pki.cli;

import java.net.URI;
import java.nio.file.Path;
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
    return CaReport.print(
        spec,
        json,
        "Root CA",
        dir,
        root.certificate(),
        "certificate",
        "trust anchor: %s (give it to every gateway)");
  }
}
