package clinic.outcomes.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;

/**
 * The benchmark's single-machine yardstick: {@code bench/duckdb-core.sql}, the core work of a run
 * written as SQL, run by DuckDB in-process with 2 threads. Arguments: the SQL file, the input
 * folder, a scratch output folder. Prints the rows of the final summary query and the wall seconds.
 * {@code bench/run} starts it in its own JVM beside every size, so its time includes a JVM start,
 * like the job's.
 */
public final class DuckCore {
  private DuckCore() {}

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    String sql =
        Files.readString(Path.of(args[0]), StandardCharsets.UTF_8)
            .replace("{in}", Path.of(args[1]).toAbsolutePath().toString())
            .replace(
                "{out}", Files.createDirectories(Path.of(args[2])).toAbsolutePath().toString());
    long rows = 0;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      for (String statement : statements(sql)) {
        if (st.execute(statement)) {
          try (ResultSet rs = st.getResultSet()) {
            while (rs.next()) {
              rows++;
            }
          }
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "duckdb core: %d summary rows in %.1f s%n",
        rows,
        (System.nanoTime() - start) / 1e9);
  }

  /** The statements of a script: split at a {@code ;} that ends a line; comments dropped. */
  static String[] statements(String sql) {
    StringBuilder kept = new StringBuilder();
    for (String line : sql.split("\n")) {
      if (!line.stripLeading().startsWith("--")) {
        kept.append(line).append('\n');
      }
    }
    return java.util.Arrays.stream(kept.toString().split(";\\s*\n"))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toArray(String[]::new);
  }
}
