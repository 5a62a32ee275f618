package org.liaison.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnitIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"NL.NCB", "NL.ATT-BKK", "TH.CIB", "EU.EUROPOL", "DE.BKA-2"})
  void acceptsWellFormedIds(String id) {
    assertThat(UnitId.of(id).value()).isEqualTo(id);
    assertThat(UnitId.isValid(id)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "NL",
        "nl.ncb",
        "NL.N",
        "NL..NCB",
        "NLD.NCB",
        "NL.NCB ",
        "NL.NC_B",
        "NL.\u0000X"
      })
  void refusesMalformedIds(String id) {
    assertThat(UnitId.isValid(id)).isFalse();
    assertThatThrownBy(() -> UnitId.of(id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not of the form CC.CODE");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ZZ.NCB", "QQ.ATT-BKK"})
  void refusesUnknownCountries(String id) {
    assertThatThrownBy(() -> UnitId.of(id)).hasMessageContaining("not an ISO 3166 country code");
  }

  @ParameterizedTest
  @ValueSource(ints = {32, 33})
  void limitsTheCodeTo32Characters(int length) {
    String id = "NL." + "A".repeat(length);
    assertThat(UnitId.isValid(id)).isEqualTo(length <= 32);
  }

  @ParameterizedTest
  @ValueSource(strings = {"NL.NCB"})
  void exposesItsCountry(String id) {
    assertThat(UnitId.of(id).country()).isEqualTo("NL");
  }
}
