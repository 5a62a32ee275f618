package org.liaison.pki.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.PkiException;
import org.liaison.pki.ca.CertificateAuthority;
import org.liaison.pki.ca.IssuedCertificate;
import org.liaison.pki.keys.KeyEntry;
import org.liaison.pki.keys.Pkcs12Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cert issue-directory-signer}: the root's directory-signing key and certificate. */
@Command(
    name = "issue-directory-signer",
    mixinStandardHelpOptions = true,
    description = {
      "Make the directory-signing key and have the ROOT CA in --ca-dir certify it: subject"
          + " O=Liaison, OU=Directory, CN=--name, keyUsage digitalSignature, the Liaison"
          + " directory-signing certificate policy, valid 1 year.",
      "The key and its chain go to a new PKCS#12 file (--store, alias 'directory'), protected by"
          + " --store-password-file or --store-password-env. Gateways accept directory entries"
          + " signed by this key only."
    })
final class CertIssueDirectorySignerCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin CaOptions ca;

  @Option(
      names = "--name",
      defaultValue = "directory",
      paramLabel = "NAME",
      description = "The signer's name (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(names = "--store", required = true, paramLabel = "P12", description = "New PKCS#12.")
  Path store;

  @Option(
      names = "--store-password-file",
      paramLabel = "FILE",
      description = "The new store's password, from the first line of FILE.")
  Path storePasswordFile;

  @Option(
      names = "--store-password-env",
      paramLabel = "VARIABLE",
      description = "The new store's password, from environment variable VARIABLE.")
  String storePasswordVariable;

  @Option(
      names = "--algorithm",
      defaultValue = "ec-p256",
      description = "Key type: ec-p256, ec-p384, rsa-3072, rsa-4096 (default: ${DEFAULT-VALUE}).")
  KeyAlgorithm algorithm;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    if (Files.exists(store)) {
      throw new PkiException(
          PkiException.Code.BAD_INPUT, store + " exists already; keys are never overwritten");
    }
    char[] storePassword =
        Cli.password(
            spec,
            Optional.ofNullable(storePasswordFile),
            Optional.ofNullable(storePasswordVariable),
            "the new directory signer store");
    CertificateAuthority authority = ca.open(spec);
    KeyPair keys = algorithm.generate();
    IssuedCertificate issued = authority.issueDirectorySigner(keys.getPublic(), name);
    Pkcs12Store.write(
        store,
        storePassword,
        List.of(
            KeyEntry.software(
                "directory",
                keys.getPrivate(),
                List.of(issued.certificate(), authority.certificate()))));
    Map<String, Object> result = Cli.describe(issued, Cli.clock(spec));
    result = new LinkedHashMap<>(result);
    result.put("subject", Cli.subject(issued.certificate()));
    result.put("store", store.toString());
    if (json) {
      Cli.out(spec).println(Json.write(result));
    } else {
      Cli.out(spec)
          .printf(
              "Issued directory-signing certificate %s (%s), valid to %s%n  key in %s%n",
              result.get("serial"), result.get("subject"), result.get("notAfter"), store);
    }
    return ExitCodes.OK;
  }
}
