package org.liaison.pki.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.liaison.pki.ca.CaFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cert list}: every certificate the CA issued, with status and expiry. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the certificates a CA issued, with status and expiry (no password needed).")
final class CertListCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--ca-dir", required = true, paramLabel = "DIR", description = "The CA folder.")
  Path dir;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    List<Map<String, Object>> rows =
        CaFolder.register(dir).issued().stream()
            .map(issued -> Cli.describe(issued, Cli.clock(spec)))
            .toList();
    if (json) {
      Cli.out(spec).println(Json.write(rows));
      return ExitCodes.OK;
    }
    String format = "%-34s %-18s %-10s %-8s %s%n";
    Cli.out(spec).printf(format, "SERIAL", "HOLDER", "PROFILE", "STATUS", "EXPIRES");
    for (Map<String, Object> row : rows) {
      Cli.out(spec)
          .printf(
              format,
              row.get("serial"),
              row.get("holder"),
              row.get("profile"),
              row.get("status"),
              row.get("notAfter"));
    }
    return ExitCodes.OK;
  }
}
