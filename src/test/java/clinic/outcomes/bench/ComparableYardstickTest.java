package clinic.outcomes.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.core.Settings;
import clinic.outcomes.generate.Generator;
import clinic.outcomes.generate.GeneratorSettings;
import clinic.outcomes.pipeline.Pipeline;
import clinic.outcomes.pipeline.RunRequest;
import clinic.outcomes.spark.LocalFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's second yardstick, {@code bench/duckdb-comparable.sql}, does the job's row-level
 * work: on a generated clinic without bad rows, its five tables have the job's row counts, and its
 * pairs of the main analyses (overall and by technique, each measure) have the job's {@code stats}
 * n and mean change. The job's figures are those of a run of the job itself (the local engine) on
 * the same input, so that a ratio to this yardstick compares like with like.
 */
class ComparableYardstickTest {
  private static final LocalDate RUN_DATE = LocalDate.parse("2026-11-23");

  private static final List<String> ANALYSES =
      List.of(
          "session_relief",
          "course",
          "course_immediate",
          "pre_treatment",
          "followup_3m",
          "followup_3m_bocf",
          "followup_6m",
          "followup_6m_bocf",
          "followup_12m",
          "followup_12m_bocf");

  @TempDir Path tmp;

  @Test
  void theYardstickComputesTheJobsTablesAndPairs() throws Exception {
    Path in = tmp.resolve("in");
    Generator.generate(new GeneratorSettings(1_500, 42L), in);
    Path run = tmp.resolve("run");
    Pipeline.runLocally(
        LocalFiles.use(new Configuration()),
        new RunRequest(in, run, Settings.defaults(), RUN_DATE),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    Path duck = Files.createDirectories(tmp.resolve("duck"));
    String sql =
        Files.readString(Path.of("bench/duckdb-comparable.sql"), StandardCharsets.UTF_8)
            .replace("{in}", in.toAbsolutePath().toString())
            .replace("{out}", duck.toAbsolutePath().toString());
    String[] statements = DuckCore.statements(sql);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      for (int i = 0; i < statements.length - 1; i++) {
        st.execute(statements[i]);
      }
      Map<String, double[]> yardstick = new HashMap<>();
      try (ResultSet rs = st.executeQuery(statements[statements.length - 1])) {
        while (rs.next()) {
          yardstick.put(
              rs.getString("analysis") + "/" + rs.getString("measure") + "/" + rs.getString("grp"),
              new double[] {rs.getLong("n"), rs.getDouble("mean")});
        }
      }
      for (String table :
          List.of("clients", "sessions", "pain_scores", "episodes", "episode_outcomes")) {
        assertEquals(
            count(st, "'" + run.resolve(table) + "/*.parquet'"),
            count(st, "'" + duck.resolve(table + ".parquet") + "'"),
            table);
      }
      int compared = 0;
      try (ResultSet rs =
          st.executeQuery(
              "SELECT analysis, measure, CASE WHEN group_by = 'overall' THEN 'all' ELSE \"group\""
                  + " END AS grp, n, mean_change FROM '"
                  + run.resolve("stats")
                  + "/*.parquet' WHERE group_by IN ('overall', 'technique') AND n > 0")) {
        while (rs.next()) {
          if (!ANALYSES.contains(rs.getString("analysis"))) {
            continue;
          }
          String key =
              rs.getString("analysis") + "/" + rs.getString("measure") + "/" + rs.getString("grp");
          double[] mine = yardstick.get(key);
          assertTrue(mine != null, key + " is in the yardstick's summary");
          assertEquals(rs.getLong("n"), (long) mine[0], key + ": n");
          assertEquals(rs.getDouble("mean_change"), mine[1], 1e-9, key + ": mean change");
          compared++;
        }
      }
      assertTrue(compared >= 100, "groups compared: " + compared);
      assertEquals(
          yardstick.keySet().stream().filter(k -> ANALYSES.contains(k.split("/")[0])).count(),
          compared,
          "the yardstick has no group of these analyses that the job has not");
    }
  }

  private static long count(Statement st, String from) throws Exception {
    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + from)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
