package org.liaison.pki.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.PkiException;
import org.liaison.pki.ca.CertificateProfile;
import org.liaison.pki.ca.CsrBuilder;
import org.liaison.pki.ca.Placeholder;
import org.liaison.pki.keys.KeyEntry;
import org.liaison.pki.keys.Pem;
import org.liaison.pki.keys.Pkcs12Store;
import org.liaison.schemas.UnitId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code unit keygen}: a unit's keys into a PKCS#12 file, and one PEM CSR per key. */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
      "Make a unit's keys (one per profile) into a new PKCS#12 file, with a PEM CSR for each.",
      "Each key waits under a self-signed stand-in certificate (alias = profile) until"
          + " 'pem import' puts the issued certificate in its place."
    })
final class UnitKeygenCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--unit", required = true, description = "The unit id, such as NL.NCB.")
  UnitId unit;

  @Option(names = "--store", required = true, paramLabel = "FILE", description = "New PKCS#12.")
  Path store;

  @Option(
      names = "--csr-dir",
      required = true,
      paramLabel = "DIR",
      description = "Where to write <unit>-<profile>.csr.pem.")
  Path csrDir;

  @Option(
      names = "--profile",
      split = ",",
      defaultValue = "signing,encryption,tls",
      description = "Profiles to make keys for (default: ${DEFAULT-VALUE}).")
  List<CertificateProfile> profiles;

  @Option(
      names = "--algorithm",
      defaultValue = "ec-p256",
      description = "Key type: ec-p256, ec-p384, rsa-3072, rsa-4096 (default: ${DEFAULT-VALUE}).")
  KeyAlgorithm algorithm;

  @Mixin PasswordOptions password;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    char[] secret = Cli.password(spec, password, "the new key store");
    if (Files.exists(store)) {
      throw new PkiException(
          PkiException.Code.BAD_INPUT, store + " exists already; keygen never overwrites keys");
    }
    Files.createDirectories(csrDir);
    List<KeyEntry> entries = new ArrayList<>();
    Map<String, Object> csrs = new LinkedHashMap<>();
    for (CertificateProfile profile : profiles) {
      if (!profile.forUnits()) {
        throw new PkiException(
            PkiException.Code.CSR_USAGE_NOT_ALLOWED, profile + " is not a unit profile");
      }
      String alias = profile.name().toLowerCase(Locale.ROOT);
      KeyPair keys = algorithm.generate();
      entries.add(
          KeyEntry.software(
              alias,
              keys.getPrivate(),
              List.of(Placeholder.forKey(keys, unit, Cli.clock(spec).instant()))));
      Path csr = csrDir.resolve(unit.value() + "-" + alias + ".csr.pem");
      Pem.write(
          csr,
          Pem.encode(
              CsrBuilder.create(
                  unit, profile, keys.getPublic(), keys.getPrivate(), Optional.empty())));
      csrs.put(alias, csr.toString());
    }
    Pkcs12Store.write(store, secret, entries);
    if (json) {
      Cli.out(spec)
          .println(
              Json.write(Map.of("unit", unit.value(), "store", store.toString(), "csrs", csrs)));
    } else {
      Cli.out(spec).printf("Keys for %s (%s) in %s%n", unit, algorithm, store);
      csrs.forEach((alias, file) -> Cli.out(spec).printf("  %-10s CSR %s%n", alias, file));
    }
    return ExitCodes.OK;
  }
}
