package org.liaison.pki.cli;

import java.nio.file.Path;
import org.liaison.pki.ca.CaFolder;
import org.liaison.pki.ca.CertificateAuthority;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The CA folder a command works on, and its password. */
final class CaOptions {

  @Option(names = "--ca-dir", required = true, paramLabel = "DIR", description = "The CA folder.")
  Path dir;

  @Mixin PasswordOptions password;

  CertificateAuthority open(CommandSpec spec) {
    return CaFolder.open(dir, Cli.password(spec, password, "the CA in " + dir), Cli.clock(spec));
  }
}
