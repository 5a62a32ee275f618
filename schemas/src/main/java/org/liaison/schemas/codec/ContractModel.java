package org.liaison.schemas.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.liaison.schemas.AvroTrust;

/**
 * The Avro data model for our generated classes, and what decoded values need before callers see
 * them.
 *
 * <p>The model knows every logical-type conversion the contracts use: each generated class
 * registers only those of its own fields, so a writer given the top-level class's model cannot tell
 * which union branch a nested {@code LocalDate} belongs to.
 */
final class ContractModel {

  private static final SpecificData MODEL = create();

  private record NestingFields(Schema schema, int[] positions) {}

  private static final ClassValue<AtomicReference<NestingFields>> NESTING_FIELDS =
      new ClassValue<>() {
        @Override
        protected AtomicReference<NestingFields> computeValue(Class<?> type) {
          return new AtomicReference<>();
        }
      };

  private ContractModel() {}

  static SpecificData instance() {
    return MODEL;
  }

  /**
   * Replaces, in place, every list of a decoded record tree by a plain {@link ArrayList}. Avro's
   * own array type compares its elements with a model that knows no logical types, so two equal
   * notices holding a date inside a list would fail to compare; plain lists delegate to the
   * generated records' {@code equals}. Cheaper than decoding without Avro's fast reader, which is
   * the other way to get plain lists.
   */
  static <R extends IndexedRecord> R withPlainLists(R record) {
    for (int pos : nestingFields(record)) {
      Object value = record.get(pos);
      if (value instanceof List<?> || value instanceof IndexedRecord) {
        record.put(pos, plain(value));
      }
    }
    return record;
  }

  /**
   * The positions of the fields that can hold a list or a record, by their schema: an array or a
   * record, or a union with one of them. The others (two thirds of a notice's fields, and every
   * field of most nested records) cannot, since the decoder fills each field with a value of its
   * schema and the model's conversions make only UUIDs, instants and dates; visiting them cost
   * about a microsecond per notice. Kept per record class, with the schema they were found for.
   */
  private static int[] nestingFields(IndexedRecord record) {
    Schema schema = record.getSchema();
    AtomicReference<NestingFields> known = NESTING_FIELDS.get(record.getClass());
    NestingFields last = known.get();
    if (last == null || last.schema() != schema) {
      last = new NestingFields(schema, nestingFields(schema));
      known.set(last);
    }
    return last.positions();
  }

  private static int[] nestingFields(Schema schema) {
    return schema.getFields().stream()
        .filter(field -> canNest(field.schema()))
        .mapToInt(Schema.Field::pos)
        .toArray();
  }

  private static boolean canNest(Schema schema) {
    return switch (schema.getType()) {
      case ARRAY, RECORD -> true;
      case UNION -> schema.getTypes().stream().anyMatch(ContractModel::canNest);
      default -> false;
    };
  }

  private static Object plain(Object value) {
    if (value instanceof IndexedRecord record) {
      return withPlainLists(record);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object item : list) {
        copy.add(plain(item));
      }
      return copy;
    }
    return value;
  }

  private static SpecificData create() {
    AvroTrust.install();
    SpecificData model = new SpecificData(ContractModel.class.getClassLoader());
    model.addLogicalTypeConversion(new Conversions.UUIDConversion());
    model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    model.addLogicalTypeConversion(new TimeConversions.DateConversion());
    return model;
  }
}
