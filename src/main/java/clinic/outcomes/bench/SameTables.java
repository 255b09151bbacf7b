package clinic.outcomes.bench;

import clinic.outcomes.core.SettingsException;
import clinic.outcomes.output.DuckSql;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Whether two run folders hold the same tables, value for value: the check behind every "the same
 * tables" of docs/performance.md, for a change that must not alter a run's output. The tables are
 * the folders {@code ./outcomes sql} registers ({@link DuckSql#tableFolders}); each is compared by
 * DuckDB, first its column names and types, then its rows as a multiset both ways ({@code EXCEPT
 * ALL}), so the number of files and the order of rows do not matter. {@code rejects.csv} must be
 * the same byte for byte. {@code bench/same-tables A B} runs it; exit 0 when everything is the
 * same, 1 when anything differs (each difference printed), 2 when a folder is not a run's output
 * folder.
 */
public final class SameTables {
  private SameTables() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: bench/same-tables RUN_FOLDER_A RUN_FOLDER_B");
      System.exit(2);
    }
    System.exit(compare(Path.of(args[0]), Path.of(args[1]), System.out));
  }

  /**
   * Compares run folders {@code a} and {@code b}, one line per table on {@code out}.
   *
   * @return 0 when every table and {@code rejects.csv} are the same, 1 when not, 2 when a folder is
   *     not a run's output folder
   */
  public static int compare(Path a, Path b, PrintStream out) throws IOException, SQLException {
    TreeMap<String, Path> inA = new TreeMap<>();
    TreeMap<String, Path> inB = new TreeMap<>();
    try {
      DuckSql.tableFolders(a).forEach(p -> inA.put(p.getFileName().toString(), p));
      DuckSql.tableFolders(b).forEach(p -> inB.put(p.getFileName().toString(), p));
    } catch (SettingsException e) {
      out.println(e.getMessage());
      return 2;
    }
    TreeSet<String> names = new TreeSet<>(inA.keySet());
    names.addAll(inB.keySet());
    int differences = 0;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      for (String t : names) {
        if (!inA.containsKey(t) || !inB.containsKey(t)) {
          out.println(t + ": only in " + (inA.containsKey(t) ? a : b));
          differences++;
          continue;
        }
        String x = DuckSql.readParquet(inA.get(t));
        String y = DuckSql.readParquet(inB.get(t));
        try {
          String columnsA = columns(st, x);
          String columnsB = columns(st, y);
          if (!columnsA.equals(columnsB)) {
            out.println(t + ": other columns (A: " + columnsA + "; B: " + columnsB + ")");
            differences++;
            continue;
          }
          long rows = count(st, "SELECT count(*) FROM " + x);
          long onlyA = count(st, "SELECT count(*) FROM (FROM " + x + " EXCEPT ALL FROM " + y + ")");
          long onlyB = count(st, "SELECT count(*) FROM (FROM " + y + " EXCEPT ALL FROM " + x + ")");
          boolean same = onlyA == 0 && onlyB == 0;
          out.println(
              t
                  + ": "
                  + rows
                  + " rows, "
                  + (same ? "the same" : onlyA + " only in A, " + onlyB + " only in B"));
          differences += same ? 0 : 1;
        } catch (SQLException e) {
          out.println(t + ": not comparable (" + DuckSql.firstLines(e.getMessage()) + ")");
          differences++;
        }
      }
    }
    Path ra = a.resolve("rejects.csv");
    Path rb = b.resolve("rejects.csv");
    if (Files.exists(ra) || Files.exists(rb)) {
      boolean same = Files.exists(ra) && Files.exists(rb) && Files.mismatch(ra, rb) == -1;
      out.println("rejects.csv: " + (same ? "the same, byte for byte" : "differs"));
      differences += same ? 0 : 1;
    }
    out.println(differences == 0 ? "ALL THE SAME" : differences + " DIFFERENT");
    return differences == 0 ? 0 : 1;
  }

  /**
   * A table's column names and types, in order: {@code EXCEPT ALL} alone would cast one side to the
   * other's type and take {@code '7'} for {@code 7}.
   */
  private static String columns(Statement st, String table) throws SQLException {
    StringBuilder s = new StringBuilder();
    try (ResultSet r = st.executeQuery("DESCRIBE SELECT * FROM " + table)) {
      while (r.next()) {
        s.append(s.length() > 0 ? ", " : "")
            .append(r.getString(1))
            .append(' ')
            .append(r.getString(2));
      }
    }
    return s.toString();
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet r = st.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
