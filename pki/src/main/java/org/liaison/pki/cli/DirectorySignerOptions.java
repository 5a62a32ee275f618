package org.liaison.pki.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.liaison.pki.PkiException;
import org.liaison.pki.directory.DirectoryEntrySigner;
import org.liaison.pki.directory.DirectorySequence;
import org.liaison.pki.directory.DirectoryVerifier;
import org.liaison.pki.keys.KeyEntry;
import org.liaison.pki.keys.Pkcs12Store;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The directory-signing key ({@code cert issue-directory-signer} made it) and its password; the
 * sequence counter lives beside it.
 */
final class DirectorySignerOptions {

  @Option(
      names = "--signer-store",
      paramLabel = "P12",
      description = "The directory signer's key store (PKCS#12).")
  Path store;

  @Option(
      names = "--signer-password-file",
      paramLabel = "FILE",
      description = "The signer store's password, from the first line of FILE.")
  Path passwordFile;

  @Option(
      names = "--signer-password-env",
      paramLabel = "VARIABLE",
      description = "The signer store's password, from environment variable VARIABLE.")
  String passwordVariable;

  boolean given() {
    return store != null;
  }

  DirectoryEntrySigner signer(CommandSpec spec) {
    if (store == null) {
      throw new PkiException(
          PkiException.Code.KEY_NOT_FOUND, "give --signer-store: the directory signer's key");
    }
    char[] password =
        Cli.password(
            spec,
            Optional.ofNullable(passwordFile),
            Optional.ofNullable(passwordVariable),
            "the directory signer store " + store);
    List<KeyEntry> entries = Pkcs12Store.read(store, password);
    return new DirectoryEntrySigner(
        entries.stream()
            .filter(e -> DirectoryVerifier.hasDirectoryPolicy(e.certificate()))
            .findFirst()
            .orElseThrow(
                () ->
                    new PkiException(
                        PkiException.Code.KEY_NOT_FOUND,
                        store + " holds no directory-signing key")));
  }

  DirectorySequence sequence(CommandSpec spec) {
    return DirectorySequence.beside(store, Cli.clock(spec));
  }
}
