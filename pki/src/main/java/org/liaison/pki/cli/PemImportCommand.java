package org.liaison.pki.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.liaison.pki.PkiException;
import org.liaison.pki.keys.KeyEntry;
import org.liaison.pki.keys.Pem;
import org.liaison.pki.keys.Pkcs12Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pem import}: put an issued certificate (and chain) beside its key in a PKCS#12. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Put the certificate chain in --cert (PEM, certificate first) in place of key --alias's"
            + " certificate in --store. The certificate must be for that key.")
final class PemImportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--store", required = true, paramLabel = "FILE", description = "PKCS#12 file.")
  Path store;

  @Option(names = "--alias", required = true, description = "The key: signing, encryption, tls.")
  String alias;

  @Option(names = "--cert", required = true, paramLabel = "FILE", description = "PEM chain.")
  Path cert;

  @Mixin PasswordOptions password;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    char[] secret = Cli.password(spec, password, "the key store " + store);
    List<X509Certificate> chain = Pem.readCertificates(cert);
    List<KeyEntry> entries = new ArrayList<>(Pkcs12Store.read(store, secret));
    KeyEntry entry =
        entries.stream()
            .filter(e -> e.alias().equalsIgnoreCase(alias))
            .findFirst()
            .orElseThrow(
                () ->
                    new PkiException(
                        PkiException.Code.KEY_NOT_FOUND, store + " has no key '" + alias + "'"));
    if (!chain.get(0).getPublicKey().equals(entry.certificate().getPublicKey())) {
      throw new PkiException(
          PkiException.Code.BAD_INPUT,
          "the certificate in " + cert + " is not for key '" + alias + "' in " + store);
    }
    entries.set(
        entries.indexOf(entry), KeyEntry.software(entry.alias(), entry.privateKey(), chain));
    Pkcs12Store.write(store, secret, entries);
    if (json) {
      Cli.out(spec)
          .println(
              Json.write(
                  Map.of(
                      "store", store.toString(),
                      "alias", entry.alias(),
                      "subject", Cli.subject(chain.get(0)))));
    } else {
      Cli.out(spec)
          .printf(
              "Key '%s' in %s now has certificate %s (%d in chain)%n",
              entry.alias(), store, Cli.serial(chain.get(0).getSerialNumber()), chain.size());
    }
    return ExitCodes.OK;
  }
}
