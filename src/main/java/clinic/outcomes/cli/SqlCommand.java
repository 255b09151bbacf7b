package clinic.outcomes.cli;

import clinic.outcomes.output.SqlRunner;
import clinic.outcomes.pipeline.SettingsException;
import clinic.outcomes.spark.Sparks;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code outcomes sql}: Spark SQL over the output tables of a run. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Spark SQL over a run's output tables (registered as sessions, episodes, episode_outcomes,",
      "stats, comparisons, dose_response, safety, monthly, claims, rejects, pain_scores, clients).",
      "Example: ./outcomes sql \"SELECT `group`, n, mean_change FROM stats WHERE analysis='course' AND group_by='technique'\""
    })
final class SqlCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "QUERY", description = "The query (or use --file).")
  String query;

  @Option(names = "--file", paramLabel = "FILE", description = "Read the query from a file (e.g. jobs/adhoc-over-50.sql).")
  Path file;

  @Option(names = "--run", paramLabel = "DIR", description = "The run's output folder (default: ${DEFAULT-VALUE}).")
  Path run = Path.of("out");

  @Option(names = "--to", paramLabel = "FILE", description = "Also write the result: FILE.parquet as Parquet, anything else as CSV.")
  Path to;

  @Option(names = "--limit", description = "Rows to print (default: ${DEFAULT-VALUE}).")
  int limit = 50;

  @Override
  public Integer call() {
    try {
      String sql = sql();
      boolean own = SparkSession.getActiveSession().isEmpty();
      Path scratch = run.toAbsolutePath().resolveSibling("." + run.getFileName() + ".sql-spark");
      SparkSession spark = Sparks.session(null, scratch);
      try {
        SqlRunner runner = new SqlRunner(spark, run);
        Dataset<Row> result = runner.query(sql);
        SqlRunner.print(result, limit, System.out);
        if (to != null) {
          SqlRunner.write(result, to);
          System.out.println("written to " + to);
        }
      } finally {
        if (own) {
          spark.stop();
          clinic.outcomes.output.RunFolder.deleteTree(scratch);
        }
      }
      return 0;
    } catch (Exception | Error e) { // Exception too: Spark throws its checked SparkException undeclared
      return Errors.report(e, System.err);
    }
  }

  private String sql() {
    if ((query == null) == (file == null)) {
      throw new SettingsException("give a query or --file FILE (one of them)");
    }
    if (file == null) {
      return query;
    }
    return SqlRunner.readQuery(file);
  }
}
