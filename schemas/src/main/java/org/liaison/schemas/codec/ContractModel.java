package org.liaison.schemas.codec;

import java.util.ArrayList;
import java.util.List;
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
    for (Schema.Field field : record.getSchema().getFields()) {
      Object value = record.get(field.pos());
      if (value instanceof List<?> || value instanceof IndexedRecord) {
        record.put(field.pos(), plain(value));
      }
    }
    return record;
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
