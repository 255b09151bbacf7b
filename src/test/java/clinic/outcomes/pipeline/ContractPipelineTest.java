package clinic.outcomes.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clinic.outcomes.SharedSpark;
import clinic.outcomes.TestFiles;
import clinic.outcomes.core.Settings;
import clinic.outcomes.core.SettingsException;
import clinic.outcomes.validate.Validated.Accounting;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on {@code fixtures/contract}, a 13-session, 20-score input built to hit every
 * rule. Every expected value below is derived by hand from the fixture's rows (line numbers count
 * the header as 1 and the blank line 9 of sessions.csv), not from the code's output.
 */
class ContractPipelineTest {
  @TempDir static Path tmp;
  static Path out;
  static Pipeline.Result result;
  static SparkSession spark;

  @BeforeAll
  static void run() {
    spark = SharedSpark.get();
    out = tmp.resolve("out");
    Settings settings = Settings.defaults().withAsOf(LocalDate.parse("2025-06-30"));
    RunRequest req =
        new RunRequest(TestFiles.fixture("contract"), out, settings, LocalDate.parse("2026-11-23"));
    result =
        Pipeline.run(
            spark, req, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  private static Dataset<Row> table(String name) {
    return spark.read().parquet(out.resolve(name).toString());
  }

  @Test
  void accountingBalancesPerFile() {
    Map<String, Accounting> acc = result.accounting();
    // sessions: S1,S2,S3,S4,S5,S6 accepted; line 7 exact copy of line 6; lines 10-15 rejected.
    assertEquals(new Accounting(13, 6, 6, 1), acc.get("sessions.csv"));
    assertEquals(new Accounting(20, 15, 5, 0), acc.get("pain_scores.csv"));
    acc.values().forEach(a -> assertTrue(a.balances()));
  }

  @Test
  void rejectsNameFileLineAndEveryReason() {
    Map<String, String> got = new TreeMap<>();
    for (Row r : table("rejects").collectAsList()) {
      got.put(r.getString(0) + ":" + r.getLong(1), r.getString(2));
    }
    Map<String, String> expected =
        new TreeMap<>(
            Map.ofEntries(
                Map.entry("sessions.csv:10", "invalid_session_date"), // 2025-02-30
                Map.entry("sessions.csv:11", "duration_min_out_of_range"), // 300 min
                Map.entry("sessions.csv:12", "conflicting_duplicate"), // S9 twice, other dates
                Map.entry("sessions.csv:13", "conflicting_duplicate"),
                Map.entry("sessions.csv:14", "missing_session_id"),
                Map.entry("sessions.csv:15", "malformed_row"), // 5 fields of 8
                Map.entry("pain_scores.csv:13", "date_mismatch"), // S5 is 2025-01-07
                Map.entry("pain_scores.csv:15", "unknown_session"), // S99
                Map.entry("pain_scores.csv:17", "unknown_session"), // S9 itself rejected
                Map.entry("pain_scores.csv:18", "score_out_of_range"), // nrs 12
                Map.entry("pain_scores.csv:19", "score_precision"))); // 6.25
    assertEquals(expected, got);
  }

  @Test
  void rejectsCsvIsSpreadsheetSafeAndComplete() throws IOException {
    List<String> lines = Files.readAllLines(out.resolve("rejects.csv"));
    assertEquals("file,line,reasons,raw", lines.get(0));
    assertEquals(12, lines.size());
    assertTrue(lines.contains("sessions.csv,15,malformed_row,\"S10,C4,T1,2025-02-03,swedish\""));
  }

  @Test
  void episodesFollowTheGapRuleAndTheirAttributes() {
    Map<String, Row> ep = byKey(table("episodes"), "episode_id");
    assertEquals(3, ep.size());
    Row c1e1 = ep.get("C1-E1");
    assertEquals(LocalDate.parse("2025-01-06"), c1e1.getAs("start_date"));
    assertEquals(LocalDate.parse("2025-01-20"), c1e1.getAs("end_date"));
    assertEquals(3, (int) c1e1.getAs("n_sessions"));
    assertEquals(
        "deep_tissue", c1e1.getAs("primary_technique")); // "Deep Tissue", "deep-tissue" normalized
    assertEquals("2-3", c1e1.getAs("session_bucket"));
    assertEquals("adherent", c1e1.getAs("adherence")); // yes, yes, no: 2 of 3
    assertTrue((boolean) c1e1.getAs("closed")); // discharge 2025-02-10
    assertEquals("discharge", c1e1.getAs("closed_by"));
    Row c1e2 = ep.get("C1-E2"); // 2025-06-02 is 133 days after 2025-01-20 > 90: a new episode
    assertEquals(1, (int) c1e2.getAs("n_sessions"));
    assertEquals("unknown", c1e2.getAs("adherence")); // home_exercise empty
    assertFalse((boolean) c1e2.getAs("closed")); // 28 days before the as-of date
    Row c2 = ep.get("C2-E1");
    assertEquals("not_adherent", c2.getAs("adherence"));
    assertEquals("gap", c2.getAs("closed_by")); // 2025-01-14 is 167 days before 2025-06-30
  }

  @Test
  void sessionsCarryEpisodeNumbersAndNrsScores() {
    Map<String, Row> s = byKey(table("sessions"), "session_id");
    assertEquals(6, s.size());
    assertEquals(3, (int) s.get("S3").getAs("session_number"));
    assertEquals("C1-E2", s.get("S4").getAs("episode_id"));
    assertEquals(1, (int) s.get("S4").getAs("session_number"));
    assertEquals(4.5, (double) s.get("S3").getAs("nrs_after"));
    assertNull(s.get("S5").getAs("nrs_after")); // its after score was dated wrongly
    assertEquals("2025-01", s.get("S1").getAs("month"));
  }

  @Test
  void outcomesAreExactInTenths() {
    Map<String, Row> o = byKey(table("episode_outcomes"), "episode_id", "measure");
    Row nrs = o.get("C1-E1|nrs_pain");
    assertEquals(8.0, (double) nrs.getAs("baseline"));
    // The course ends at the discharge score 4 on 2025-02-10, 21 days after the last session
    // (1-30 days): never S3's after score 4.50, which is the immediate final.
    assertEquals(4.0, (double) nrs.getAs("final"));
    assertEquals("discharge", nrs.getAs("final_source"));
    assertEquals(4.0, (double) nrs.getAs("improvement"));
    assertEquals(0.5, (double) nrs.getAs("percent"));
    assertTrue((boolean) nrs.getAs("responder_mcid"));
    assertTrue((boolean) nrs.getAs("responder_30"));
    assertTrue((boolean) nrs.getAs("responder_50")); // exactly half of the way to 0
    assertEquals(4.5, (double) nrs.getAs("final_immediate")); // "4.50"
    assertEquals(3.5, (double) nrs.getAs("improvement_immediate"));
    assertEquals(3.0, (double) nrs.getAs("followup_3m")); // 2025-04-01: 71 days after, in 60-120
    assertEquals(5.0, (double) nrs.getAs("followup_3m_improvement"));
    assertTrue((boolean) nrs.getAs("followup_3m_eligible")); // window ends 2025-05-20, before as-of
    assertFalse((boolean) nrs.getAs("followup_6m_eligible")); // window ends 2025-08-18, after as-of
    // ODI: before S1 65.6, after S3 55.6, no discharge and no before score at S3: no course final;
    // immediately, 65.6 - 55.6 is exactly 10 (binary floating point gives 9.999999999999993).
    Row odi = o.get("C1-E1|odi");
    assertNull(odi.getAs("final"));
    assertEquals(10.0, (double) odi.getAs("improvement_immediate"));
    // slr_deg on the one-session, still open episode C1-E2: higher is better, 40 -> 55 right after
    // the massage is +15; no course final (one session, no discharge).
    Row slr = o.get("C1-E2|slr_deg");
    assertFalse((boolean) slr.getAs("closed"));
    assertNull(slr.getAs("improvement"));
    assertEquals(15.0, (double) slr.getAs("improvement_immediate"));
    // C2: baseline is the before score of session 1 (5), not the intake (6, 6 days before: the
    // pre-treatment yardstick, 6 -> 5); S6 has no before score and there is no discharge, so the
    // course has no final; immediately after S6 the pain was 4.
    Row c2 = o.get("C2-E1|nrs_pain");
    assertEquals("before", c2.getAs("baseline_source"));
    assertNull(c2.getAs("final"));
    assertEquals(1.0, (double) c2.getAs("improvement_immediate"));
    assertEquals(1.0, (double) c2.getAs("pre_treatment_change"));
  }

  @Test
  void courseStatisticsOfTheTwoNrsEpisodes() {
    // course_immediate pairs: C1-E1 8 -> 4.5 (3.5), C2-E1 5 -> 4 (1.0), hand-derived above.
    Row r =
        table("stats")
            .filter(
                col("analysis")
                    .equalTo("course_immediate")
                    .and(col("measure").equalTo("nrs_pain"))
                    .and(col("group_by").equalTo("overall")))
            .first();
    assertEquals(2L, (long) r.getAs("n"));
    assertEquals(6.5, (double) r.getAs("mean_before"), 1e-12);
    assertEquals(4.25, (double) r.getAs("mean_after"), 1e-12);
    assertEquals(2.25, (double) r.getAs("mean_change"), 1e-12);
    assertEquals(Math.sqrt(3.125), (double) r.getAs("sd_change"), 1e-12); // (1.25² + 1.25²) / 1
    assertEquals(2.25, (double) r.getAs("median_change"), 1e-12);
    // t_{0.975, 1} = 12.706204736174707 (any t table): 2.25 ± 12.7062 · sqrt(3.125)/sqrt(2)
    assertEquals(-13.632755920218385, (double) r.getAs("ci_low"), 1e-9);
    assertEquals(18.132755920218386, (double) r.getAs("ci_high"), 1e-9);
    // Exact signed-rank: n = 2, W+ = 3 is the maximum, P(W+ >= 3) = 1/4, two-sided 0.5.
    assertEquals("exact", r.getAs("wilcoxon_method"));
    assertEquals(0.5, (double) r.getAs("wilcoxon_p"), 1e-12);
    assertEquals(1L, (long) r.getAs("mcid_count"));
    // Wilson 95 % for 1/2 by its formula with z = 1.959963984540054.
    assertEquals(0.09453120573423074, (double) r.getAs("mcid_ci_low"), 1e-9);
    assertEquals(0.9054687942657693, (double) r.getAs("mcid_ci_high"), 1e-9);
    assertTrue((boolean) r.getAs("small_n"));
    // course: only C1-E1 has an end-of-course final (8 -> 4); C2-E1 is closed but incomplete.
    Row c =
        table("stats")
            .filter(
                col("analysis")
                    .equalTo("course")
                    .and(col("measure").equalTo("nrs_pain"))
                    .and(col("group_by").equalTo("overall")))
            .first();
    assertEquals(
        List.of(1L, 1L, 0L), List.of(c.getAs("n"), c.getAs("n_incomplete"), c.getAs("n_open")));
    assertEquals(4.0, (double) c.getAs("mean_change"), 1e-12);
  }

  @Test
  void specTablesExistWithTheirColumns() {
    Map<String, List<String>> spec = new LinkedHashMap<>();
    spec.put(
        "sessions",
        List.of(
            "session_id",
            "client_id",
            "therapist_id",
            "session_date",
            "month",
            "technique",
            "duration_min",
            "adverse_event",
            "home_exercise",
            "episode_id",
            "session_number",
            "nrs_before",
            "nrs_after"));
    spec.put(
        "episodes",
        List.of(
            "episode_id",
            "client_id",
            "episode_number",
            "start_date",
            "end_date",
            "n_sessions",
            "primary_technique",
            "session_bucket",
            "adherence",
            "closed"));
    spec.put(
        "episode_outcomes",
        List.of(
            "episode_id",
            "measure",
            "baseline",
            "final",
            "final_source",
            "improvement",
            "percent",
            "responder_mcid",
            "responder_30",
            "responder_50",
            "final_immediate",
            "improvement_immediate",
            "followup_3m",
            "followup_3m_improvement",
            "followup_6m",
            "followup_12m_improvement"));
    spec.put("rejects", List.of("file", "line", "reasons", "raw"));
    spec.put(
        "stats",
        List.of(
            "analysis",
            "measure",
            "group_by",
            "group",
            "n",
            "n_sessions",
            "n_incomplete",
            "n_open",
            "followup_eligible",
            "small_n",
            "mean_before",
            "mean_after",
            "mean_change",
            "sd_change",
            "ci_low",
            "ci_high",
            "median_change",
            "t_p",
            "t_q",
            "wilcoxon_p",
            "wilcoxon_q",
            "wilcoxon_method",
            "effect_dz",
            "mcid_n",
            "mcid_count",
            "mcid_rate",
            "mcid_ci_low",
            "mcid_ci_high",
            "r30_rate",
            "r50_ci_high",
            "followup_rate"));
    spec.put(
        "safety",
        List.of("unit", "technique", "event", "n", "n_events", "rate", "ci_low", "ci_high"));
    spec.put(
        "monthly",
        List.of(
            "month",
            "sessions",
            "clients",
            "new_episodes",
            "closed_episodes",
            "mean_session_relief",
            "mean_course_improvement",
            "responder_rate_mcid",
            "adverse_event_rate",
            "responder_rate_mcid_n",
            "responder_rate_mcid_center",
            "responder_rate_mcid_low",
            "responder_rate_mcid_high",
            "responder_rate_mcid_flag",
            "adverse_event_rate_n",
            "adverse_event_rate_flag"));
    spec.put(
        "dose_response",
        List.of(
            "measure",
            "model",
            "n",
            "slope",
            "slope_ci_low",
            "slope_ci_high",
            "slope_p",
            "spearman_rho",
            "spearman_p"));
    spec.put(
        "comparisons",
        List.of(
            "measure",
            "factor",
            "level",
            "reference",
            "holm_p",
            "ancova_diff",
            "ancova_holm_p",
            "risk_adjusted_p",
            "risk_adjusted_holm_p"));
    spec.put(
        "time_to_mcid",
        List.of(
            "measure",
            "group_by",
            "group",
            "sessions",
            "at_risk",
            "events",
            "censored",
            "survival",
            "ci_low",
            "ci_high"));
    spec.put(
        "time_to_mcid_median",
        List.of(
            "measure",
            "group_by",
            "group",
            "n",
            "events",
            "median",
            "median_ci_low",
            "median_ci_high"));
    spec.put(
        "benefit_harm",
        List.of(
            "measure",
            "level",
            "reference",
            "responders_level",
            "n_level",
            "benefit_diff",
            "nnt",
            "nnt_ci_low",
            "events_level",
            "episodes_level",
            "harm_diff",
            "nnh",
            "nnh_ci_high"));
    spec.put(
        "therapist_performance",
        List.of(
            "therapist",
            "n",
            "observed",
            "expected",
            "diff",
            "ci_low",
            "ci_high",
            "limit95_low",
            "limit95_high",
            "limit998_low",
            "limit998_high",
            "flag"));
    spec.put(
        "pain_scores",
        List.of("client_id", "session_id", "recorded_on", "moment", "measure", "score"));
    spec.forEach(
        (name, cols) -> {
          List<String> have = Arrays.asList(table(name).columns());
          assertTrue(
              have.containsAll(cols),
              name + " lacks " + cols.stream().filter(c -> !have.contains(c)).toList());
        });
    assertTrue(Files.isRegularFile(out.resolve("run.json")));
    assertFalse(Files.exists(out.resolve("_staging")));
  }

  @Test
  void sqlOverTheRunGivesExactRows() throws IOException {
    clinic.outcomes.output.SqlRunner sql = new clinic.outcomes.output.SqlRunner(spark, out);
    assertTrue(sql.tables().containsAll(List.of("episodes", "stats", "rejects", "sessions")));
    List<String> got =
        sql
            .query(
                "SELECT e.episode_id, e.n_sessions, o.improvement FROM episodes e "
                    + "LEFT JOIN episode_outcomes o ON o.episode_id = e.episode_id AND o.measure = 'nrs_pain' "
                    + "ORDER BY e.episode_id")
            .collectAsList()
            .stream()
            .map(Row::toString)
            .toList();
    // Hand-derived: C1-E1 3 sessions 8.0 -> 4.0 at discharge; C1-E2 1 session, no nrs; C2-E1 2
    // sessions, no end-of-course score (no discharge, no before score at S6).
    assertEquals(List.of("[C1-E1,3,4.0]", "[C1-E2,1,null]", "[C2-E1,2,null]"), got);
    Path csv = tmp.resolve("q.csv");
    clinic.outcomes.output.SqlRunner.write(
        sql.query("SELECT file, line FROM rejects WHERE line < 12 ORDER BY file, line"), csv);
    assertEquals(
        List.of("file,line", "sessions.csv,10", "sessions.csv,11"), Files.readAllLines(csv));
    assertThrows(SettingsException.class, () -> sql.query("SELECT nope FROM episodes"));
  }

  static Map<String, Row> byKey(Dataset<Row> df, String... keys) {
    Map<String, Row> m = new TreeMap<>();
    for (Row r : df.collectAsList()) {
      StringBuilder k = new StringBuilder();
      for (String key : keys) {
        k.append(k.length() == 0 ? "" : "|").append((Object) r.getAs(key));
      }
      m.put(k.toString(), r);
    }
    return m;
  }
}
