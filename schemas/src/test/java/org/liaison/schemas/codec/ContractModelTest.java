package org.liaison.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.examples.ExampleNotices;

/** Decoded records hold plain lists at every depth, whichever fields are visited to get there. */
class ContractModelTest {

  /** Every list reachable through any field of {@code value}, at any depth, is a plain list. */
  private static void assertPlain(Object value) {
    if (value instanceof IndexedRecord record) {
      for (Schema.Field field : record.getSchema().getFields()) {
        assertPlain(record.get(field.pos()));
      }
    } else if (value instanceof List<?> list) {
      assertThat(list).isExactlyInstanceOf(ArrayList.class);
      list.forEach(ContractModelTest::assertPlain);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"trafficking-alert", "asset-tracing-request", "missing-person"})
  void decodedNoticesHoldOnlyPlainLists(String name) {
    AvroCodec<CaseNotice> codec = AvroCodec.caseNotices();
    CaseNotice example = ExampleNotices.all().get(name);

    CaseNotice decoded = codec.decode(codec.encode(example));

    assertPlain(decoded);
    assertThat(decoded).isEqualTo(example);
  }

  @Test
  void recordsOfOneClassWithOtherSchemasAreEachWalkedByTheirOwn() {
    Schema inner = SchemaBuilder.record("Inner").fields().requiredString("s").endRecord();
    Schema first =
        SchemaBuilder.record("First")
            .fields()
            .name("list")
            .type()
            .array()
            .items()
            .stringType()
            .noDefault()
            .requiredString("text")
            .endRecord();
    Schema second =
        SchemaBuilder.record("Second")
            .fields()
            .requiredString("text")
            .name("maybe")
            .type()
            .unionOf()
            .nullType()
            .and()
            .array()
            .items(inner)
            .endUnion()
            .noDefault()
            .endRecord();

    for (int round = 0; round < 3; round++) {
      GenericData.Record a = new GenericData.Record(first);
      a.put("list", new GenericData.Array<>(first.getField("list").schema(), List.of("x", "y")));
      a.put("text", "t");
      GenericData.Record b = new GenericData.Record(second);
      b.put("text", "t");
      GenericData.Record item = new GenericData.Record(inner);
      item.put("s", "s");
      b.put("maybe", new GenericData.Array<>(Schema.createArray(inner), List.of(item)));

      assertPlain(ContractModel.withPlainLists(a));
      assertPlain(ContractModel.withPlainLists(b));
      assertThat(a.get("list")).isEqualTo(List.of("x", "y"));
    }
  }
}
