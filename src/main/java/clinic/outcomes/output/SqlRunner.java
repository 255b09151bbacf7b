package clinic.outcomes.output;

import clinic.outcomes.pipeline.SettingsException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
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
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.booleans.BooleanFormatter;
import tech.tablesaw.columns.dates.DateColumnFormatter;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;
import tech.tablesaw.columns.strings.StringColumnFormatter;

/**
 * Spark SQL over a run's output tables, each registered as a view under its SPEC name
 * ({@code stats}, {@code episodes}, ...). Prints results as an aligned text table (a Tablesaw table
 * on the driver) and writes them as CSV (spreadsheet-safe) or Parquet.
 */
public final class SqlRunner {
  private final SparkSession spark;
  private final List<String> tables = new ArrayList<>();

  /** Registers every Parquet table folder directly under {@code runFolder}. */
  public SqlRunner(SparkSession spark, Path runFolder) {
    this.spark = spark;
    if (!Files.isRegularFile(runFolder.resolve("run.json"))) {
      throw new SettingsException(runFolder + ": is not the output folder of a run (no run.json)");
    }
    try (Stream<Path> s = Files.list(runFolder)) {
      for (Path p : s.sorted().toList()) {
        String name = p.getFileName().toString();
        if (Files.isDirectory(p) && name.matches("[a-z][a-z0-9_]*") && Files.exists(p.resolve("_SUCCESS"))) {
          spark.read().parquet(p.toString()).createOrReplaceTempView(name);
          tables.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
        throw new SettingsException("SQL error: " + e.getMessage().lines().findFirst().orElse("") + " (tables: " + tables + ")");
      }
      throw e;
    }
  }

  /** Reads a query file, without a trailing semicolon; an unreadable file is a {@link SettingsException}. */
  public static String readQuery(Path file) {
    try {
      return Files.readString(file).strip().replaceAll(";\\s*$", "");
    } catch (IOException e) {
      throw new SettingsException(file + ": cannot be read");
    }
  }

  /**
   * Prints up to {@code limit} rows as an aligned table (Tablesaw's printer): doubles with 4
   * decimals, or 4 significant digits in scientific notation below 1e-4; nulls as {@code null}.
   * Returns the number of rows shown.
   */
  public static int print(Dataset<Row> df, int limit, PrintStream out) {
    List<Row> rows = df.limit(limit + 1).collectAsList();
    int shown = Math.min(limit, rows.size());
    Table table = table(df.schema(), rows.subList(0, shown));
    out.println(table.printAll());
    out.println(rows.size() > limit ? "(first " + limit + " rows)" : "(" + shown + " rows)");
    return shown;
  }

  /**
   * The collected rows as a Tablesaw table, one column per field of {@code schema}: strings,
   * integers, longs (also bytes and shorts as integers), doubles (and floats), booleans and dates keep
   * their type; any other type (decimal, timestamp, array, map, struct) becomes text. Column names
   * that repeat (a join selecting {@code id} twice) get a suffix {@code _2}, {@code _3}, ...
   */
  public static Table table(StructType schema, List<Row> rows) {
    Table table = Table.create();
    Set<String> names = new HashSet<>();
    StructField[] fields = schema.fields();
    for (int c = 0; c < fields.length; c++) {
      String name = fields[c].name();
      for (int k = 2; !names.add(name.toLowerCase(Locale.ROOT)); k++) {
        name = fields[c].name() + "_" + k;
      }
      table.addColumns(column(name, fields[c].dataType(), rows, c));
    }
    return table;
  }

  private static Column<?> column(String name, DataType type, List<Row> rows, int c) {
    if (type instanceof StringType) {
      StringColumn col = StringColumn.create(name);
      col.setPrintFormatter(new StringColumnFormatter(v -> v, "null"));
      rows.forEach(r -> col.append(r.isNullAt(c) ? null : r.getString(c)));
      return col;
    }
    if (type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType) {
      IntColumn col = IntColumn.create(name);
      rows.forEach(r -> col.append(r.isNullAt(c) ? null : ((Number) r.get(c)).intValue()));
      return nulls(col);
    }
    if (type instanceof LongType) {
      LongColumn col = LongColumn.create(name);
      rows.forEach(r -> col.append(r.isNullAt(c) ? null : r.getLong(c)));
      return nulls(col);
    }
    if (type instanceof DoubleType || type instanceof FloatType) {
      DoubleColumn col = DoubleColumn.create(name);
      rows.forEach(r -> col.append(r.isNullAt(c) ? null : ((Number) r.get(c)).doubleValue()));
      col.setPrintFormatter(new DoubleText());
      return col;
    }
    if (type instanceof BooleanType) {
      BooleanColumn col = BooleanColumn.create(name);
      rows.forEach(r -> col.append(r.isNullAt(c) ? null : r.getBoolean(c)));
      col.setPrintFormatter(new BooleanFormatter("true", "false", "null"));
      return col;
    }
    if (type instanceof DateType) {
      DateColumn col = DateColumn.create(name);
      rows.forEach(r -> col.append(r.isNullAt(c) ? null : localDate(r.get(c))));
      col.setPrintFormatter(new DateColumnFormatter(DateTimeFormatter.ISO_LOCAL_DATE, "null"));
      return col;
    }
    StringColumn col = StringColumn.create(name);
    col.setPrintFormatter(new StringColumnFormatter(v -> v, "null"));
    rows.forEach(r -> col.append(r.isNullAt(c) ? null : String.valueOf(r.get(c))));
    return col;
  }

  private static LocalDate localDate(Object v) {
    return v instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) v;
  }

  private static <C extends NumericColumn<?>> C nulls(C col) {
    NumberFormat plain = NumberFormat.getIntegerInstance(Locale.ROOT);
    plain.setGroupingUsed(false);
    col.setPrintFormatter(new NumberColumnFormatter(plain, "null"));
    return col;
  }

  /** The text of a double in printed results. */
  private static final class DoubleText extends NumberColumnFormatter {
    DoubleText() {
      super("null");
    }

    @Override
    public String format(double value) {
      return Double.isNaN(value) ? getMissingString() : SqlRunner.format(value);
    }
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
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < r.length(); i++) {
          Object v = r.isNullAt(i) ? null : r.get(i);
          line.append(i > 0 ? "," : "")
              .append(v instanceof Number n ? SpreadsheetCsv.number(n) : SpreadsheetCsv.cell(v == null ? null : String.valueOf(v)));
        }
        w.write(line.toString());
        w.write("\r\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static String format(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Double d) {
      return Math.abs(d) >= 1e-4 || d == 0 ? String.format(Locale.ROOT, "%.4f", d) : String.format(Locale.ROOT, "%.3e", d);
    }
    return String.valueOf(v);
  }
}
