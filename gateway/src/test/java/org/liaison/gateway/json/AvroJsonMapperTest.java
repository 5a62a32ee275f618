package org.liaison.gateway.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AvroJsonMapperTest {

  private static final Schema SCHEMA =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Sample", "namespace": "t", "fields": [
                {"name": "id", "type": {"type": "string", "logicalType": "uuid"}},
                {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                {"name": "born", "type": ["null", {"type": "int", "logicalType": "date"}], "default": null},
                {"name": "priority", "type": {"type": "enum", "name": "P", "symbols": ["ROUTINE", "URGENT"]}},
                {"name": "count", "type": "int"},
                {"name": "ratio", "type": "double"},
                {"name": "flag", "type": "boolean", "default": false},
                {"name": "content", "type": "bytes"},
                {"name": "tags", "type": {"type": "array", "items": "string"}},
                {"name": "names", "type": {"type": "map", "values": "string"}, "default": {}},
                {"name": "inner", "type": ["null", {"type": "record", "name": "Inner", "fields": [
                  {"name": "code", "type": "string"}]}], "default": null}
              ]}""");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void readsPlainJsonAndWritesItBackUnchanged() {
    String text =
        """
        {"id": "0b9e7c1e-4f4e-4a55-9a38-2f0e3f1c9d11", "at": "2026-11-28T10:00:00Z",
         "born": "1990-04-01", "priority": "URGENT", "count": 3, "ratio": 0.5, "flag": true,
         "content": "AQID", "tags": ["a", "b"], "names": {"th": "สมชาย"},
         "inner": {"code": "X1"}}""";

    AvroJsonMapper.Read read = AvroJsonMapper.read(JSON.readTree(text), SCHEMA);

    assertThat(read.violations()).isEmpty();
    GenericRecord r = read.record();
    assertThat(r.get("at")).isEqualTo(Instant.parse("2026-11-28T10:00:00Z").toEpochMilli());
    assertThat(r.get("born")).isEqualTo((int) LocalDate.parse("1990-04-01").toEpochDay());
    assertThat(r.get("content")).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    assertThat(AvroJsonMapper.write(r)).isEqualTo(JSON.readTree(text));
  }

  @Test
  void fillsDefaultsAndAcceptsNullForOptionalFields() {
    JsonNode json =
        JSON.readTree(
            """
            {"id": "0b9e7c1e-4f4e-4a55-9a38-2f0e3f1c9d11", "at": "2026-11-28T10:00:00Z",
             "born": null, "priority": "ROUTINE", "count": 0, "ratio": 1, "content": "",
             "tags": []}""");

    AvroJsonMapper.Read read = AvroJsonMapper.read(json, SCHEMA);

    assertThat(read.ok()).isTrue();
    assertThat(read.record().get("flag")).isEqualTo(false);
    assertThat(read.record().get("inner")).isNull();
  }

  @Test
  void reportsEveryViolationAtOnceWithItsPath() {
    JsonNode json =
        JSON.readTree(
            """
            {"id": "not-a-uuid", "at": "yesterday", "born": "01/04/1990", "priority": "LOW",
             "count": 2.5, "ratio": "half", "flag": "yes", "content": "%%%", "tags": [1],
             "names": [], "inner": {"code": 7, "extra": true}, "surprise": 1}""");

    AvroJsonMapper.Read read = AvroJsonMapper.read(json, SCHEMA);

    assertThat(read.ok()).isFalse();
    assertThat(read.record()).isNull();
    assertThat(read.violations())
        .extracting(JsonViolation::path, JsonViolation::code)
        .containsExactlyInAnyOrderElementsOf(
            List.of(
                org.assertj.core.groups.Tuple.tuple("$.id", "JSON_UUID"),
                org.assertj.core.groups.Tuple.tuple("$.at", "JSON_TIMESTAMP"),
                org.assertj.core.groups.Tuple.tuple("$.born", "JSON_DATE"),
                org.assertj.core.groups.Tuple.tuple("$.priority", "JSON_ENUM"),
                org.assertj.core.groups.Tuple.tuple("$.count", "JSON_TYPE"),
                org.assertj.core.groups.Tuple.tuple("$.ratio", "JSON_TYPE"),
                org.assertj.core.groups.Tuple.tuple("$.flag", "JSON_TYPE"),
                org.assertj.core.groups.Tuple.tuple("$.content", "JSON_BASE64"),
                org.assertj.core.groups.Tuple.tuple("$.tags[0]", "JSON_TYPE"),
                org.assertj.core.groups.Tuple.tuple("$.names", "JSON_TYPE"),
                org.assertj.core.groups.Tuple.tuple("$.inner.code", "JSON_TYPE"),
                org.assertj.core.groups.Tuple.tuple("$.inner.extra", "JSON_UNKNOWN_FIELD"),
                org.assertj.core.groups.Tuple.tuple("$.surprise", "JSON_UNKNOWN_FIELD")));
  }

  @Test
  void requiresFieldsThatHaveNoDefault() {
    AvroJsonMapper.Read read = AvroJsonMapper.read(JSON.readTree("{}"), SCHEMA);

    assertThat(read.violations())
        .filteredOn(v -> v.code().equals("JSON_REQUIRED"))
        .extracting(JsonViolation::path)
        .containsExactlyInAnyOrder(
            "$.id", "$.at", "$.priority", "$.count", "$.ratio", "$.content", "$.tags");
  }

  @Test
  void refusesSomethingThatIsNotAnObject() {
    assertThat(AvroJsonMapper.read(JSON.readTree("[1]"), SCHEMA).violations())
        .extracting(JsonViolation::path, JsonViolation::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("$", "JSON_TYPE"));
  }
}
