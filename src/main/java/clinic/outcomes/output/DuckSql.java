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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tech.tablesaw.api.Table;

/**
 * SQL over a local run folder without Spark: DuckDB in this JVM reads the run's Parquet tables,
 * each registered as a view under its folder name ({@code stats}, {@code episodes}, ...), as {@link
 * SqlRunner} does in Spark. A query answers in well under a second; the SQL dialect is DuckDB's
 * (close to Spark's for SELECT, JOIN, GROUP BY and window functions).
 */
public final class DuckSql implements AutoCloseable {
  private final Connection db;
  private final List<String> tables = new ArrayList<>();

  /** A query's columns, its first rows and how many rows it returned in all. */
  public record Result(List<Field> fields, List<Object[]> rows, long total) {
    /** Prints the rows as an aligned table and the count (see {@link ResultTable#print}). */
    public void print(PrintStream out) {
      ResultTable.print(fields, rows, total, out);
    }

    /** The rows as a Tablesaw table (for the notebooks and tests). */
    public Table table() {
      return ResultTable.table(fields, rows);
    }
  }

  /**
   * Opens an in-memory database and registers every Parquet table folder directly under {@code
   * runFolder}.
   */
  public DuckSql(Path runFolder) {
    List<Path> folders = tableFolders(runFolder);
    try {
      Class.forName("org.duckdb.DuckDBDriver");
    } catch (ClassNotFoundException e) {
      throw new SettingsException(
          "DuckDB is not on the class path (the spark-submit jar leaves it out): "
              + "use ./outcomes sql, or give --run as a URI (file://"
              + runFolder.toAbsolutePath()
              + ") for Spark SQL");
    }
    try {
      db = DriverManager.getConnection("jdbc:duckdb:");
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB did not start: " + e.getMessage(), e);
    }
    try (Statement st = db.createStatement()) {
      for (Path p : folders) {
        String name = p.getFileName().toString();
        st.execute("CREATE VIEW \"" + name + "\" AS SELECT * FROM " + readParquet(p));
        tables.add(name);
      }
    } catch (SQLException e) {
      close();
      throw new IllegalStateException("DuckDB cannot read " + runFolder + ": " + e.getMessage(), e);
    }
  }

  /**
   * The table folders directly under {@code runFolder}, by name: each a folder of Parquet files
   * that its writer finished ({@code _SUCCESS}), named as a SQL name.
   *
   * @throws SettingsException when {@code runFolder} is not the output folder of a run (no {@code
   *     run.json})
   */
  public static List<Path> tableFolders(Path runFolder) {
    if (!Files.isRegularFile(runFolder.resolve("run.json"))) {
      throw new SettingsException(runFolder + ": is not the output folder of a run (no run.json)");
    }
    try (Stream<Path> s = Files.list(runFolder)) {
      return s.filter(
              p ->
                  Files.isDirectory(p)
                      && p.getFileName().toString().matches("[a-z][a-z0-9_]*")
                      && Files.exists(p.resolve("_SUCCESS")))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** DuckDB's expression reading every Parquet file of {@code tableFolder}. */
  public static String readParquet(Path tableFolder) {
    String files = tableFolder.toAbsolutePath().resolve("*.parquet").toString().replace("'", "''");
    return "read_parquet('" + files + "')";
  }

  /** The registered table names. */
  public List<String> tables() {
    return List.copyOf(tables);
  }

  /**
   * Runs one query and keeps its first {@code limit} rows; the others are counted. A SQL error
   * becomes a {@link SettingsException} with DuckDB's own message.
   */
  public Result query(String sql, int limit) {
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery(strip(sql))) {
      ResultSetMetaData md = rs.getMetaData();
      List<Field> fields = new ArrayList<>();
      for (int c = 1; c <= md.getColumnCount(); c++) {
        fields.add(
            new Field(md.getColumnLabel(c), kind(md.getColumnType(c), md.getColumnTypeName(c))));
      }
      List<Object[]> rows = new ArrayList<>();
      long total = 0;
      while (rs.next()) {
        if (total++ < limit) {
          rows.add(values(rs, fields));
        }
      }
      return new Result(fields, rows, total);
    } catch (SQLException e) {
      throw error(e);
    }
  }

  /**
   * Writes the query's result to {@code file}, one file: Parquet when the name ends in .parquet
   * (DuckDB's COPY), else CSV (spreadsheet-safe, see {@link SpreadsheetCsv}).
   */
  public void write(String sql, Path file) {
    if (file.getFileName().toString().endsWith(".parquet")) {
      String target = file.toAbsolutePath().toString().replace("'", "''");
      try (Statement st = db.createStatement()) {
        Files.deleteIfExists(file);
        st.execute("COPY (" + strip(sql) + ") TO '" + target + "' (FORMAT parquet)");
      } catch (SQLException e) {
        throw error(e);
      } catch (IOException e) {
        throw new SettingsException(file + ": cannot be replaced (" + e.getMessage() + ")");
      }
      return;
    }
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery(strip(sql));
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      ResultSetMetaData md = rs.getMetaData();
      List<Field> fields = new ArrayList<>();
      String[] names = new String[md.getColumnCount()];
      for (int c = 1; c <= names.length; c++) {
        names[c - 1] = md.getColumnLabel(c);
        fields.add(new Field(names[c - 1], kind(md.getColumnType(c), md.getColumnTypeName(c))));
      }
      w.write(SpreadsheetCsv.line(names));
      w.write("\r\n");
      while (rs.next()) {
        w.write(SpreadsheetCsv.values(values(rs, fields)));
        w.write("\r\n");
      }
    } catch (SQLException e) {
      throw error(e);
    } catch (IOException e) {
      throw new SettingsException(file + ": cannot be written (" + e.getMessage() + ")");
    }
  }

  @Override
  public void close() {
    try {
      db.close();
    } catch (SQLException e) {
      // closing an in-memory database: nothing to keep
    }
  }

  private SettingsException error(SQLException e) {
    return new SettingsException(
        "SQL error: "
            + firstLines(e.getMessage())
            + " (tables: "
            + String.join(", ", tables)
            + ")");
  }

  /**
   * An engine's error message on one line: its lines up to the quoted query text ({@code LINE 1:}
   * in DuckDB, {@code == SQL ==} in Spark), blank lines dropped.
   */
  public static String firstLines(String message) {
    if (message == null) {
      return "(no message)";
    }
    List<String> kept = new ArrayList<>();
    for (String line : message.lines().map(String::strip).toList()) {
      if (line.startsWith("LINE ") || line.startsWith("== SQL")) {
        break;
      }
      if (!line.isEmpty()) {
        kept.add(line);
      }
    }
    return kept.isEmpty() ? message.strip() : kept.stream().collect(Collectors.joining(" "));
  }

  /**
   * The query without a trailing semicolon, Spark's backtick-quoted names ({@code `group`}) in
   * DuckDB's double quotes, so that one query file serves both engines.
   */
  static String strip(String sql) {
    String q = sql.strip().replaceAll(";\\s*$", "");
    StringBuilder b = new StringBuilder(q.length());
    boolean literal = false;
    for (int i = 0; i < q.length(); i++) {
      char ch = q.charAt(i);
      literal ^= ch == '\'';
      b.append(ch == '`' && !literal ? '"' : ch);
    }
    return b.toString();
  }

  private static Kind kind(int type, String typeName) {
    String name = typeName.toUpperCase(Locale.ROOT);
    return switch (type) {
      case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR -> Kind.TEXT;
      case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> Kind.INT;
      case Types.BIGINT -> Kind.LONG;
      case Types.DOUBLE, Types.FLOAT, Types.REAL -> Kind.DOUBLE;
      case Types.BOOLEAN, Types.BIT -> Kind.BOOLEAN;
      case Types.DATE -> Kind.DATE;
      default ->
          name.equals("HUGEINT")
                  || name.startsWith("UINTEGER")
                  || name.startsWith("USMALLINT")
                  || name.startsWith("UTINYINT")
              ? Kind.LONG
              : Kind.TEXT;
    };
  }

  private static Object[] values(ResultSet rs, List<Field> fields) throws SQLException {
    Object[] v = new Object[fields.size()];
    for (int c = 0; c < v.length; c++) {
      // a HUGEINT (sum of BIGINTs) arrives as a BigInteger: a Number, printed as a long
      v[c] =
          fields.get(c).kind() == Kind.DATE
              ? rs.getObject(c + 1, LocalDate.class)
              : rs.getObject(c + 1);
    }
    return v;
  }
}
