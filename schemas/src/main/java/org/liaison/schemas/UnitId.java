package org.liaison.schemas;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The id of a unit that sends and receives notices: an ISO 3166-1 alpha-2 country code, a dot, and
 * a code of 2 to 32 characters from {@code [A-Z0-9-]}, for example {@code NL.NCB} or {@code
 * NL.ATT-BKK}.
 *
 * <p>{@code EU} and {@code UN} are accepted as country codes besides the ISO list, for units of
 * Europol and of the United Nations, which ISO 3166-1 reserves but does not list.
 */
public record UnitId(String value) implements Comparable<UnitId> {

  private static final Set<String> COUNTRIES = countries();

  public UnitId {
    Objects.requireNonNull(value, "unit id");
    String problem = problem(value);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** Parses a unit id, or throws {@link IllegalArgumentException} saying what is wrong. */
  public static UnitId of(String value) {
    return new UnitId(value);
  }

  /** Whether {@code value} is a well-formed unit id. */
  public static boolean isValid(String value) {
    return value != null && problem(value) == null;
  }

  /**
   * What is wrong with {@code value} as a unit id, in words for an administrator, or {@code null}
   * when it is well formed.
   */
  public static String problem(String value) {
    if (value == null) {
      return "unit id is missing";
    }
    if (!hasShape(value)) {
      return "unit id '"
          + printable(value)
          + "' is not of the form CC.CODE (country, dot, 2-32 of A-Z 0-9 -)";
    }
    String country = value.substring(0, 2);
    if (!COUNTRIES.contains(country)) {
      return "unit id '" + value + "' starts with '" + country + "', not an ISO 3166 country code";
    }
    return null;
  }

  /**
   * {@code [A-Z]{2}\.[A-Z0-9-]{2,32}}, checked by hand: every notice's originator and recipients
   * and every certificate's unit are checked, and the regular expression showed in the profile.
   */
  private static boolean hasShape(String value) {
    int length = value.length();
    if (length < 5 || length > 35 || value.charAt(2) != '.') {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      boolean upper = c >= 'A' && c <= 'Z';
      boolean ok = i < 2 ? upper : i == 2 || upper || (c >= '0' && c <= '9') || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The country part, such as {@code NL}. */
  public String country() {
    return value.substring(0, 2);
  }

  @Override
  public int compareTo(UnitId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }

  private static String printable(String value) {
    String cut = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  private static Set<String> countries() {
    var codes = new java.util.HashSet<>(Set.of(Locale.getISOCountries()));
    codes.add("EU");
    codes.add("UN");
    return Set.copyOf(codes);
  }
}
