package clinic.outcomes.output;

import clinic.outcomes.pipeline.SettingsException;
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
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Spark SQL over a run's output tables, each registered as a view under its SPEC name
 * ({@code stats}, {@code episodes}, ...). Prints results as an aligned text table and writes them as
 * CSV (spreadsheet-safe) or Parquet.
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

  /** Prints up to {@code limit} rows as an aligned table; returns the number of rows shown. */
  public static int print(Dataset<Row> df, int limit, PrintStream out) {
    String[] cols = df.columns();
    List<String[]> cells = new ArrayList<>();
    for (Row r : df.limit(limit + 1).collectAsList()) {
      String[] c = new String[cols.length];
      for (int i = 0; i < cols.length; i++) {
        c[i] = format(r.get(i));
      }
      cells.add(c);
    }
    int[] w = new int[cols.length];
    for (int i = 0; i < cols.length; i++) {
      w[i] = cols[i].length();
      for (String[] c : cells) {
        w[i] = Math.max(w[i], c[i].length());
      }
    }
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cols.length; i++) {
      line.append(i == 0 ? "" : "  ").append(pad(cols[i], w[i], false));
    }
    out.println(line);
    out.println("-".repeat(line.length()));
    int shown = Math.min(limit, cells.size());
    for (int r = 0; r < shown; r++) {
      line.setLength(0);
      for (int i = 0; i < cols.length; i++) {
        String v = cells.get(r)[i];
        line.append(i == 0 ? "" : "  ").append(pad(v, w[i], looksNumeric(v)));
      }
      out.println(line);
    }
    out.println(cells.size() > limit ? "(first " + limit + " rows)" : "(" + shown + " rows)");
    return shown;
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
        String[] c = new String[r.length()];
        for (int i = 0; i < c.length; i++) {
          c[i] = r.isNullAt(i) ? "" : String.valueOf(r.get(i));
        }
        w.write(SpreadsheetCsv.line(c));
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

  private static boolean looksNumeric(String v) {
    return v.matches("-?[0-9.eE+-]+");
  }

  private static String pad(String s, int w, boolean right) {
    String fill = " ".repeat(Math.max(0, w - s.length()));
    return right ? fill + s : s + fill;
  }
}
