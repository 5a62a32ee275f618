package org.liaison.pki.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.liaison.pki.keys.KeyEntry;
import org.liaison.pki.keys.Pem;
import org.liaison.pki.keys.Pkcs12Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pem export}: a key's certificate chain from a PKCS#12, as PEM. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write key --alias's certificate chain from --store to --out as PEM.")
final class PemExportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--store", required = true, paramLabel = "FILE", description = "PKCS#12 file.")
  Path store;

  @Option(names = "--alias", required = true, description = "The key: signing, encryption, tls.")
  String alias;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "PEM to write.")
  Path out;

  @Mixin PasswordOptions password;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    KeyEntry entry =
        Pkcs12Store.read(store, Cli.password(spec, password, "the key store " + store), alias);
    Pem.write(out, Pem.encode(entry.chain().toArray()));
    if (json) {
      Cli.out(spec)
          .println(
              Json.write(Map.of("file", out.toString(), "certificates", entry.chain().size())));
    } else {
      Cli.out(spec)
          .printf("Wrote %d certificate(s) of '%s' to %s%n", entry.chain().size(), alias, out);
    }
    return ExitCodes.OK;
  }
}
