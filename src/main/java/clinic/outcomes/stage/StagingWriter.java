package clinic.outcomes.stage;

import clinic.outcomes.output.ParquetRows;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes checked input rows, streaming, into one Parquet file that Spark then reads ({@link
 * ParquetRows#scratch}: no statistics, no dictionaries). Memory does not depend on the number of
 * rows. Every column is optional (nullable).
 */
public final class StagingWriter implements Closeable {

  /** A staging column's physical kind. */
  public enum Kind {
    STRING,
    INT,
    LONG,
    DATE
  }

  /** A staging column. */
  public record Column(String name, Kind kind) {}

  private final ParquetRows out;

  /** Opens {@code file} (any Hadoop file-system path), replacing a retried attempt's file. */
  public StagingWriter(Path file, List<Column> columns, Configuration conf) {
    this.out = ParquetRows.scratch(conf, file, schema(columns));
  }

  /** The Spark schema of these columns, every one nullable. */
  static StructType schema(List<Column> columns) {
    List<StructField> fields = new ArrayList<>();
    for (Column c : columns) {
      DataType type =
          switch (c.kind()) {
            case STRING -> DataTypes.StringType;
            case INT -> DataTypes.IntegerType;
            case LONG -> DataTypes.LongType;
            case DATE -> DataTypes.DateType;
          };
      fields.add(DataTypes.createStructField(c.name(), type, true));
    }
    return DataTypes.createStructType(fields);
  }

  /** Writes one row; {@code values} are in column order, null for missing. */
  public void write(Object... values) {
    out.write(values);
  }

  @Override
  public void close() {
    out.close();
  }
}
