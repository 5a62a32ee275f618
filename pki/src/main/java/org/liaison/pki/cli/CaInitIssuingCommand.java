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

/** {@code ca init-issuing}: a new issuing CA (5 years, path length 0) certified by the root. */
@Command(
    name = "init-issuing",
    mixinStandardHelpOptions = true,
    description =
        "Create an issuing CA (valid 5 years, certifies units only) in a new folder,"
            + " certified by the root CA in --root-dir.")
final class CaInitIssuingCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The new CA folder.")
  Path dir;

  @Option(
      names = "--root-dir",
      required = true,
      paramLabel = "DIR",
      description = "The root CA's folder.")
  Path rootDir;

  @Option(names = "--name", defaultValue = "Liaison Issuing CA", description = "CN of the CA.")
  String name;

  @Option(
      names = "--algorithm",
      defaultValue = "ec-p256",
      description = "Key type: ec-p256, ec-p384, rsa-3072, rsa-4096 (default: ${DEFAULT-VALUE}).")
  KeyAlgorithm algorithm;

  @Option(
      names = "--crl-uri",
      paramLabel = "URI",
      description = "Where this CA's CRL is published; written into the unit certificates.")
  URI crlUri;

  @Mixin PasswordOptions password;

  @Option(
      names = "--root-password-file",
      paramLabel = "FILE",
      description = "Read the root CA's password from FILE.")
  Path rootPasswordFile;

  @Option(
      names = "--root-password-env",
      paramLabel = "VARIABLE",
      description = "Read the root CA's password from environment variable VARIABLE.")
  String rootPasswordEnv;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    char[] rootSecret =
        Cli.password(
            spec,
            Optional.ofNullable(rootPasswordFile),
            Optional.ofNullable(rootPasswordEnv),
            "the root CA (--root-password-file or --root-password-env)");
    char[] secret = Cli.password(spec, password, "the new issuing CA key");
    CertificateAuthority root = CaFolder.open(rootDir, rootSecret, Cli.clock(spec));
    CertificateAuthority issuing =
        CaFolder.initIssuing(
            dir, root, name, algorithm, Optional.ofNullable(crlUri), secret, Cli.clock(spec));
    return CaReport.print(
        spec, json, "Issuing CA", dir, issuing.certificate(), "chain", "chain: %s");
  }
}
