package clinic.outcomes.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * One partition ({@code column=value} folder) of a Parquet folder written with {@code
 * partitionBy(column)}. A value with no rows has no folder: it reads as an empty table and counts
 * 0.
 */
public final class Partitions {
  private Partitions() {}

  /**
   * The rows of {@code column=value} under {@code path}, with {@code schema} (without the column).
   */
  public static Dataset<Row> read(
      SparkSession spark, String path, String column, String value, StructType schema) {
    String dir = dir(path, column, value);
    if (!exists(spark, dir)) {
      return spark.createDataFrame(List.<Row>of(), schema);
    }
    return spark.read().schema(schema).parquet(dir);
  }

  /** The row count of {@code column=value} under {@code path}, from the Parquet footers. */
  public static long count(SparkSession spark, String path, String column, String value) {
    String dir = dir(path, column, value);
    return exists(spark, dir) ? TableWriter.rowCount(spark, dir) : 0;
  }

  private static String dir(String path, String column, String value) {
    return path + "/" + column + "=" + value;
  }

  private static boolean exists(SparkSession spark, String dir) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(dir);
    try {
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
  }
}
