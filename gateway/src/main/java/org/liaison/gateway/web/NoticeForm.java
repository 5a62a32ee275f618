package org.liaison.gateway.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.liaison.gateway.json.JsonViolation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The compose and reply form, made from the notice's Avro schema rather than from a copy of it: a
 * field added to the schema appears in the form, with its documentation as the hint, without a
 * change here. The form's values are named by their place in the notice's JSON ({@code title},
 * {@code persons[0].names[1].latin}), so that the form reads into the same JSON the API takes, goes
 * through the same publish path with every check, and each violation the API would answer (its path
 * such as {@code $.persons[0].names[1].latin}) lands beside the input it concerns.
 *
 * <p>How a schema type becomes an input: a string is a text input (a textarea for the long texts,
 * those the notice rules allow more than a line for); an enum, a select; a timestamp, a date and
 * time in UTC; a date, a date; a number, a text input with a numeric keyboard (so that a mistyped
 * value comes back with the API's own {@code JSON_TYPE} rather than being dropped by the browser);
 * a list of enum symbols, checkboxes; a list of strings, one per line; a record, a group of inputs;
 * a list of records, repeated groups with "add" and "remove" buttons that work without JavaScript.
 * A union with null is an optional value. Records that carry bytes (attachments) are left out:
 * files go through the API.
 */
final class NoticeForm {

  /** What kind of input a schema field becomes. */
  enum Kind {
    TEXT,
    TEXTAREA,
    NUMBER,
    DATETIME,
    DATE,
    SELECT,
    CHECKBOXES,
    LINES,
    GROUP,
    REPEAT
  }

  /** A choice of a select or a checkbox. */
  record Option(String value, String label, boolean selected) {}

  /** A violation shown beside an input: the API's code and its message. */
  record Problem(String code, String message) {}

  /**
   * One input, or a group of them.
   *
   * @param name the form parameter, which is the value's JSON path without {@code $.}
   * @param children a group's inputs; a repeat's rows, each a group
   */
  record Input(
      String name,
      String id,
      String label,
      String hint,
      Kind kind,
      boolean required,
      String value,
      List<Option> options,
      List<Input> children,
      List<Problem> problems) {

    public String kindName() {
      return kind.name();
    }

    public boolean invalid() {
      return !problems.isEmpty();
    }
  }

  /** The words of the form: labels of fields and of enum symbols in the page's language. */
  interface Labels {
    /** The label of the field named {@code name} (its last part), given its plain form. */
    String field(String name, String plain);

    /** The label of {@code symbol} of the enum {@code type}. */
    String symbol(Schema type, String symbol);
  }

  /** A violation listed above the form, with the id of the input it concerns when there is one. */
  record Summary(String code, String message, String path, String target) {}

  /** The most rows a repeated group is given in the form (the API takes more). */
  static final int MAX_ROWS = 50;

  /** Long texts: a textarea rather than a line. */
  private static final Set<String> LONG_TEXTS =
      Set.of("summary", "description", "handlingRestrictions", "what", "address");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private NoticeForm() {}

  // ---- the inputs --------------------------------------------------------------------------

  /**
   * The inputs for {@code schema}'s fields but those {@code left}, showing {@code values} and,
   * beside each input, the violations whose path is its own.
   *
   * @param choices the options of string lists that are chosen rather than typed (recipients)
   */
  static List<Input> inputs(
      Schema schema,
      FormValues values,
      Set<String> left,
      Map<String, List<String>> choices,
      List<JsonViolation> violations,
      Labels labels) {
    Map<String, List<Problem>> problems = new LinkedHashMap<>();
    for (JsonViolation v : violations) {
      problems
          .computeIfAbsent(name(v.path()), k -> new ArrayList<>())
          .add(new Problem(v.code(), v.message()));
    }
    var build = new Build(values, choices, problems, labels);
    List<Input> inputs = new ArrayList<>();
    for (Schema.Field f : schema.getFields()) {
      if (!left.contains(f.name()) && !carriesBytes(f.schema())) {
        inputs.add(build.input(f, f.name()));
      }
    }
    return inputs;
  }

  /**
   * Every violation for the list above the form, each with the id of the input it concerns (the
   * nearest one up its path; none for a violation of the whole notice).
   */
  static List<Summary> summary(List<JsonViolation> violations, List<Input> inputs) {
    Map<String, String> ids = new LinkedHashMap<>();
    collectIds(inputs, ids);
    List<Summary> out = new ArrayList<>();
    for (JsonViolation v : violations) {
      String name = name(v.path());
      String target = null;
      for (String n = name; !n.isEmpty(); n = parent(n)) {
        if (ids.containsKey(n)) {
          target = ids.get(n);
          break;
        }
      }
      out.add(new Summary(v.code(), v.message(), name.isEmpty() ? "$" : name, target));
    }
    return out;
  }

  private static void collectIds(List<Input> inputs, Map<String, String> ids) {
    for (Input i : inputs) {
      ids.put(i.name(), i.id());
      collectIds(i.children(), ids);
    }
  }

  /** {@code persons[0].names} → {@code persons[0]} → {@code persons} → empty. */
  static String parent(String name) {
    if (name.endsWith("]")) {
      return name.substring(0, name.lastIndexOf('['));
    }
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(0, dot);
  }

  /** A violation's JSON path as a form name: {@code $.persons[0].id} → {@code persons[0].id}. */
  static String name(String path) {
    if (path.equals("$")) {
      return "";
    }
    return path.startsWith("$.") ? path.substring(2) : path;
  }

  static String id(String name) {
    return "f-" + name.replaceAll("[^A-Za-z0-9]+", "-");
  }

  private static final class Build {
    private final FormValues values;
    private final Map<String, List<String>> choices;
    private final Map<String, List<Problem>> problems;
    private final Labels labels;

    Build(
        FormValues values,
        Map<String, List<String>> choices,
        Map<String, List<Problem>> problems,
        Labels labels) {
      this.values = values;
      this.choices = choices;
      this.problems = problems;
      this.labels = labels;
    }

    Input input(Schema.Field field, String name) {
      boolean optional = isOptional(field.schema());
      Schema type = nonNull(field.schema());
      String label = labels.field(field.name(), NoticeFields.label(field.name()));
      String hint = field.doc();
      return switch (type.getType()) {
        case RECORD ->
            group(name, label, hint, !optional, type, own(name)); // a group's own violations
        case ARRAY -> array(field, name, label, hint, type.getElementType());
        case ENUM -> select(field, name, label, hint, optional, type);
        default -> leaf(field.name(), name, label, hint, optional, type);
      };
    }

    private Input group(
        String name,
        String label,
        String hint,
        boolean required,
        Schema record,
        List<Problem> own) {
      List<Input> children = new ArrayList<>();
      for (Schema.Field f : record.getFields()) {
        if (!carriesBytes(f.schema())) {
          children.add(input(f, name + "." + f.name()));
        }
      }
      return new Input(
          name, id(name), label, hint, Kind.GROUP, required, null, List.of(), children, own);
    }

    private Input array(Schema.Field field, String name, String label, String hint, Schema item) {
      Schema element = nonNull(item);
      if (element.getType() == Schema.Type.RECORD) {
        List<Input> rows = new ArrayList<>();
        int count = Math.min(values.rows(name), MAX_ROWS);
        for (int i = 0; i < count; i++) {
          String row = name + "[" + i + "]";
          rows.add(
              group(
                  row,
                  labels.field(element.getName(), NoticeFields.label(element.getName()))
                      + " "
                      + (i + 1),
                  null,
                  true,
                  element,
                  own(row)));
        }
        return new Input(
            name,
            id(name),
            label,
            hint,
            Kind.REPEAT,
            false,
            String.valueOf(count),
            List.of(),
            rows,
            own(name));
      }
      List<String> given = values.all(name);
      if (element.getType() == Schema.Type.ENUM || choices.containsKey(name)) {
        List<String> symbols =
            element.getType() == Schema.Type.ENUM
                ? element.getEnumSymbols()
                : choices.getOrDefault(name, List.of());
        List<Option> options = new ArrayList<>();
        for (String s : symbols) {
          String text = element.getType() == Schema.Type.ENUM ? labels.symbol(element, s) : s;
          options.add(new Option(s, text, given.contains(s)));
        }
        for (String g : given) {
          if (!symbols.contains(g)) {
            options.add(new Option(g, g, true)); // kept as given: the check says what is wrong
          }
        }
        return new Input(
            name,
            id(name),
            label,
            hint,
            Kind.CHECKBOXES,
            !field.hasDefaultValue(),
            null,
            options,
            List.of(),
            withItems(name));
      }
      return new Input(
          name,
          id(name),
          label,
          hint,
          Kind.LINES,
          !field.hasDefaultValue(),
          String.join("\n", given),
          List.of(),
          List.of(),
          withItems(name));
    }

    private Input select(
        Schema.Field field, String name, String label, String hint, boolean optional, Schema e) {
      String given = values.first(name);
      if (given == null && !optional && e.getEnumDefault() != null) {
        given = e.getEnumDefault();
      }
      List<Option> options = new ArrayList<>();
      options.add(new Option("", "", given == null || given.isEmpty()));
      for (String s : e.getEnumSymbols()) {
        options.add(new Option(s, labels.symbol(e, s), s.equals(given)));
      }
      boolean required = !optional && !field.hasDefaultValue();
      return new Input(
          name, id(name), label, hint, Kind.SELECT, required, null, options, List.of(), own(name));
    }

    private Input leaf(
        String field, String name, String label, String hint, boolean optional, Schema type) {
      String logical = type.getLogicalType() == null ? null : type.getLogicalType().getName();
      Kind kind =
          switch (type.getType()) {
            case INT -> "date".equals(logical) ? Kind.DATE : Kind.NUMBER;
            case LONG -> "timestamp-millis".equals(logical) ? Kind.DATETIME : Kind.NUMBER;
            case FLOAT, DOUBLE -> Kind.NUMBER;
            default -> LONG_TEXTS.contains(field) ? Kind.TEXTAREA : Kind.TEXT;
          };
      String value = values.first(name);
      return new Input(
          name,
          id(name),
          label,
          hint,
          kind,
          !optional,
          value == null ? "" : value,
          List.of(),
          List.of(),
          own(name));
    }

    private List<Problem> own(String name) {
      return problems.getOrDefault(name, List.of());
    }

    /** A list's own violations and its items' ({@code recipients[1]}): one input shows them. */
    private List<Problem> withItems(String name) {
      List<Problem> found = new ArrayList<>(own(name));
      problems.forEach(
          (n, p) -> {
            if (n.startsWith(name + "[")) {
              found.addAll(p);
            }
          });
      return found;
    }
  }

  // ---- from the form's values to the notice's JSON and back --------------------------------

  /**
   * The notice the form's values say, as the API's JSON: blank inputs are left out (a required one
   * is then refused as {@code JSON_REQUIRED}, as from the API), groups whose inputs are all blank
   * too; a value that is not what its field takes is kept as text for the check to name.
   */
  static ObjectNode json(Schema schema, FormValues values, Set<String> left) {
    ObjectNode out = NODES.objectNode();
    for (Schema.Field f : schema.getFields()) {
      if (left.contains(f.name()) || carriesBytes(f.schema())) {
        continue;
      }
      JsonNode v = value(f.schema(), f.name(), values);
      if (v != null) {
        out.set(f.name(), v);
      }
    }
    return out;
  }

  private static JsonNode value(Schema schema, String name, FormValues values) {
    Schema type = nonNull(schema);
    switch (type.getType()) {
      case RECORD -> {
        ObjectNode o = NODES.objectNode();
        for (Schema.Field f : type.getFields()) {
          if (carriesBytes(f.schema())) {
            continue;
          }
          JsonNode v = value(f.schema(), name + "." + f.name(), values);
          if (v != null) {
            o.set(f.name(), v);
          }
        }
        return o.isEmpty() ? null : o;
      }
      case ARRAY -> {
        Schema element = nonNull(type.getElementType());
        ArrayNode a = NODES.arrayNode();
        if (element.getType() == Schema.Type.RECORD) {
          for (int i = 0; i < Math.min(values.rows(name), MAX_ROWS); i++) {
            JsonNode row = value(element, name + "[" + i + "]", values);
            if (row != null) {
              a.add(row);
            }
          }
        } else {
          for (String v : values.all(name)) {
            JsonNode item = leaf(element, v);
            if (item != null) {
              a.add(item);
            }
          }
        }
        return a.isEmpty() ? null : a;
      }
      default -> {
        return leaf(type, values.first(name));
      }
    }
  }

  private static JsonNode leaf(Schema type, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String logical = type.getLogicalType() == null ? null : type.getLogicalType().getName();
    String t = text.strip();
    try {
      return switch (type.getType()) {
        case INT -> "date".equals(logical) ? NODES.stringNode(t) : NODES.numberNode(parseInt(t));
        case LONG ->
            "timestamp-millis".equals(logical)
                ? NODES.stringNode(instant(t))
                : NODES.numberNode(Long.parseLong(t));
        case FLOAT, DOUBLE -> NODES.numberNode(Double.parseDouble(t));
        default -> NODES.stringNode(text);
      };
    } catch (NumberFormatException e) {
      return NODES.stringNode(text); // the codec answers JSON_TYPE at this path
    }
  }

  private static int parseInt(String t) {
    return Integer.parseInt(t);
  }

  /** A date and time as a browser's {@code datetime-local} gives it, read as UTC. */
  private static String instant(String t) {
    try {
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toString();
    } catch (DateTimeParseException e) {
      return t; // an instant already, or wrong: the codec says which
    }
  }

  /** The form's values for the notice in {@code json}: the way back of {@link #json}. */
  static FormValues values(Schema schema, JsonNode json) {
    FormValues out = new FormValues();
    for (Schema.Field f : schema.getFields()) {
      JsonNode v = json.get(f.name());
      if (v != null && !v.isNull()) {
        flatten(f.schema(), f.name(), v, out);
      }
    }
    return out;
  }

  private static void flatten(Schema schema, String name, JsonNode json, FormValues out) {
    Schema type = nonNull(schema);
    switch (type.getType()) {
      case RECORD -> {
        for (Schema.Field f : type.getFields()) {
          JsonNode v = json.get(f.name());
          if (v != null && !v.isNull()) {
            flatten(f.schema(), name + "." + f.name(), v, out);
          }
        }
      }
      case ARRAY -> {
        Schema element = nonNull(type.getElementType());
        if (element.getType() == Schema.Type.RECORD) {
          out.setRows(name, json.size());
          for (int i = 0; i < json.size(); i++) {
            flatten(element, name + "[" + i + "]", json.get(i), out);
          }
        } else {
          for (JsonNode item : json) {
            out.add(name, item.asString());
          }
        }
      }
      default -> {
        String logical = type.getLogicalType() == null ? null : type.getLogicalType().getName();
        String text = json.isString() ? json.asString() : json.toString();
        if ("timestamp-millis".equals(logical)) {
          text = localDateTime(text);
        }
        out.add(name, text);
      }
    }
  }

  private static String localDateTime(String text) {
    try {
      return LocalDateTime.ofInstant(Instant.parse(text), ZoneOffset.UTC)
          .truncatedTo(ChronoUnit.MINUTES)
          .toString();
    } catch (DateTimeParseException e) {
      return text;
    }
  }

  // ---- schema helpers -----------------------------------------------------------------------

  static boolean isOptional(Schema schema) {
    return schema.getType() == Schema.Type.UNION
        && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
  }

  static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    for (Schema branch : schema.getTypes()) {
      if (branch.getType() != Schema.Type.NULL) {
        return branch;
      }
    }
    return schema;
  }

  /** Whether the field holds records with bytes (files), which the form leaves to the API. */
  static boolean carriesBytes(Schema schema) {
    Schema type = nonNull(schema);
    if (type.getType() == Schema.Type.ARRAY) {
      type = nonNull(type.getElementType());
    }
    if (type.getType() != Schema.Type.RECORD) {
      return false;
    }
    for (Schema.Field f : type.getFields()) {
      if (nonNull(f.schema()).getType() == Schema.Type.BYTES) {
        return true;
      }
    }
    return false;
  }
}
