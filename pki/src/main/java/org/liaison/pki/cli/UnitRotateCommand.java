package org.liaison.pki.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

/**
 * {@code unit rotate}: a new key for one of a unit's profiles in its existing PKCS#12 file, the
 * current key kept beside it under a dated alias, and a PEM CSR for the new one.
 */
@Command(
    name = "rotate",
    mixinStandardHelpOptions = true,
    description = {
      "Rotate one of a unit's keys in its PKCS#12 file: the current key (alias = profile) is kept"
          + " under <profile>-<yyyy-MM> of today, a new key waits under the profile's alias with a"
          + " self-signed stand-in certificate, and its CSR is written as keygen writes it.",
      "Gateways open notices sealed to every older encryption key they find (aliases"
          + " encryption-*), so the backlog sealed to the old key stays readable. Then: cert"
          + " issue, pem import --alias <profile>, the store to the gateway (it reloads it without a"
          + " restart), directory publish unit."
    })
final class UnitRotateCommand implements Callable<Integer> {

  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT).withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;

  @Option(names = "--unit", required = true, description = "The unit id, such as NL.NCB.")
  UnitId unit;

  @Option(names = "--store", required = true, paramLabel = "FILE", description = "Its PKCS#12.")
  Path store;

  @Option(
      names = "--csr-dir",
      required = true,
      paramLabel = "DIR",
      description = "Where to write <unit>-<profile>.csr.pem.")
  Path csrDir;

  @Option(
      names = "--profile",
      defaultValue = "encryption",
      description = "The key to rotate: encryption, signing or tls (default: ${DEFAULT-VALUE}).")
  CertificateProfile profile;

  @Option(
      names = "--algorithm",
      defaultValue = "ec-p256",
      description = "Key type: ec-p256, ec-p384, rsa-3072, rsa-4096 (default: ${DEFAULT-VALUE}).")
  KeyAlgorithm algorithm;

  @Mixin PasswordOptions password;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() throws java.io.IOException {
    if (!profile.forUnits()) {
      throw new PkiException(
          PkiException.Code.CSR_USAGE_NOT_ALLOWED, profile + " is not a unit profile");
    }
    char[] secret = Cli.password(spec, password, "the key store " + store);
    List<KeyEntry> entries = new ArrayList<>(Pkcs12Store.read(store, secret));
    String alias = profile.name().toLowerCase(Locale.ROOT);
    KeyEntry current =
        entries.stream()
            .filter(e -> e.alias().equalsIgnoreCase(alias))
            .findFirst()
            .orElseThrow(
                () ->
                    new PkiException(
                        PkiException.Code.KEY_NOT_FOUND,
                        store + " has no key '" + alias + "' to rotate"));
    if (Placeholder.is(current.certificate())) {
      // Keeping a key the CA never certified would keep nothing anyone sealed to.
      throw new PkiException(
          PkiException.Code.BAD_INPUT,
          "key '"
              + alias
              + "' in "
              + store
              + " still waits for its certificate: import it with 'pem import' before rotating"
              + " again");
    }
    Instant now = Cli.clock(spec).instant();
    String kept = freeAlias(entries, alias + "-" + MONTH.format(now));
    KeyPair keys = algorithm.generate();
    entries.set(
        entries.indexOf(current), KeyEntry.software(kept, current.privateKey(), current.chain()));
    entries.add(
        KeyEntry.software(alias, keys.getPrivate(), List.of(Placeholder.forKey(keys, unit, now))));
    Files.createDirectories(csrDir);
    Path csr = csrDir.resolve(unit.value() + "-" + alias + ".csr.pem");
    Pem.write(
        csr,
        Pem.encode(
            CsrBuilder.create(
                unit, profile, keys.getPublic(), keys.getPrivate(), Optional.empty())));
    Pkcs12Store.write(store, secret, entries);
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("unit", unit.value());
      out.put("store", store.toString());
      out.put("alias", alias);
      out.put("kept", kept);
      out.put("keptSerial", Cli.serial(current.certificate().getSerialNumber()));
      out.put("csr", csr.toString());
      Cli.out(spec).println(Json.write(out));
    } else {
      Cli.out(spec)
          .printf(
              "New %s key for %s (%s) in %s; the previous one (certificate %s) kept as '%s'%n"
                  + "  CSR %s%n",
              alias,
              unit,
              algorithm,
              store,
              Cli.serial(current.certificate().getSerialNumber()),
              kept,
              csr);
    }
    return ExitCodes.OK;
  }

  /** {@code wanted}, or with -2, -3... when a rotation this month already took it. */
  private static String freeAlias(List<KeyEntry> entries, String wanted) {
    String candidate = wanted;
    for (int n = 2; taken(entries, candidate); n++) {
      candidate = wanted + "-" + n;
    }
    return candidate;
  }

  private static boolean taken(List<KeyEntry> entries, String alias) {
    return entries.stream().anyMatch(e -> e.alias().equalsIgnoreCase(alias));
  }
}
