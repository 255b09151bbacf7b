package clinic.outcomes.output;

import clinic.outcomes.core.SettingsException;
import clinic.outcomes.output.ResultTable.Field;
import clinic.outcomes.output.ResultTable.Kind;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import tech.tablesaw.api.Table;

/**
 * Spark SQL over a run's output tables, each registered as a view under its SPEC name ({@code
 * stats}, {@code episodes}, ...): for a run folder on HDFS or S3, and for a job's queries at the
 * end of {@code outcomes run}. A local run folder is queried without Spark ({@link DuckSql}).
 * Prints results as an aligned text table ({@link ResultTable}) and writes them as CSV
 * (spreadsheet-safe) or Parquet.
 */
public final class SqlRunner {
  private final SparkSession spark;
  private final List<String> tables = new ArrayList<>();

  /** Registers every Parquet table folder directly under the local {@code runFolder}. */
  public SqlRunner(SparkSession spark, Path runFolder) {
    this(
        spark,
        new org.apache.hadoop.fs.Path("file", null, runFolder.toAbsolutePath().toString()),
        runFolder.toString());
  }

  /**
   * Registers every Parquet table folder directly under {@code runFolderUri} (hdfs://...,
   * s3a://...).
   */
  public SqlRunner(SparkSession spark, String runFolderUri) {
    this(spark, new org.apache.hadoop.fs.Path(runFolderUri), runFolderUri);
  }

  private SqlRunner(SparkSession spark, org.apache.hadoop.fs.Path folder, String shown) {
    this.spark = spark;
    try {
      FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.isFile(new org.apache.hadoop.fs.Path(folder, "run.json"))) {
        throw new SettingsException(shown + ": is not the output folder of a run (no run.json)");
      }
      List<FileStatus> entries = new ArrayList<>(List.of(fs.listStatus(folder)));
      entries.sort((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
      for (FileStatus st : entries) {
        String name = st.getPath().getName();
        if (st.isDirectory()
            && name.matches("[a-z][a-z0-9_]*")
            && fs.exists(new org.apache.hadoop.fs.Path(st.getPath(), "_SUCCESS"))) {
          spark.read().parquet(st.getPath().toString()).createOrReplaceTempView(name);
          tables.add(name);
        }
      }
    } catch (IOException e) {
      throw new SettingsException(shown + ": cannot be listed (" + e.getMessage() + ")");
    }
  }

  /** The registered table names. */
  public List<String> tables() {
    return List.copyOf(tables);
  }

  /** Runs one query; a SQL error becomes a {@link SettingsException} with Spark's message. */
  public Dataset<Row> query(String sql) {
    try {
      return spark.sql(sql);
    } catch (Exception e) { // Spark's AnalysisException is checked in Java but undeclared in Scala
      if (e instanceof AnalysisException) {
        throw new SettingsException(
            "SQL error: " + DuckSql.firstLines(e.getMessage()) + " (tables: " + tables + ")");
      }
      throw e;
    }
  }

  /**
   * Reads a query file, without a trailing semicolon; an unreadable file is a {@link
   * SettingsException}.
   */
  public static String readQuery(Path file) {
    try {
      return Files.readString(file).strip().replaceAll(";\\s*$", "");
    } catch (IOException e) {
      throw new SettingsException(file + ": cannot be read");
    }
  }

  /**
   * Prints up to {@code limit} rows as an aligned table (see {@link ResultTable#format(double)} for
   * doubles; nulls as {@code null}) and the total row count. Returns the number of rows shown.
   */
  public static int print(Dataset<Row> df, int limit, PrintStream out) {
    List<Row> rows = df.limit(limit + 1).collectAsList();
    int shown = Math.min(limit, rows.size());
    long total = rows.size() > limit ? df.count() : shown;
    ResultTable.print(fields(df.schema()), values(rows.subList(0, shown)), total, out);
    return shown;
  }

  /**
   * The collected rows as a Tablesaw table, one column per field of {@code schema}: strings,
   * integers, longs (also bytes and shorts as integers), doubles (and floats), booleans and dates
   * keep their type; any other type (decimal, timestamp, array, map, struct) becomes text. Column
   * names that repeat (a join selecting {@code id} twice) get a suffix {@code _2}, {@code _3}, ...
   */
  public static Table table(StructType schema, List<Row> rows) {
    return ResultTable.table(fields(schema), values(rows));
  }

  private static List<Field> fields(StructType schema) {
    List<Field> fields = new ArrayList<>();
    for (StructField f : schema.fields()) {
      fields.add(new Field(f.name(), kind(f.dataType())));
    }
    return fields;
  }

  private static List<Object[]> values(List<Row> rows) {
    List<Object[]> values = new ArrayList<>();
    for (Row r : rows) {
      Object[] v = new Object[r.length()];
      for (int i = 0; i < v.length; i++) {
        v[i] = r.isNullAt(i) ? null : r.get(i);
      }
      values.add(v);
    }
    return values;
  }

  private static Kind kind(DataType type) {
    if (type instanceof StringType) {
      return Kind.TEXT;
    }
    if (type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType) {
      return Kind.INT;
    }
    if (type instanceof LongType) {
      return Kind.LONG;
    }
    if (type instanceof DoubleType || type instanceof FloatType) {
      return Kind.DOUBLE;
    }
    if (type instanceof BooleanType) {
      return Kind.BOOLEAN;
    }
    return type instanceof DateType ? Kind.DATE : Kind.TEXT;
  }

  /** Writes the result to {@code file}: Parquet when it ends in .parquet, else CSV. */
  public static void write(Dataset<Row> df, Path file) {
    if (file.getFileName().toString().endsWith(".parquet")) {
      df.coalesce(1).write().mode(SaveMode.Overwrite).parquet(file.toString());
      return;
    }
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(SpreadsheetCsv.line(df.columns()));
      w.write("\r\n");
      Iterator<Row> it = df.toLocalIterator();
      while (it.hasNext()) {
        Row r = it.next();
        Object[] c = new Object[r.length()];
        for (int i = 0; i < c.length; i++) {
          c[i] = r.isNullAt(i) ? null : r.get(i);
        }
        w.write(SpreadsheetCsv.values(c));
        w.write("\r\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
