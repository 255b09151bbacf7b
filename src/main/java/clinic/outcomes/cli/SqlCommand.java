package clinic.outcomes.cli;

import clinic.outcomes.core.SettingsException;
import clinic.outcomes.output.DuckSql;
import clinic.outcomes.output.RunFolder;
import clinic.outcomes.output.SqlRunner;
import clinic.outcomes.spark.Sparks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code outcomes sql}: SQL over the output tables of a run. A local run folder is read in this JVM
 * by DuckDB (about a second); a run folder given as a Hadoop URI (hdfs://, s3a://, ...) by Spark
 * SQL.
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Answers SQL over a run's output tables in about a second (DuckDB, in-process; Spark SQL for a run on HDFS or S3).",
      "Tables: every table folder of the run (stats, comparisons, episodes, episode_outcomes, monthly, claims, ...).",
      "Example: ./outcomes sql \"SELECT \\\"group\\\", n, ROUND(mean_change, 2) FROM stats WHERE analysis='course' AND group_by='technique'\""
    })
final class SqlCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..1",
      paramLabel = "QUERY",
      description = "The query (or use --file, or --shell).")
  String query;

  @Option(
      names = "--file",
      paramLabel = "FILE",
      description = "Read the query from a file (e.g. jobs/adhoc-over-50.sql).")
  Path file;

  @Option(
      names = "--shell",
      description =
          "Read queries from the terminal (or standard input), each ended by ';' or an empty line; .tables lists the tables, .quit or Ctrl-D ends.")
  boolean shell;

  @Option(
      names = "--run",
      paramLabel = "DIR",
      description =
          "The run's output folder: a path, or a Hadoop URI such as hdfs://nn/clinic/out, read by Spark SQL (default: ${DEFAULT-VALUE}).")
  String run = "out";

  @Option(
      names = "--to",
      paramLabel = "FILE",
      description =
          "Also write the result to one file: FILE.parquet as Parquet, anything else as CSV.")
  Path to;

  @Option(names = "--limit", description = "Rows to print (default: ${DEFAULT-VALUE}).")
  int limit = 50;

  @Override
  public Integer call() {
    try {
      if (shell && (query != null || file != null || to != null)) {
        throw new SettingsException(
            "--shell reads its queries from the terminal: give no QUERY, --file or --to with it");
      }
      if (limit < 0) {
        throw new SettingsException("--limit must be 0 or more, not " + limit);
      }
      if (isUri(run)) {
        return spark(shell ? null : sql());
      }
      try (DuckSql db = new DuckSql(Path.of(run))) {
        if (shell) {
          return shell(db);
        }
        String sql = sql();
        DuckSql.Result r = db.query(sql, limit);
        r.print(System.out);
        if (to != null) {
          db.write(sql, to);
          System.out.println("written to " + to);
        }
      }
      return 0;
    } catch (Exception
        | Error e) { // Exception too: Spark throws its checked SparkException undeclared
      return Errors.report(e, System.err);
    }
  }

  /**
   * A run folder named by a URI (hdfs://, s3a://, file:///... to force Spark locally) goes to
   * Spark.
   */
  static boolean isUri(String folder) {
    return folder.matches("[a-zA-Z][a-zA-Z0-9+.-]+:/.*");
  }

  private int spark(String sql) {
    if (sql == null) {
      throw new SettingsException("--shell reads a local run folder, not " + run);
    }
    boolean own = SparkSession.getActiveSession().isEmpty();
    Path scratch = Path.of(".outcomes-sql-spark").toAbsolutePath();
    SparkSession spark = Sparks.session(null, scratch);
    try {
      SqlRunner runner = new SqlRunner(spark, run);
      Dataset<Row> result = runner.query(sql);
      SqlRunner.print(result, limit, System.out);
      if (to != null) {
        SqlRunner.write(result, to);
        System.out.println("written to " + to);
      }
      return 0;
    } finally {
      if (own) {
        spark.stop();
        RunFolder.deleteTree(scratch);
      }
    }
  }

  /** Several questions in a row; a bad one prints its message and the shell goes on. */
  private int shell(DuckSql db) {
    boolean terminal = System.console() != null;
    PrintStream out = System.out;
    if (terminal) {
      out.println("outcomes sql: tables " + String.join(", ", db.tables()));
      out.println(
          "End a query with ';' or an empty line; .tables lists the tables, .quit or Ctrl-D ends.");
    }
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    StringBuilder pending = new StringBuilder();
    try {
      while (true) {
        if (terminal) {
          out.print(pending.length() == 0 ? "sql> " : "...> ");
          out.flush();
        }
        String line = in.readLine();
        String text = line == null ? "" : line.strip();
        if (pending.length() == 0 && (text.equals(".quit") || text.equals(".exit"))) {
          return 0;
        }
        if (pending.length() == 0 && text.equals(".tables")) {
          out.println(String.join(", ", db.tables()));
          continue;
        }
        if (!text.isEmpty()) {
          pending.append(pending.length() == 0 ? "" : "\n").append(line);
        }
        if ((text.isEmpty() || text.endsWith(";")) && pending.toString().strip().length() > 0) {
          try {
            DuckSql.Result r = db.query(pending.toString(), limit);
            r.print(out);
          } catch (SettingsException e) {
            out.println("outcomes: " + e.getMessage());
          }
          pending.setLength(0);
        }
        if (line == null) {
          if (terminal) {
            out.println();
          }
          return 0;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String sql() {
    if ((query == null) == (file == null)) {
      throw new SettingsException("give a query, --file FILE or --shell (one of them)");
    }
    if (file == null) {
      return query;
    }
    return SqlRunner.readQuery(file);
  }
}
