package org.liaison.schemas.codec;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;
import org.liaison.schemas.AvroTrust;

/**
 * The Avro data model for our generated classes.
 *
 * <p>It knows every logical-type conversion the contracts use: each generated class registers only
 * those of its own fields, so a writer given the top-level class's model cannot tell which union
 * branch a nested {@code LocalDate} belongs to.
 *
 * <p>It reads arrays into plain {@link ArrayList}s. Avro's own array type compares its elements
 * with a model that knows no logical types, so two equal notices holding a date inside a list would
 * fail to compare; plain lists delegate to the generated records' {@code equals}.
 */
final class ContractModel extends SpecificData {

  private static final SpecificData MODEL = create();

  private ContractModel() {
    super(ContractModel.class.getClassLoader());
  }

  @Override
  public Object newArray(Object old, int size, Schema schema) {
    if (old instanceof List<?> list) {
      list.clear();
      return list;
    }
    return new ArrayList<>(size);
  }

  static SpecificData instance() {
    return MODEL;
  }

  private static SpecificData create() {
    AvroTrust.install();
    ContractModel model = new ContractModel();
    // The fast reader builds Avro's own arrays without asking the model.
    model.setFastReaderEnabled(false);
    model.addLogicalTypeConversion(new Conversions.UUIDConversion());
    model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    model.addLogicalTypeConversion(new TimeConversions.DateConversion());
    return model;
  }
}
