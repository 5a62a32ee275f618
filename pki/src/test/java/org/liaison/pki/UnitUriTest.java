package org.liaison.pki;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.liaison.schemas.UnitId;

class UnitUriTest {

  @Test
  void roundTripsAUnitId() {
    UnitId unit = UnitId.of("NL.ATT-BKK");
    assertThat(UnitUri.of(unit)).isEqualTo("urn:liaison:unit:NL.ATT-BKK");
    assertThat(UnitUri.parse(UnitUri.of(unit))).contains(unit);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "urn:liaison:unit:",
        "URN:LIAISON:UNIT:NL.NCB",
        "urn:liaison:unit:nl.ncb",
        "urn:liaison:unit:NL.NCB/x",
        "https://example.org/NL.NCB",
        "NL.NCB"
      })
  void refusesAnythingElse(String uri) {
    assertThat(UnitUri.parse(uri)).isEmpty();
  }
}
