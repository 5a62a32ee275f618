package org.liaison.schemas.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Collects violations while the rules walk a notice, with the checks several rules share. */
final class Violations {

  private final List<RuleViolation> found = new ArrayList<>();

  void add(String path, RuleCode code, String message) {
    found.add(new RuleViolation(path, code, message));
  }

  /** A required text: present, not blank, not longer than {@code max}. */
  void requiredText(String path, CharSequence text, int max) {
    if (text == null || text.toString().isBlank()) {
      add(path, RuleCode.TEXT_EMPTY, path + " is empty");
    } else {
      optionalText(path, text, max);
    }
  }

  /**
   * An optional text: when present, not longer than {@code max} characters, and only characters a
   * reader sees (see {@link TextCharacters}).
   */
  void optionalText(String path, CharSequence text, int max) {
    if (text == null) {
      return;
    }
    if (text.length() > max) {
      add(
          path,
          RuleCode.TEXT_TOO_LONG,
          path + " has " + text.length() + " characters, more than " + max);
    }
    TextCharacters.firstProblem(text)
        .ifPresent(problem -> add(path, problem.code(), path + " " + problem.message()));
  }

  /** A list no longer than {@code max}. */
  void count(String path, Collection<?> items, int max) {
    if (items != null && items.size() > max) {
      add(path, RuleCode.TOO_MANY, path + " has " + items.size() + " items, more than " + max);
    }
  }

  void country(String path, String code) {
    if (code != null && !Identifiers.isCountry(code)) {
      add(path, RuleCode.COUNTRY_CODE, path + " is not an ISO 3166 alpha-2 country code");
    }
  }

  void languageTag(String path, String tag) {
    if (!Identifiers.isLanguageTag(tag)) {
      add(path, RuleCode.LANGUAGE_TAG, path + " is not a well-formed BCP 47 language tag");
    }
  }

  List<RuleViolation> list() {
    return List.copyOf(found);
  }
}
