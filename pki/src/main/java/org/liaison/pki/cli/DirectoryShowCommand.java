package org.liaison.pki.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.liaison.pki.BoundedRead;
import org.liaison.pki.PkiException;
import org.liaison.pki.directory.DirectoryRefusal;
import org.liaison.pki.directory.DirectoryVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code directory show}: what a signed entry says, unverified. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description =
        "Print what a signed directory entry says and who signed it, without verifying it"
            + " ('directory verify' does).")
final class DirectoryShowCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "The entry (DER).")
  Path in;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    DirectoryVerifier verifier = new DirectoryVerifier();
    byte[] signed = BoundedRead.file(in, verifier.maxEntryBytes(), "the directory entry");
    DirectoryVerifier.Unverified entry;
    try {
      entry = verifier.inspect(signed);
    } catch (DirectoryRefusal refusal) {
      throw new PkiException(
          PkiException.Code.BAD_INPUT,
          in + " is no directory entry: " + refusal.getMessage() + " [" + refusal.reason() + "]");
    }
    Map<String, Object> map =
        DirectoryEntryReport.describe(entry.entry(), entry.signer(), entry.signingTime());
    map.put("verified", false);
    if (json) {
      Cli.out(spec).println(Json.write(map));
    } else {
      Cli.out(spec).printf("Directory entry %s (not verified)%n", map.get("key"));
      DirectoryEntryReport.printText(Cli.out(spec), map);
    }
    return ExitCodes.OK;
  }
}
