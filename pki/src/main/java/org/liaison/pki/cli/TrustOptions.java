package org.liaison.pki.cli;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.liaison.pki.keys.Pem;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.pki.validation.RevocationPolicy;
import org.liaison.pki.validation.TrustContext;
import picocli.CommandLine.Option;

/**
 * The federation's trust, as {@code notice seal} and {@code notice open} take it: both validate
 * certificates (the recipients' before encrypting, the signer's before believing), so both need the
 * same anchor, intermediates and CRLs.
 */
final class TrustOptions {

  @Option(
      names = "--trust-anchor",
      required = true,
      paramLabel = "PEM",
      description = "The federation's root certificate.")
  Path trustAnchor;

  @Option(
      names = "--intermediates",
      paramLabel = "PEM",
      description = "Intermediate CA certificates (repeatable).")
  List<Path> intermediates = new ArrayList<>();

  @Option(names = "--crl", paramLabel = "PEM", description = "CRL files (repeatable).")
  List<Path> crls = new ArrayList<>();

  @Option(
      names = "--allow-missing-revocation",
      description =
          "Accept a certificate whose revocation status no CRL gives (fails closed otherwise).")
  boolean allowMissingRevocation;

  CertificateValidator validator() {
    List<X509Certificate> intermediateCertificates = new ArrayList<>();
    for (Path pem : intermediates) {
      intermediateCertificates.addAll(Pem.readCertificates(pem));
    }
    List<X509CRL> crlList = new ArrayList<>();
    for (Path pem : crls) {
      crlList.addAll(Pem.readCrls(pem));
    }
    return new CertificateValidator(
        new TrustContext(
            Pem.readCertificates(trustAnchor),
            intermediateCertificates,
            crlList,
            allowMissingRevocation ? RevocationPolicy.ALLOW_MISSING : RevocationPolicy.REQUIRE));
  }
}
