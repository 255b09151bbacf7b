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
  private final Layout layout;
  private final Object[] values;

  /** The column after the last one set or read, where the next name is looked for first. */
  private int next;

  /**
   * A schema with its column positions worked out once, for code that builds many rows of one
   * table: the client pass builds several per record, and looking each name up in {@link
   * StructType#fieldIndex} was 6 % of its time in a profile at a million sessions.
   */
  public static final class Layout {
    private final StructType schema;

    /**
     * The column names, interned like the callers' literal names, in an open-addressed table of at
     * least four slots per name, probed linearly from the name's hash; {@code positions} holds each
     * name's column. A lookup of a literal compares by identity first and reads no boxed value: as
     * a {@code HashMap<String, Integer>} it was 4 % of the client pass's samples at 1M sessions.
     */
    private final String[] names;

    private final int[] positions;

    /**
     * Each column's name, interned, where that name looks up to that column (null for a repeated
     * name's earlier columns): a caller that sets the columns in the schema's order, as every row
     * builder does, finds each by one comparison of identity with the column after the last one
     * set. At 10M sessions the lookups in {@link #names} were 2.6 % of a run's samples.
     */
    private final String[] ordered;

    public Layout(StructType schema) {
      this.schema = schema;
      String[] fields = schema.fieldNames();
      int size = Integer.highestOneBit(Math.max(4, fields.length * 4) - 1) << 1;
      this.names = new String[size];
      this.positions = new int[size];
      for (int i = 0; i < fields.length; i++) {
        int at = slot(fields[i]);
        names[at] = fields[i].intern();
        positions[at] = i; // a repeated name: the last column, as a map put over them gave
      }
      this.ordered = new String[fields.length];
      for (int i = 0; i < fields.length; i++) {
        ordered[i] = position(fields[i]) == i ? fields[i].intern() : null;
      }
    }

    /** The slot of {@code name}: where it is, or the empty slot where it would go. */
    private int slot(String name) {
      int mask = names.length - 1;
      int h = name.hashCode();
      int i = (h ^ (h >>> 16)) & mask;
      while (names[i] != null && !names[i].equals(name)) {
        i = (i + 1) & mask;
      }
      return i;
    }

    /** The column of {@code name}; an unknown name throws, naming it. */
    int position(String name) {
      int at = slot(name);
      return names[at] != null ? positions[at] : schema.fieldIndex(name);
    }

    /** The schema. */
    public StructType schema() {
      return schema;
    }
  }

  public NamedRow(StructType schema) {
    this.schema = schema;
    this.layout = null;
    this.values = new Object[schema.size()];
  }

  /** A row of the layout's schema. */
  public NamedRow(Layout layout) {
    this.schema = layout.schema;
    this.layout = layout;
    this.values = new Object[schema.size()];
  }

  private int position(String column) {
    if (layout == null) {
      return schema.fieldIndex(column);
    }
    int at =
        next < values.length && layout.ordered[next] == column ? next : layout.position(column);
    next = at + 1;
    return at;
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
