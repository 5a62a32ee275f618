package org.liaison.schemas.rules;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Checks of identifiers that carry their own structure: language tags, countries, IMO, IBAN. */
final class Identifiers {

  private static final Set<String> COUNTRIES = new HashSet<>(Set.of(Locale.getISOCountries()));
  private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
  private static final Pattern IMO = Pattern.compile("[0-9]{7}");
  private static final Pattern MMSI = Pattern.compile("[0-9]{9}");
  private static final Pattern IBAN = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}");
  private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

  private Identifiers() {}

  /**
   * A well-formed BCP 47 tag, written the way Java writes it back, whose language is an ISO 639
   * code: two letters from the ISO 639-1 list, or three letters. Five to eight letters are
   * well-formed BCP 47 but registered for no language, so {@code english} is refused.
   */
  static boolean isLanguageTag(String tag) {
    if (tag == null || tag.isBlank()) {
      return false;
    }
    Boolean known = LANGUAGE_TAGS.get(tag);
    if (known != null) {
      return known;
    }
    boolean answer = checkLanguageTag(tag);
    if (LANGUAGE_TAGS.size() >= MAX_LANGUAGE_TAGS) {
      LANGUAGE_TAGS.clear();
    }
    LANGUAGE_TAGS.put(tag, answer);
    return answer;
  }

  /**
   * Answers for tags already checked: notices use a handful of languages, and building a {@link
   * Locale} per text showed in the profile of opening. Bounded: it starts over when full.
   */
  static final int MAX_LANGUAGE_TAGS = 512;

  private static final ConcurrentHashMap<String, Boolean> LANGUAGE_TAGS = new ConcurrentHashMap<>();

  private static boolean checkLanguageTag(String tag) {
    try {
      Locale locale = new Locale.Builder().setLanguageTag(tag).build();
      String language = locale.getLanguage();
      boolean iso639 =
          language.length() == 3 || (language.length() == 2 && LANGUAGES.contains(language));
      return iso639 && locale.toLanguageTag().equalsIgnoreCase(tag);
    } catch (IllformedLocaleException e) {
      return false;
    }
  }

  static boolean isCountry(String code) {
    return code != null && COUNTRIES.contains(code);
  }

  /** Seven digits whose last is the sum of the first six weighted 7..2, modulo 10. */
  static boolean isImoNumber(String value) {
    if (value == null || !IMO.matcher(value).matches()) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 6; i++) {
      sum += (value.charAt(i) - '0') * (7 - i);
    }
    return sum % 10 == value.charAt(6) - '0';
  }

  static boolean isMmsi(String value) {
    return value != null && MMSI.matcher(value).matches();
  }

  /** ISO 13616: spaces ignored, country moved to the end, letters as 10..35, modulo 97 is 1. */
  static boolean isIban(String value) {
    if (value == null) {
      return false;
    }
    String iban = value.replace(" ", "");
    if (!IBAN.matcher(iban).matches()) {
      return false;
    }
    String rearranged = iban.substring(4) + iban.substring(0, 4);
    StringBuilder digits = new StringBuilder(rearranged.length() * 2);
    for (char c : rearranged.toCharArray()) {
      digits.append(Character.digit(c, 36));
    }
    return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
  }
}
