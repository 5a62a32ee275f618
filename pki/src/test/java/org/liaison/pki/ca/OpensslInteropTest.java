package org.liaison.pki.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.keys.Pem;
import org.liaison.schemas.UnitId;

/**
 * OpenSSL, an implementation we did not write, accepts what the CA makes: chains and CRLs pass
 * {@code openssl verify -crl_check_all}, a revoked certificate is refused, and a CSR that OpenSSL
 * makes is accepted by the CA.
 */
class OpensslInteropTest {

  private static final UnitId NCB = UnitId.of("NL.NCB");
  private static final UnitId CIB = UnitId.of("TH.CIB");

  @TempDir Path dir;

  record Result(int exitCode, String output) {}

  @Test
  void opensslAcceptsAValidUnitCertificateAndRefusesARevokedOne() throws Exception {
    for (KeyAlgorithm algorithm : List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.RSA_3072)) {
      FederationKit kit = FederationKit.create(algorithm, List.of(NCB, CIB));
      kit.revoke(kit.unit(CIB).signing().certificate(), RevocationReason.KEY_COMPROMISE);
      Path root = write("root.pem", kit.trustAnchor());
      Path issuing = write("issuing.pem", kit.issuingCa());
      Path crls = write("crls.pem", kit.rootCrl(), kit.crl());
      Path good = write("good.pem", kit.unit(NCB).signing().certificate());
      Path tls = write("tls.pem", kit.unit(NCB).tls().certificate());
      Path revoked = write("revoked.pem", kit.unit(CIB).signing().certificate());

      Result valid = verify(root, issuing, crls, good);
      assertThat(valid.exitCode()).as(algorithm + ": " + valid.output()).isZero();
      assertThat(valid.output()).contains(good + ": OK");

      Result tlsClient = verify(root, issuing, crls, tls, "-purpose", "sslclient");
      assertThat(tlsClient.exitCode()).as(tlsClient.output()).isZero();
      Result tlsServer = verify(root, issuing, crls, tls, "-purpose", "sslserver");
      assertThat(tlsServer.exitCode()).as(tlsServer.output()).isZero();

      Result refused = verify(root, issuing, crls, revoked);
      assertThat(refused.exitCode()).as(algorithm + ": " + refused.output()).isNotZero();
      assertThat(refused.output()).contains("certificate revoked");
    }
  }

  @Test
  void theCaCertifiesACsrMadeByOpenssl() throws Exception {
    FederationKit kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NCB));
    Path csr = dir.resolve("openssl.csr.pem");
    Result made =
        openssl(
            "req",
            "-new",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            dir.resolve("openssl.key").toString(),
            "-out",
            csr.toString(),
            "-subj",
            "/C=NL/O=Liaison/CN=NL.NCB",
            "-addext",
            "subjectAltName=URI:urn:liaison:unit:NL.NCB",
            "-addext",
            "keyUsage=critical,digitalSignature,nonRepudiation");
    assertThat(made.exitCode()).as(made.output()).isZero();

    IssuedCertificate issued =
        kit.issuingAuthority().issue(Pem.readCsr(csr), NCB, CertificateProfile.SIGNING);

    Path root = write("root.pem", kit.trustAnchor());
    Path issuing = write("issuing.pem", kit.issuingCa());
    Path crls = write("crls.pem", kit.rootCrl(), kit.crl());
    Result valid = verify(root, issuing, crls, write("issued.pem", issued.certificate()));
    assertThat(valid.exitCode()).as(valid.output()).isZero();
  }

  private Result verify(Path root, Path untrusted, Path crls, Path cert, String... extra)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "verify",
                "-crl_check_all",
                "-x509_strict",
                "-CAfile",
                root.toString(),
                "-untrusted",
                untrusted.toString(),
                "-CRLfile",
                crls.toString()));
    args.addAll(List.of(extra));
    args.add(cert.toString());
    return openssl(args.toArray(String[]::new));
  }

  private Path write(String name, Object... objects) {
    Path file = dir.resolve(name);
    Pem.write(file, Pem.encode(objects));
    return file;
  }

  private static Result openssl(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return fail(
          "openssl is not installed: this interoperability test needs it (apt-get install openssl)");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("openssl did not finish: " + command);
    }
    return new Result(process.exitValue(), output);
  }
}
