package clinic.outcomes.pipeline;

import clinic.outcomes.output.TableWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/**
 * The run's small result tables (stats, comparisons, safety, ...), which the driver already holds:
 * each written without a Spark job ({@link TableWriter#write(Configuration, String, StructType,
 * List)}) and kept, with its schema, for the reports, which then read no table back.
 */
final class SmallTables {
  private final Configuration conf;
  private final TableWriter writer;
  private final Map<String, Long> counts;
  private final Map<String, List<Row>> rows = new LinkedHashMap<>();

  /**
   * @param counts where the row count of every table written is recorded (for {@code run.json})
   */
  SmallTables(Configuration conf, TableWriter writer, Map<String, Long> counts) {
    this.conf = conf;
    this.writer = writer;
    this.counts = counts;
  }

  /** Writes one table; its rows are read by position in the schema's column order. */
  void write(String name, StructType schema, List<Row> table) {
    List<Row> named = new ArrayList<>(table.size());
    int width = schema.fields().length;
    for (Row r : table) {
      if (r.length() != width) {
        throw new IllegalArgumentException(
            name + ": a row of " + r.length() + " values for " + width + " columns");
      }
      Object[] values = new Object[width];
      for (int i = 0; i < width; i++) {
        values[i] = r.get(i);
      }
      named.add(new GenericRowWithSchema(values, schema));
    }
    counts.put(name, writer.write(conf, name, schema, named));
    rows.put(name, List.copyOf(named));
  }

  /** The rows of every table written, by name, each row with its table's schema. */
  Map<String, List<Row>> rows() {
    return rows;
  }
}
