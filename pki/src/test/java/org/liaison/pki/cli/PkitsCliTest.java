package org.liaison.pki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.liaison.pki.keys.Pem;
import org.liaison.pki.validation.PkitsTest;
import org.liaison.pki.validation.PkitsTest.Case;
import org.liaison.pki.validation.ValidationReason;

/**
 * NIST PKITS through the command line, as an administrator would run it: {@code cert verify --at
 * 2010-02-01T00:00:00Z} with the trust anchor, every PKITS CA certificate as {@code --untrusted}
 * and every PKITS CRL as {@code --crl}, one end entity at a time. Every case of {@link PkitsTest}'s
 * table must exit 0 when it is Valid* and 1 when it is Invalid*, except the deviations that table
 * lists, which all fail closed (exit 1 with their reason). The data is DER; the command reads PEM,
 * so it is converted once into a temporary folder.
 */
class PkitsCliTest {

  @TempDir static Path dir;
  private static Path anchor;
  private static Path cas;
  private static Path crls;

  @BeforeAll
  static void pem() throws IOException, GeneralSecurityException {
    Path folder = PkitsTest.pkitsFolder();
    Case all = new Case("*", "", List.of(PkitsTest.ALL), List.of(PkitsTest.ALL), null);
    anchor = dir.resolve("anchor.pem");
    Pem.write(anchor, Pem.encode(PkitsTest.cert(folder, "TrustAnchorRootCertificate")));
    List<Object> caCerts = new ArrayList<>();
    for (String name : PkitsTest.caNames(all)) {
      caCerts.add(PkitsTest.cert(folder, name));
    }
    cas = dir.resolve("cas.pem");
    Pem.write(cas, Pem.encode(caCerts.toArray()));
    List<Object> crlList = new ArrayList<>();
    crlList.add(PkitsTest.crl(folder, "TrustAnchorRootCRL"));
    for (String name : PkitsTest.crlNames(all)) {
      crlList.add(PkitsTest.crl(folder, name));
    }
    crls = dir.resolve("crls.pem");
    Pem.write(crls, Pem.encode(crlList.toArray()));
  }

  static Stream<Case> allCases() throws IOException {
    return PkitsTest.allCases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allCases")
  void certVerify(Case pkitsCase) throws IOException, GeneralSecurityException {
    Path endEntity = dir.resolve(pkitsCase.endEntity() + ".pem");
    if (!Files.exists(endEntity)) {
      Pem.write(
          endEntity, Pem.encode(PkitsTest.cert(PkitsTest.pkitsFolder(), pkitsCase.endEntity())));
    }

    CliRun run =
        CliRun.run(
            Clock.systemUTC(),
            Map.of(),
            "cert",
            "verify",
            "--at",
            PkitsTest.AT.toString(),
            "--trust-anchor",
            anchor.toString(),
            "--untrusted",
            cas.toString(),
            "--crl",
            crls.toString(),
            endEntity.toString());

    ValidationReason expected =
        PkitsTest.DEVIATIONS.getOrDefault(pkitsCase.id(), pkitsCase.reason());
    if (expected == ValidationReason.VALID) {
      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
      assertThat(run.out()).contains(": OK");
    } else {
      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.INVALID);
      assertThat(run.out()).contains(": " + expected + ": ");
    }
  }
}
