package org.liaison.pki.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where a key store's password comes from: a file or an environment variable, never argv. */
final class PasswordOptions {

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "Read the key store password from the first line of FILE.")
  Path file;

  @Option(
      names = "--password-env",
      paramLabel = "VARIABLE",
      description = "Read the key store password from environment variable VARIABLE.")
  String variable;

  Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  Optional<String> variable() {
    return Optional.ofNullable(variable);
  }
}
