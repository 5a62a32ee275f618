package org.liaison.schemas.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifiersTest {

  @ParameterizedTest
  @CsvSource({
    "en, true",
    "th, true",
    "nl-NL, true",
    "zh-Hant-TW, true",
    "sr-Latn, true",
    "EN, true",
    "fil, true",
    "english, false",
    "qq, false",
    "en_GB, false",
    "'', false",
    "und, false",
    "th-, false",
    "x-private, false"
  })
  void languageTags(String tag, boolean valid) {
    assertThat(Identifiers.isLanguageTag(tag)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({
    "9074729, true",
    "8714267, true",
    "8714268, false",
    "IMO9074729, false",
    "907472, false"
  })
  void imoNumbers(String value, boolean valid) {
    assertThat(Identifiers.isImoNumber(value)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({
    "NL91ABNA0417164300, true",
    "NL91 ABNA 0417 1643 00, true",
    "GB82WEST12345698765432, true",
    "NL92ABNA0417164300, false",
    "nl91abna0417164300, false",
    "NL91, false"
  })
  void ibans(String value, boolean valid) {
    assertThat(Identifiers.isIban(value)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({"TH, true", "NL, true", "XX, false", "THA, false", "th, false"})
  void countries(String code, boolean valid) {
    assertThat(Identifiers.isCountry(code)).isEqualTo(valid);
  }

  @org.junit.jupiter.api.Test
  void rememberedLanguageTagAnswersStayRightAcrossAFullMemory() {
    for (int round = 0; round < 2; round++) {
      assertThat(Identifiers.isLanguageTag("en")).isTrue();
      assertThat(Identifiers.isLanguageTag("english")).isFalse();
    }
    for (int i = 0; i <= Identifiers.MAX_LANGUAGE_TAGS; i++) {
      assertThat(Identifiers.isLanguageTag("x" + i)).isFalse();
    }
    assertThat(Identifiers.isLanguageTag("en")).isTrue();
    assertThat(Identifiers.isLanguageTag("english")).isFalse();
  }
}
