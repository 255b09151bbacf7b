package clinic.outcomes.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Writes output tables as Parquet folders named after the table, directly under the run folder. */
public final class TableWriter {
  private final org.apache.hadoop.fs.Path folder;
  private final Path files;

  /** Rejected rows per reason code, counted while {@code rejects.csv} is written. */
  private Map<String, Long> rejectReasons;

  /**
   * @param folder the run folder on its file system, where Spark writes the tables
   * @param files the local folder where the driver writes {@code rejects.csv} (see {@link
   *     RunFolder#temp()})
   */
  public TableWriter(org.apache.hadoop.fs.Path folder, Path files) {
    this.folder = folder;
    this.files = files;
  }

  private String table(String name) {
    return new org.apache.hadoop.fs.Path(folder, name).toString();
  }

  /**
   * Writes a small table the driver holds as {@code folder/name/part-00000-c000.snappy.parquet} and
   * {@code _SUCCESS}, the layout Spark writes, without a Spark job (see {@link #writeRows}).
   *
   * @return its row count
   */
  public long write(SparkSession spark, String name, StructType schema, List<Row> rows) {
    return write(spark.sparkContext().hadoopConfiguration(), name, schema, rows);
  }

  /** As {@link #write(SparkSession, String, StructType, List)}, through {@code conf}. */
  public long write(Configuration conf, String name, StructType schema, List<Row> rows) {
    writeRows(conf, new org.apache.hadoop.fs.Path(table(name)), schema, rows, false);
    return rows.size();
  }

  /** The key under which Spark keeps a table's schema in a Parquet footer. */
  static final String SPARK_SCHEMA = "org.apache.spark.sql.parquet.row.metadata";

  /**
   * Writes rows held on the driver as one Snappy-compressed Parquet file in the folder {@code dir}
   * and an empty {@code _SUCCESS}, as Spark's writer would: the same column types (string, long,
   * int, double, boolean, date), required where the schema says not null, and Spark's schema in the
   * footer, so that Spark reads the exact schema back and DuckDB and the notebooks read it as any
   * other table. Rows are read by position in the schema's order.
   *
   * @param overwrite replace {@code dir} when it exists; otherwise an existing {@code dir} is an
   *     error (as Spark's {@code ErrorIfExists})
   * @throws IllegalArgumentException for a column type other than the above
   */
  public static void writeRows(
      Configuration conf,
      org.apache.hadoop.fs.Path dir,
      StructType schema,
      List<Row> rows,
      boolean overwrite) {
    try {
      FileSystem fs = dir.getFileSystem(conf);
      if (fs.exists(dir)) {
        if (!overwrite) {
          throw new IllegalStateException(dir + " already exists");
        }
        fs.delete(dir, true);
      }
      fs.mkdirs(dir);
      try (ParquetRows w =
          ParquetRows.create(
              conf, new org.apache.hadoop.fs.Path(dir, "part-00000-c000.snappy.parquet"), schema)) {
        for (Row r : rows) {
          Object[] values = new Object[r.length()];
          for (int i = 0; i < values.length; i++) {
            values[i] = r.get(i);
          }
          w.write(values);
        }
      }
      fs.create(new org.apache.hadoop.fs.Path(dir, "_SUCCESS")).close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir, e);
    }
  }

  /**
   * The number of rows of a written Parquet folder, from the files' footers: no Spark job, and
   * exactly what a reader of the table will see.
   */
  public static long rowCount(SparkSession spark, String path) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(path);
    long n = 0;
    try {
      FileSystem fs = dir.getFileSystem(conf);
      for (FileStatus f : fs.listStatus(dir)) {
        String name = f.getPath().getName();
        if (f.isFile()
            && name.endsWith(".parquet")
            && !name.startsWith(".")
            && !name.startsWith("_")) {
          try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromStatus(f, conf))) {
            n += r.getRecordCount();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the row count of " + path, e);
    }
    return n;
  }

  /** Up to this many rejects are sorted and written by the driver, without a Spark job. */
  public static final long DRIVER_REJECTS = 100_000;

  /**
   * Writes the {@code rejects} table (Parquet) and {@code rejects.csv}, sorted by file and line,
   * safe to open in a spreadsheet (see {@link SpreadsheetCsv}).
   *
   * @param expected how many rejects there are (the accounting's sum): up to {@link
   *     #DRIVER_REJECTS} they are collected once and sorted and written by the driver (one Spark
   *     job instead of four: the sort's sample, the write, the read back for the CSV); more are
   *     sorted and written by Spark, and streamed into the CSV; none, no Spark job at all
   */
  public long writeRejects(Dataset<Row> rejects, long expected) {
    if (expected <= DRIVER_REJECTS) {
      // none (the accounting counted them): no join of nothing to every staged line's raw text
      return writeRejects(
          rejects.sparkSession().sparkContext().hadoopConfiguration(),
          expected == 0 ? List.of() : rejects.collectAsList(),
          rejects.schema());
    }
    Dataset<Row> sorted = rejects.orderBy("file", "line").coalesce(1).cache();
    sorted.write().mode(SaveMode.ErrorIfExists).parquet(table("rejects"));
    long n = writeRejectsCsv(sorted.toLocalIterator());
    sorted.unpersist();
    return n;
  }

  /**
   * Writes the rejects the driver holds (the local engine's, or up to {@link #DRIVER_REJECTS} of
   * Spark's): sorted by file and line, the table with {@code schema}'s columns, every one nullable,
   * and {@code rejects.csv}.
   */
  public long writeRejects(Configuration conf, List<Row> rejects, StructType schema) {
    List<Row> rows = new ArrayList<>(rejects);
    // as Spark's orderBy("file", "line"): neither is ever null
    rows.sort(
        Comparator.<Row, String>comparing(r -> r.getString(0))
            .thenComparingLong(r -> r.getLong(1)));
    writeRows(conf, new org.apache.hadoop.fs.Path(table("rejects")), nullable(schema), rows, false);
    return writeRejectsCsv(rows.iterator());
  }

  /** Writes {@code rejects.csv} from the sorted rejects and counts their reasons. */
  private long writeRejectsCsv(Iterator<Row> it) {
    long n = 0;
    Map<String, Long> reasons = new HashMap<>();
    try (BufferedWriter w =
        Files.newBufferedWriter(files.resolve("rejects.csv"), StandardCharsets.UTF_8)) {
      w.write("file,line,reasons,raw\r\n");
      while (it.hasNext()) {
        Row r = it.next();
        w.write(
            SpreadsheetCsv.line(
                r.getString(0), Long.toString(r.getLong(1)), r.getString(2), r.getString(3)));
        w.write("\r\n");
        n++;
        if (!r.isNullAt(2)) { // as Spark's explode(split(reasons, '\\|')) counts them
          for (String reason : r.getString(2).split("\\|", -1)) {
            reasons.merge(reason, 1L, Long::sum);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write rejects.csv", e);
    }
    rejectReasons = reasons;
    return n;
  }

  /**
   * How many rejected rows carry each reason code (a row with several reasons counts once for
   * each), as counted while {@link #writeRejects} wrote {@code rejects.csv}; null before that.
   */
  public Map<String, Long> rejectReasons() {
    return rejectReasons == null ? null : Map.copyOf(rejectReasons);
  }

  /** Parquet files read back with every column nullable, whatever the writer's schema said. */
  private static StructType nullable(StructType schema) {
    StructField[] fields = schema.fields().clone();
    for (int i = 0; i < fields.length; i++) {
      StructField f = fields[i];
      fields[i] = new StructField(f.name(), f.dataType(), true, f.metadata());
    }
    return new StructType(fields);
  }
}
