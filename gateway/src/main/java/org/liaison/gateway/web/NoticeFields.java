package org.liaison.gateway.web;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * A notice laid out for a reader, field by field, from its Avro schema rather than from a copy of
 * it: a new field of the schema appears on the page without a change here. Plain values become
 * label and text; a nested record, a group; a list of records (persons, vehicles, accounts…), a
 * table with a column per field. Bytes are never shown, only counted.
 */
final class NoticeFields {

  /** One field of the notice as the page shows it. */
  sealed interface Field permits Value, Group, Table {
    String name();

    String label();

    /** {@code value}, {@code group} or {@code table}: which fragment of the page shows it. */
    String kind();
  }

  /** A plain value, as text. */
  record Value(String name, String label, String text) implements Field {
    @Override
    public String kind() {
      return "value";
    }
  }

  /** A nested record. */
  record Group(String name, String label, List<Field> fields) implements Field {
    @Override
    public String kind() {
      return "group";
    }
  }

  /** A list of records: a header per field, a row per record. */
  record Table(String name, String label, List<String> columns, List<List<String>> rows)
      implements Field {
    @Override
    public String kind() {
      return "table";
    }
  }

  private NoticeFields() {}

  /** The fields of {@code record} that hold something, in the schema's order, but those skipped. */
  static List<Field> of(IndexedRecord record, List<String> skipped) {
    List<Field> fields = new ArrayList<>();
    for (Schema.Field f : record.getSchema().getFields()) {
      if (skipped.contains(f.name())) {
        continue;
      }
      Field field = field(f.name(), f.schema(), record.get(f.pos()));
      if (field != null) {
        fields.add(field);
      }
    }
    return fields;
  }

  private static Field field(String name, Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    Schema type = nonNull(schema, value);
    String label = label(name);
    if (type.getType() == Schema.Type.RECORD) {
      List<Field> inner = of((IndexedRecord) value, List.of());
      return inner.isEmpty() ? null : new Group(name, label, inner);
    }
    if (type.getType() == Schema.Type.ARRAY) {
      List<?> items = (List<?>) value;
      if (items.isEmpty()) {
        return null;
      }
      Schema element = type.getElementType();
      if (element.getType() == Schema.Type.RECORD) {
        List<String> columns = new ArrayList<>();
        for (Schema.Field f : element.getFields()) {
          columns.add(label(f.name()));
        }
        List<List<String>> rows = new ArrayList<>();
        for (Object item : items) {
          IndexedRecord r = (IndexedRecord) item;
          List<String> row = new ArrayList<>();
          for (Schema.Field f : element.getFields()) {
            row.add(text(f.schema(), r.get(f.pos())));
          }
          rows.add(row);
        }
        return new Table(name, label, columns, rows);
      }
    }
    return new Value(name, label, text(schema, value));
  }

  /** A value as one line of text; nested records as "field: value; …". */
  static String text(Schema schema, Object value) {
    if (value == null) {
      return "";
    }
    Schema type = nonNull(schema, value);
    return switch (type.getType()) {
      case RECORD -> {
        List<String> parts = new ArrayList<>();
        for (Schema.Field f : type.getFields()) {
          String inner = text(f.schema(), ((IndexedRecord) value).get(f.pos()));
          if (!inner.isEmpty()) {
            parts.add(label(f.name()) + ": " + inner);
          }
        }
        yield String.join("; ", parts);
      }
      case ARRAY -> {
        List<String> parts = new ArrayList<>();
        for (Object item : (List<?>) value) {
          parts.add(text(type.getElementType(), item));
        }
        yield String.join(", ", parts);
      }
      case BYTES -> ((ByteBuffer) value).remaining() + " bytes";
      case FIXED -> HexFormat.of().formatHex(((GenericFixed) value).bytes());
      case LONG ->
          value instanceof Instant instant
              ? instant.toString()
              : "timestamp-millis".equals(logical(type))
                  ? Instant.ofEpochMilli((Long) value).toString()
                  : value.toString();
      default -> value.toString();
    };
  }

  private static String logical(Schema type) {
    return type.getLogicalType() == null ? null : type.getLogicalType().getName();
  }

  /** The branch of a union that {@code value} is (unions here are null and one type). */
  private static Schema nonNull(Schema schema, Object value) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    if (value instanceof GenericContainer container) {
      return container.getSchema();
    }
    for (Schema branch : schema.getTypes()) {
      if (branch.getType() != Schema.Type.NULL) {
        return branch;
      }
    }
    return schema;
  }

  /** {@code financialIdentifiers} → {@code Financial identifiers}. */
  static String label(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (i == 0) {
        out.append(Character.toUpperCase(c));
      } else if (Character.isUpperCase(c)) {
        out.append(' ').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    String label = out.toString();
    return label.equals("Id") ? "ID" : label;
  }
}
