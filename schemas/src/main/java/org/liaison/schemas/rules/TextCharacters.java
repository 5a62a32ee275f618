package org.liaison.schemas.rules;

import java.util.Optional;

/**
 * Which characters a notice's texts may hold: any Unicode character, as a well-formed sequence of
 * UTF-16 units, except the control characters (C0, DEL and C1) other than tab, line feed and
 * carriage return. A lone surrogate is what a JSON escape such as {@code "\ud800"} or a malformed
 * UTF-8 sequence becomes in a Java string; left in, UTF-8 encoding would turn it into a question
 * mark and the recipient would read another text than the one the sender signed off.
 */
public final class TextCharacters {

  /**
   * Whether {@code s} holds neither a control character (tab, line feed and carriage return apart)
   * nor a surrogate: the common case, tested in one tight pass over a {@code String} (a notice's
   * texts are checked at publishing and again at opening, and were 5 % of a publish's CPU through
   * the {@code CharSequence} loop below). When false, that loop finds the problem, if any (a
   * well-formed surrogate pair is none).
   */
  private static boolean plain(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20
          ? c != '\t' && c != '\n' && c != '\r'
          : (c >= 0x7F && c <= 0x9F) || (c >= 0xD800 && c <= 0xDFFF)) {
        return false;
      }
    }
    return true;
  }

  /** What is wrong with a text: its rule code and a message that names the position. */
  record Problem(RuleCode code, String message) {}

  private TextCharacters() {}

  /**
   * Whether {@code text} is well-formed UTF-16 (no lone surrogate), for the readers that must look
   * before a text is encoded to UTF-8 and the rules could no longer see it.
   */
  public static boolean isWellFormed(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  static Optional<Problem> firstProblem(CharSequence text) {
    if (text instanceof String s && plain(s)) {
      return Optional.empty();
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return Optional.of(
            new Problem(
                RuleCode.INVALID_UNICODE,
                "holds a lone surrogate at position " + i + ": not Unicode"));
      } else if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
        return Optional.of(
            new Problem(
                RuleCode.CONTROL_CHARACTER,
                String.format(
                    "holds the control character U+%04X at position %d; only tab and line breaks"
                        + " are allowed",
                    (int) c, i)));
      }
    }
    return Optional.empty();
  }
}
