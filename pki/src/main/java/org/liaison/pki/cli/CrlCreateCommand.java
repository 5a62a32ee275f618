package org.liaison.pki.cli;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.liaison.pki.ca.CaFolder;
import org.liaison.pki.keys.Pem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code crl create}: a fresh CRL (next CRL number, 7 days to next update). */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description =
        "Make a fresh CRL with the next CRL number; written to <ca-dir>/crl.pem and to --out.")
final class CrlCreateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin CaOptions ca;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the CRL here (PEM).")
  Path out;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    X509CRL crl = ca.open(spec).createCrl();
    Path published = CaFolder.publishCrl(ca.dir, crl);
    if (out != null) {
      Pem.write(out, Pem.encode(crl));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("crl", published.toString());
    result.put("crlNumber", number(crl).toString());
    result.put("thisUpdate", crl.getThisUpdate().toInstant().toString());
    result.put("nextUpdate", crl.getNextUpdate().toInstant().toString());
    result.put(
        "revoked", crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size());
    if (json) {
      Cli.out(spec).println(Json.write(result));
    } else {
      Cli.out(spec)
          .printf(
              "CRL #%s written to %s%n  this update %s%n  next update %s%n  revoked     %s%n",
              result.get("crlNumber"),
              published,
              result.get("thisUpdate"),
              result.get("nextUpdate"),
              result.get("revoked"));
    }
    return ExitCodes.OK;
  }

  static BigInteger number(X509CRL crl) {
    return ASN1Integer.getInstance(
            ASN1OctetString.getInstance(crl.getExtensionValue(Extension.cRLNumber.getId()))
                .getOctets())
        .getValue();
  }
}
