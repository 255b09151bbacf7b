package clinic.outcomes.spark;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/**
 * Builds one row of a table by column name, so that a value can never land in its neighbour's
 * column; an unknown name fails at once ({@link StructType#fieldIndex}).
 */
public final class NamedRow {
  private final StructType schema;
  private final Map<String, Integer> index;
  private final Object[] values;

  /**
   * A schema with its column positions worked out once, for code that builds many rows of one
   * table: the client pass builds several per record, and looking each name up in {@link
   * StructType#fieldIndex} was 6 % of its time in a profile at a million sessions.
   */
  public static final class Layout {
    private final StructType schema;
    private final Map<String, Integer> index = new HashMap<>();

    public Layout(StructType schema) {
      this.schema = schema;
      String[] names = schema.fieldNames();
      for (int i = 0; i < names.length; i++) {
        // Interned like the callers' literal names, so that a lookup matches on identity first.
        index.put(names[i].intern(), i);
      }
    }

    /** The schema. */
    public StructType schema() {
      return schema;
    }
  }

  public NamedRow(StructType schema) {
    this.schema = schema;
    this.index = null;
    this.values = new Object[schema.size()];
  }

  /** A row of the layout's schema. */
  public NamedRow(Layout layout) {
    this.schema = layout.schema;
    this.index = layout.index;
    this.values = new Object[schema.size()];
  }

  private int position(String column) {
    if (index == null) {
      return schema.fieldIndex(column);
    }
    Integer i = index.get(column);
    return i != null ? i : schema.fieldIndex(column); // throws, naming the column
  }

  /** Sets one column by name; an unknown name throws at once. */
  public NamedRow set(String column, Object value) {
    values[position(column)] = value;
    return this;
  }

  /** The value of one column by name (null until set); an unknown name throws at once. */
  @SuppressWarnings("unchecked")
  public <T> T get(String column) {
    return (T) values[position(column)];
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
