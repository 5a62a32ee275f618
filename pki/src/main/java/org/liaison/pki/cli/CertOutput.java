package org.liaison.pki.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.liaison.pki.ca.CertificateAuthority;
import org.liaison.pki.ca.IssuedCertificate;
import org.liaison.pki.keys.Pem;
import picocli.CommandLine.Model.CommandSpec;

/** Writes an issued certificate with its chain, and reports it. */
final class CertOutput {

  private CertOutput() {}

  static void write(
      CommandSpec spec,
      boolean json,
      String verb,
      IssuedCertificate issued,
      CertificateAuthority authority,
      Path out) {
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(issued.certificate());
    chain.addAll(authority.chain());
    Pem.write(out, Pem.encode(chain.toArray()));
    Map<String, Object> result =
        new java.util.LinkedHashMap<>(Cli.describe(issued, Cli.clock(spec)));
    result.put("file", out.toString());
    if (json) {
      Cli.out(spec).println(Json.write(result));
    } else {
      Cli.out(spec)
          .printf(
              "%s %s certificate for %s%n  serial    %s%n  valid to  %s%n  written   %s%n",
              verb,
              result.get("profile"),
              issued.holder(),
              result.get("serial"),
              result.get("notAfter"),
              out);
    }
  }
}
