package org.liaison.gateway.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.pki.validation.Purpose;
import org.liaison.pki.validation.RevocationPolicy;
import org.liaison.pki.validation.TrustContext;
import org.liaison.pki.validation.ValidationReason;
import org.liaison.schemas.UnitId;

class DevelopmentFederationTest {

  private static final List<UnitId> UNITS =
      List.of(UnitId.of("NL.NCB"), UnitId.of("NL.ATT-BKK"), UnitId.of("TH.CIB"));

  @TempDir Path folder;

  @Test
  void makesAFederationWhoseCertificatesValidate() throws Exception {
    var material = DevelopmentFederation.openOrCreate(folder, UNITS, Clock.systemUTC());

    assertThat(material.units()).extracting(HostedUnit::id).containsExactlyElementsOf(UNITS);
    var validator =
        new CertificateValidator(
            new TrustContext(
                List.of(material.trustAnchor()),
                List.of(material.issuingCa()),
                material.crls(),
                RevocationPolicy.REQUIRE));
    for (HostedUnit unit : material.units()) {
      assertThat(
              validator
                  .validate(unit.signing().certificate(), List.of(), Purpose.SIGNING, Instant.now())
                  .reason())
          .isEqualTo(ValidationReason.VALID);
      assertThat(
              validator
                  .validate(
                      unit.encryption().certificate(), List.of(), Purpose.ENCRYPTION, Instant.now())
                  .reason())
          .isEqualTo(ValidationReason.VALID);
    }
    assertThat(Files.getPosixFilePermissions(folder.resolve("password")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(folder.resolve("trust-anchor.pem")).exists();
  }

  @Test
  void reusesTheSameKeysOnTheNextStartAndAddsANewUnit() {
    var first = DevelopmentFederation.openOrCreate(folder, UNITS, Clock.systemUTC());
    var withDe = new java.util.ArrayList<>(UNITS);
    withDe.add(UnitId.of("DE.BKA"));

    var second = DevelopmentFederation.openOrCreate(folder, withDe, Clock.systemUTC());

    assertThat(second.trustAnchor()).isEqualTo(first.trustAnchor());
    assertThat(second.units().get(0).signing().certificate())
        .isEqualTo(first.units().get(0).signing().certificate());
    assertThat(second.units()).hasSize(4);
    assertThat(second.crls().get(1).getThisUpdate())
        .isAfterOrEqualTo(first.crls().get(1).getThisUpdate());
  }
}
