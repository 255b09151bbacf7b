package clinic.outcomes.analysis;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/**
 * Builds one row of a table by column name, so that a value can never land in its neighbour's
 * column; an unknown name fails at once ({@link StructType#fieldIndex}).
 */
final class NamedRow {
  private final StructType schema;
  private final Object[] values;

  NamedRow(StructType schema) {
    this.schema = schema;
    this.values = new Object[schema.size()];
  }

  NamedRow set(String column, Object value) {
    values[schema.fieldIndex(column)] = value;
    return this;
  }

  Row row() {
    return new GenericRowWithSchema(values.clone(), schema);
  }
}
