package org.liaison.pki.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.liaison.pki.BoundedRead;
import org.liaison.pki.directory.DirectoryRefusal;
import org.liaison.pki.directory.DirectoryVerifier;
import org.liaison.pki.directory.VerifiedEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code directory verify}: checks a signed entry as a gateway would, but for the rollback. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify a signed directory entry as a gateway does: signature, directory-signing"
          + " certificate issued by the root, its validity and revocation, the entry's content"
          + " and, with --key, its record key. (Rollback needs a gateway's state: not checked.)",
      "Exit 0 when it verifies, 1 with the reason code when it does not."
    })
final class DirectoryVerifyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "The entry (DER).")
  Path in;

  @Option(
      names = "--key",
      paramLabel = "KEY",
      description = "The record key it is published under, such as unit:NL.NCB.")
  String key;

  @Mixin TrustOptions trust;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    DirectoryVerifier verifier = new DirectoryVerifier();
    byte[] signed = BoundedRead.file(in, verifier.maxEntryBytes(), "the directory entry");
    Map<String, Object> map = new LinkedHashMap<>();
    try {
      VerifiedEntry entry =
          verifier.verify(
              signed, Optional.ofNullable(key), trust.validator(), Cli.clock(spec).instant());
      map.put("valid", true);
      map.putAll(DirectoryEntryReport.describe(entry.entry(), entry.signer(), entry.signingTime()));
      if (json) {
        Cli.out(spec).println(Json.write(map));
      } else {
        Cli.out(spec).printf("VALID directory entry %s%n", map.get("key"));
        DirectoryEntryReport.printText(Cli.out(spec), map);
      }
      return ExitCodes.OK;
    } catch (DirectoryRefusal refusal) {
      map.put("valid", false);
      map.put("reason", refusal.reason().name());
      map.put("detail", refusal.getMessage());
      if (json) {
        Cli.out(spec).println(Json.write(map));
      } else {
        Cli.out(spec).printf("INVALID [%s] %s%n", refusal.reason(), refusal.getMessage());
      }
      return ExitCodes.INVALID;
    }
  }
}
