package org.liaison.gateway.json;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.liaison.schemas.rules.RuleCode;
import org.liaison.schemas.rules.TextCharacters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps plain JSON to Avro generic data and back, following a schema. Reading collects every
 * violation with its path instead of stopping at the first, so that a caller fixes a notice in one
 * round. Values come out in Avro's raw representation (timestamps as epoch milliseconds, dates as
 * epoch days, uuids as strings, bytes as {@link ByteBuffer}), ready for a plain {@link GenericData}
 * writer.
 */
public final class AvroJsonMapper {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The result of reading: a record when there were no violations. */
  public record Read(GenericRecord record, List<JsonViolation> violations) {
    public boolean ok() {
      return violations.isEmpty();
    }
  }

  private AvroJsonMapper() {}

  /** Reads {@code json} as a record of {@code schema}. */
  public static Read read(JsonNode json, Schema schema) {
    List<JsonViolation> violations = new ArrayList<>();
    Object value = value(json, schema, "$", violations);
    return new Read(violations.isEmpty() ? (GenericRecord) value : null, List.copyOf(violations));
  }

  /** Writes a record in Avro's raw representation as plain JSON. */
  public static ObjectNode write(GenericRecord record) {
    return (ObjectNode) node(record, record.getSchema());
  }

  private static Object value(JsonNode json, Schema schema, String path, List<JsonViolation> out) {
    if (json == null || json.isNull()) {
      if (schema.getType() == Schema.Type.NULL || nullable(schema)) {
        return null;
      }
      out.add(new JsonViolation(path, "JSON_REQUIRED", "a value is required"));
      return null;
    }
    LogicalType logical = schema.getLogicalType();
    return switch (schema.getType()) {
      case RECORD -> record(json, schema, path, out);
      case UNION -> union(json, schema, path, out);
      case ARRAY -> array(json, schema, path, out);
      case MAP -> map(json, schema, path, out);
      case ENUM -> enumSymbol(json, schema, path, out);
      case STRING -> string(json, logical, path, out);
      case BYTES, FIXED -> bytes(json, schema, path, out);
      case INT -> integer(json, logical, path, out);
      case LONG -> longValue(json, logical, path, out);
      case FLOAT, DOUBLE -> number(json, schema, path, out);
      case BOOLEAN -> bool(json, path, out);
      case NULL -> typeError(path, "null", out);
    };
  }

  private static GenericRecord record(
      JsonNode json, Schema schema, String path, List<JsonViolation> out) {
    if (!json.isObject()) {
      return typeError(path, "an object", out);
    }
    GenericData.Record record = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      String at = path + "." + field.name();
      JsonNode child = json.get(field.name());
      if (child == null && field.hasDefaultValue()) {
        record.put(field.pos(), GenericData.get().getDefaultValue(field));
      } else if (child == null && !nullable(field.schema())) {
        out.add(new JsonViolation(at, "JSON_REQUIRED", "a value is required"));
      } else {
        record.put(field.pos(), value(child, field.schema(), at, out));
      }
    }
    for (String name : json.propertyNames()) {
      if (schema.getField(name) == null) {
        out.add(
            new JsonViolation(
                path + "." + name, "JSON_UNKNOWN_FIELD", "no such field in " + schema.getName()));
      }
    }
    return record;
  }

  private static Object union(JsonNode json, Schema schema, String path, List<JsonViolation> out) {
    List<Schema> branches =
        schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
    if (branches.size() == 1) {
      return value(json, branches.get(0), path, out);
    }
    for (Schema branch : branches) {
      List<JsonViolation> trial = new ArrayList<>();
      Object value = value(json, branch, path, trial);
      if (trial.isEmpty()) {
        return value;
      }
    }
    return typeError(path, "one of " + branches, out);
  }

  private static List<Object> array(
      JsonNode json, Schema schema, String path, List<JsonViolation> out) {
    if (!json.isArray()) {
      return typeError(path, "an array", out);
    }
    List<Object> items = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) {
      items.add(value(json.get(i), schema.getElementType(), path + "[" + i + "]", out));
    }
    return items;
  }

  private static Map<String, Object> map(
      JsonNode json, Schema schema, String path, List<JsonViolation> out) {
    if (!json.isObject()) {
      return typeError(path, "an object", out);
    }
    Map<String, Object> map = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : json.properties()) {
      map.put(e.getKey(), value(e.getValue(), schema.getValueType(), path + "." + e.getKey(), out));
    }
    return map;
  }

  private static GenericData.EnumSymbol enumSymbol(
      JsonNode json, Schema schema, String path, List<JsonViolation> out) {
    if (!json.isString() || !schema.hasEnumSymbol(json.stringValue())) {
      out.add(
          new JsonViolation(
              path, "JSON_ENUM", "must be one of " + String.join(", ", schema.getEnumSymbols())));
      return null;
    }
    return new GenericData.EnumSymbol(schema, json.stringValue());
  }

  private static String string(
      JsonNode json, LogicalType logical, String path, List<JsonViolation> out) {
    if (!json.isString()) {
      return typeError(path, "a string", out);
    }
    String text = json.stringValue();
    if (!TextCharacters.isWellFormed(text)) {
      // Checked here: once encoded to UTF-8 for Avro the lone surrogate is a '?', and the notice
      // the rules see is no longer the one sent.
      out.add(
          new JsonViolation(
              path, RuleCode.INVALID_UNICODE.name(), "holds a lone surrogate: not Unicode"));
      return null;
    }
    if (logical instanceof LogicalTypes.Uuid) {
      try {
        return UUID.fromString(text).toString();
      } catch (IllegalArgumentException e) {
        out.add(new JsonViolation(path, "JSON_UUID", "must be a UUID"));
        return null;
      }
    }
    return text;
  }

  private static Object bytes(JsonNode json, Schema schema, String path, List<JsonViolation> out) {
    if (!json.isString()) {
      return typeError(path, "a base64 string", out);
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(json.stringValue());
    } catch (IllegalArgumentException e) {
      out.add(new JsonViolation(path, "JSON_BASE64", "must be base64 (RFC 4648, with padding)"));
      return null;
    }
    if (schema.getType() == Schema.Type.FIXED) {
      if (decoded.length != schema.getFixedSize()) {
        out.add(
            new JsonViolation(
                path, "JSON_LENGTH", "must be exactly " + schema.getFixedSize() + " bytes"));
        return null;
      }
      return new GenericData.Fixed(schema, decoded);
    }
    return ByteBuffer.wrap(decoded);
  }

  private static Integer integer(
      JsonNode json, LogicalType logical, String path, List<JsonViolation> out) {
    if (logical instanceof LogicalTypes.Date) {
      if (!json.isString()) {
        return typeError(path, "an ISO date such as 1990-04-01", out);
      }
      try {
        return Math.toIntExact(LocalDate.parse(json.stringValue()).toEpochDay());
      } catch (DateTimeParseException | ArithmeticException e) {
        out.add(new JsonViolation(path, "JSON_DATE", "must be an ISO date such as 1990-04-01"));
        return null;
      }
    }
    if (!json.isIntegralNumber() || !json.canConvertToInt()) {
      return typeError(path, "a whole number", out);
    }
    return json.intValue();
  }

  private static Long longValue(
      JsonNode json, LogicalType logical, String path, List<JsonViolation> out) {
    if (logical instanceof LogicalTypes.TimestampMillis) {
      if (!json.isString()) {
        return typeError(path, "an ISO-8601 instant such as 2026-11-28T10:00:00Z", out);
      }
      try {
        return Instant.parse(json.stringValue()).toEpochMilli();
      } catch (DateTimeParseException | ArithmeticException e) {
        out.add(
            new JsonViolation(
                path,
                "JSON_TIMESTAMP",
                "must be an ISO-8601 instant such as 2026-11-28T10:00:00Z"));
        return null;
      }
    }
    if (!json.isIntegralNumber() || !json.canConvertToLong()) {
      return typeError(path, "a whole number", out);
    }
    return json.longValue();
  }

  private static Object number(JsonNode json, Schema schema, String path, List<JsonViolation> out) {
    if (!json.isNumber()) {
      return typeError(path, "a number", out);
    }
    return schema.getType() == Schema.Type.FLOAT ? (Object) json.floatValue() : json.doubleValue();
  }

  private static Boolean bool(JsonNode json, String path, List<JsonViolation> out) {
    if (!json.isBoolean()) {
      return typeError(path, "true or false", out);
    }
    return json.booleanValue();
  }

  private static <T> T typeError(String path, String expected, List<JsonViolation> out) {
    out.add(new JsonViolation(path, "JSON_TYPE", "must be " + expected));
    return null;
  }

  private static boolean nullable(Schema schema) {
    return schema.getType() == Schema.Type.UNION
        && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
  }

  private static JsonNode node(Object value, Schema schema) {
    if (value == null) {
      return NODES.nullNode();
    }
    LogicalType logical = schema.getLogicalType();
    return switch (schema.getType()) {
      case RECORD -> {
        GenericRecord record = (GenericRecord) value;
        ObjectNode object = NODES.objectNode();
        for (Schema.Field f : schema.getFields()) {
          object.set(f.name(), node(record.get(f.pos()), f.schema()));
        }
        yield object;
      }
      case UNION ->
          node(value, schema.getTypes().get(GenericData.get().resolveUnion(schema, value)));
      case ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        for (Object item : (Iterable<?>) value) {
          array.add(node(item, schema.getElementType()));
        }
        yield array;
      }
      case MAP -> {
        ObjectNode object = NODES.objectNode();
        Map<?, ?> map = new LinkedHashMap<>((Map<?, ?>) value);
        map.forEach((k, v) -> object.set(k.toString(), node(v, schema.getValueType())));
        yield object;
      }
      case ENUM, STRING -> NODES.stringNode(value.toString());
      case BYTES ->
          NODES.stringNode(Base64.getEncoder().encodeToString(bytesOf((ByteBuffer) value)));
      case FIXED ->
          NODES.stringNode(Base64.getEncoder().encodeToString(((GenericData.Fixed) value).bytes()));
      case INT ->
          logical instanceof LogicalTypes.Date
              ? NODES.stringNode(LocalDate.ofEpochDay((Integer) value).toString())
              : NODES.numberNode((Integer) value);
      case LONG ->
          logical instanceof LogicalTypes.TimestampMillis
              ? NODES.stringNode(Instant.ofEpochMilli((Long) value).toString())
              : NODES.numberNode((Long) value);
      case FLOAT -> NODES.numberNode((Float) value);
      case DOUBLE -> NODES.numberNode((Double) value);
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case NULL -> NODES.nullNode();
    };
  }

  private static byte[] bytesOf(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
