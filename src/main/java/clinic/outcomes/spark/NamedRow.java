package clinic.outcomes.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/**
 * Builds one row of a table by column name, so that a value can never land in its neighbour's
 * column; an unknown name fails at once ({@link StructType#fieldIndex}).
 */
public final class NamedRow {
  private final StructType schema;
  private final Object[] values;

  public NamedRow(StructType schema) {
    this.schema = schema;
    this.values = new Object[schema.size()];
  }

  /** Sets one column by name; an unknown name throws at once. */
  public NamedRow set(String column, Object value) {
    values[schema.fieldIndex(column)] = value;
    return this;
  }

  /** The value of one column by name (null until set); an unknown name throws at once. */
  @SuppressWarnings("unchecked")
  public <T> T get(String column) {
    return (T) values[schema.fieldIndex(column)];
  }

  /** The values, in the schema's order (build one row per instance). */
  public Object[] values() {
    return values;
  }

  /** The row (build one row per instance). */
  public Row row() {
    return new GenericRowWithSchema(values, schema);
  }
}
