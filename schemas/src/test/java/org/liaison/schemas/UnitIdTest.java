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

  @org.junit.jupiter.api.Test
  void theHandWrittenShapeCheckAgreesWithTheDocumentedPattern() {
    java.util.regex.Pattern documented =
        java.util.regex.Pattern.compile("[A-Z]{2}\\.[A-Z0-9-]{2,32}");
    String alphabet = "NLTHZQazn09.-_ \n\u00c9";
    java.util.Random random = new java.util.Random(20261128L);
    int accepted = 0;
    for (int n = 0; n < 50_000; n++) {
      int length = random.nextInt(40);
      StringBuilder text = new StringBuilder(n % 3 == 0 ? "NL." : "");
      for (int i = 0; i < length; i++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String candidate = text.toString();
      boolean expected =
          documented.matcher(candidate).matches()
              && java.util.Set.of(java.util.Locale.getISOCountries())
                  .contains(candidate.substring(0, 2));
      assertThat(UnitId.isValid(candidate)).as(candidate).isEqualTo(expected);
      accepted += expected ? 1 : 0;
    }
    assertThat(accepted).isGreaterThan(100);
  }
}
