package org.liaison.gateway.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of the compose form, by name ({@code persons[0].names[1].latin}), as the browser sent
 * them, and how many rows each repeated group has ({@code _rows.persons}): a row can be blank (just
 * added) and still be shown.
 */
final class FormValues {

  /** The parameter that carries a repeated group's row count. */
  static final String ROWS = "_rows.";

  private final Map<String, List<String>> values = new LinkedHashMap<>();

  /**
   * The form's values among a request's parameters; the lines of a textarea of {@code lineLists}
   * (named without row indices: {@code persons.nationalities}) split into values.
   */
  static FormValues of(Map<String, String[]> parameters, List<String> lineLists) {
    FormValues out = new FormValues();
    parameters.forEach(
        (name, given) -> {
          boolean lines = lineLists.contains(name.replaceAll("\\[\\d+]", ""));
          for (String v : given) {
            if (lines) {
              for (String line : v.split("\\R")) {
                if (!line.isBlank()) {
                  out.add(name, line.strip());
                }
              }
            } else {
              out.add(name, v);
            }
          }
        });
    return out;
  }

  void add(String name, String value) {
    values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
  }

  void set(String name, String value) {
    List<String> one = new ArrayList<>();
    one.add(value);
    values.put(name, one);
  }

  String first(String name) {
    List<String> v = values.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  /** The rows of the repeated group {@code name}: as many as it was given, or values show. */
  int rows(String name) {
    int rows = 0;
    String given = first(ROWS + name);
    if (given != null) {
      try {
        rows = Math.max(0, Integer.parseInt(given.strip()));
      } catch (NumberFormatException e) {
        rows = 0;
      }
    }
    String prefix = name + "[";
    for (String key : values.keySet()) {
      if (key.startsWith(prefix)) {
        int end = key.indexOf(']', prefix.length());
        if (end > prefix.length()) {
          try {
            rows = Math.max(rows, Integer.parseInt(key.substring(prefix.length(), end)) + 1);
          } catch (NumberFormatException e) {
            // not a row of this group
          }
        }
      }
    }
    return Math.min(rows, NoticeForm.MAX_ROWS);
  }

  void setRows(String name, int rows) {
    set(ROWS + name, String.valueOf(rows));
  }

  /** Removes row {@code index} of the group {@code name}: its values go, the later rows move up. */
  void removeRow(String name, int index) {
    int rows = rows(name);
    if (index < 0 || index >= rows) {
      return;
    }
    Map<String, List<String>> moved = new LinkedHashMap<>();
    String prefix = name + "[";
    values.forEach(
        (key, v) -> {
          if (!key.startsWith(prefix) && !key.startsWith(ROWS + prefix)) {
            moved.put(key, v);
            return;
          }
          boolean counter = key.startsWith(ROWS);
          String rest = counter ? key.substring(ROWS.length()) : key;
          int end = rest.indexOf(']', prefix.length());
          int i;
          try {
            i = Integer.parseInt(rest.substring(prefix.length(), end));
          } catch (RuntimeException e) {
            return;
          }
          if (i == index) {
            return;
          }
          int to = i > index ? i - 1 : i;
          String renamed = prefix + to + rest.substring(end);
          moved.put(counter ? ROWS + renamed : renamed, v);
        });
    values.clear();
    values.putAll(moved);
    setRows(name, rows - 1);
  }
}
