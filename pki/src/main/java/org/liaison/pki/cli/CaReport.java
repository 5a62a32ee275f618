package org.liaison.pki.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code ca init-root} and {@code ca init-issuing} print about the CA they made. */
final class CaReport {

  private CaReport() {}

  /**
   * Prints the new CA as text or JSON.
   *
   * @param heading e.g. "Root CA"
   * @param fileKey the JSON member naming the file to hand out, e.g. "certificate"
   * @param fileLine the text line for that file, with one %s for its path
   */
  static int print(
      CommandSpec spec,
      boolean json,
      String heading,
      Path dir,
      X509Certificate certificate,
      String fileKey,
      String fileLine) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("dir", dir.toString());
    result.put("subject", Cli.subject(certificate));
    result.put("serial", Cli.serial(certificate.getSerialNumber()));
    result.put("notAfter", certificate.getNotAfter().toInstant().toString());
    result.put(fileKey, dir.resolve("ca.pem").toString());
    if (json) {
      Cli.out(spec).println(Json.write(result));
    } else {
      Cli.out(spec)
          .printf(
              "%s created in %s%n  subject   %s%n  serial    %s%n  valid to  %s%n  "
                  + fileLine
                  + "%n",
              heading,
              dir,
              result.get("subject"),
              result.get("serial"),
              result.get("notAfter"),
              result.get(fileKey));
    }
    return ExitCodes.OK;
  }
}
