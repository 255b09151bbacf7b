package clinic.outcomes.pipeline;

import static org.apache.spark.sql.functions.col;

import clinic.outcomes.analysis.ClaimEvidence;
import clinic.outcomes.analysis.ClaimsTable;
import clinic.outcomes.analysis.ComparisonStage;
import clinic.outcomes.analysis.MonthlyStage;
import clinic.outcomes.analysis.RegistryTables;
import clinic.outcomes.analysis.SafetyStage;
import clinic.outcomes.analysis.StatsStage;
import clinic.outcomes.analysis.TherapistStage;
import clinic.outcomes.claims.ClaimEvaluator;
import clinic.outcomes.claims.ClaimResult;
import clinic.outcomes.core.Settings;
import clinic.outcomes.episodes.ClientPass;
import clinic.outcomes.output.RunFolder;
import clinic.outcomes.output.TableWriter;
import clinic.outcomes.report.ReportData;
import clinic.outcomes.report.ReportStage;
import clinic.outcomes.spark.JobCounter;
import clinic.outcomes.spark.Sparks;
import clinic.outcomes.stage.IngestStage;
import clinic.outcomes.stage.Ingested;
import clinic.outcomes.validate.Validated;
import clinic.outcomes.validate.Validated.Accounting;
import clinic.outcomes.validate.ValidationStage;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The whole job, one stage after another: ingest → validate → episodes → outcomes → statistics →
 * claims → write → reports. Each stage is its own class; this one only wires them and keeps the run
 * folder atomic.
 */
public final class Pipeline {
  private Pipeline() {}

  /**
   * What a run produced.
   *
   * @param out the output folder: a local path, or the URI of another file system
   * @param asOf the as-of date used for open/closed episodes
   * @param accounting per input file
   * @param tableRows rows written per table
   * @param timings seconds per stage
   * @param claims the verdict of every claim
   * @param caseStudyRefused null, or why {@code case-study.html} was not written (it failed its own
   *     disclosure audit; everything else was written)
   */
  public record Result(
      String out,
      LocalDate asOf,
      Map<String, Accounting> accounting,
      Map<String, Long> tableRows,
      Map<String, Double> timings,
      List<ClaimResult> claims,
      String caseStudyRefused) {}

  /** Runs the job; whole-file problems throw before the output folder is touched. */
  public static Result run(SparkSession spark, RunRequest req, PrintStream log) {
    IngestStage.requireInputs(spark, req.input());
    // A bar redrawn in place only when the run prints to a terminal; plain lines in a log.
    Progress progress = new Progress(log, log == System.out && System.console() != null);
    JobCounter counter = JobCounter.attach(spark);
    progress.countWorkWith(counter::work);
    progress.tasksWith(counter::tasks);
    RunFolder folder = RunFolder.create(req.out(), spark.sparkContext().hadoopConfiguration());
    try {
      Result r = runInto(spark, req, folder, progress);
      folder.commit();
      return r;
    } catch (Exception
        | Error e) { // Exception too: Spark throws its checked SparkException undeclared
      // A failed job's other tasks may still be writing into the temporary folder: stop them
      // first, so that none creates it again after it is deleted.
      Sparks.quiesce(spark, 30_000);
      folder.abandon();
      throw e;
    } finally {
      counter.detach(spark);
    }
  }

  private static Result runInto(
      SparkSession spark, RunRequest req, RunFolder folder, Progress progress) {
    progress.stage("read inputs");
    Ingested staged =
        new IngestStage(spark, req.input(), folder.staging(), req.maxInputDate()).run();
    progress.done(staged.summary());

    progress.stage("check ids");
    TableWriter tables = new TableWriter(folder.tables(), folder.temp());
    Map<String, Long> rows = new LinkedHashMap<>();
    ValidationStage validation = new ValidationStage(spark);
    // The lean global check (session ids across clients); every other rule is judged by client,
    // in the pass below. Its input: every staged row, to be shuffled once by client.
    Dataset<Row> input = validation.input(staged);
    LocalDate assumed =
        req.settings().asOf() == null ? ValidationStage.latestValidDate(staged) : null;
    progress.done(null);

    progress.stage("client pass");
    // One pass by client judges each client's records, then derives sessions, episodes, outcomes
    // and the statistics' totals from the accepted ones, each task writing every table once.
    ClientPass.Result derived =
        new ClientPass(
                spark, req.settings(), input, staged.all().stream().mapToLong(f -> f.read()).sum())
            .run(
                staged.clients() != null,
                assumed,
                req.maxInputDate(),
                folder.tables().toString(),
                new org.apache.hadoop.fs.Path(folder.staging(), "derived").toString());
    LocalDate asOf = derived.asOf();
    Settings settings = req.settings().withAsOf(asOf);
    Map<String, Accounting> accounting = ValidationStage.accounting(staged, derived.counts());
    progress.done(
        summary(accounting)
            + ", "
            + derived.rows().get("episodes")
            + " episodes, as of "
            + asOf
            + (derived.passes() > 1
                ? " (a second pass: the assumed as-of date was rejected)"
                : ""));

    progress.stage("rejects");
    Validated v =
        new Validated(validation.rejects(staged, derived.rejected(), accounting), accounting);
    rows.put(
        "rejects",
        tables.writeRejects(
            v.rejects(), accounting.values().stream().mapToLong(Accounting::rejected).sum()));
    rows.putAll(derived.rows());
    Dataset<Row> acceptedClients = derived.clients();
    progress.done(rows.get("rejects") + " rejected rows");

    progress.stage("statistics");
    StatsStage.Result stats = new StatsStage(spark, settings).run(derived.totals());
    // The complete course pairs with their episode's grouping attributes: a staging table the pass
    // wrote, read in place, twice, for the comparisons, dose-response and therapists together
    // (analysis.CourseScans: no join, no cache, no shuffle).
    Dataset<Row> courseRows =
        derived
            .outcomeAttributes()
            .filter(col("complete"))
            .select(
                "episode_id",
                "measure",
                "baseline_tenths",
                "improvement_tenths",
                "primary_technique",
                "primary_therapist",
                "adherence",
                "n_sessions",
                "has_client",
                "age_band",
                "sex",
                "condition",
                "chronicity");
    ComparisonStage.Result comparisons =
        new ComparisonStage(spark, settings)
            .run(
                stats.histograms(), courseRows, acceptedClients != null, derived.totals().slopes());
    RegistryTables.TimeToMcid timeToMcid = RegistryTables.timeToMcid(derived.totals().survival());
    List<Row> benefitHarm =
        RegistryTables.benefitHarm(settings, stats.rows(), derived.totals().harm());
    List<Row> therapists = comparisons.therapistRows();
    List<Row> safetyRows = SafetyStage.run(derived.totals(), acceptedClients != null);
    List<ClaimResult> claims =
        ClaimEvaluator.evaluate(
            req.claims(),
            new ClaimEvidence(settings, stats, comparisons, safetyRows, derived.totals()));
    progress.done(
        stats.rows().size()
            + " stats rows, "
            + comparisons.comparisonRows().size()
            + " comparisons");

    progress.stage("write tables");
    // Small tables the driver holds: written without a Spark job each, and kept for the reports.
    SmallTables small = new SmallTables(spark, tables, rows);
    small.write("stats", StatsStage.SCHEMA, stats.rows());
    small.write("comparisons", ComparisonStage.COMPARISONS, comparisons.comparisonRows());
    small.write("dose_response", ComparisonStage.DOSE_RESPONSE, comparisons.doseRows());
    small.write("safety", SafetyStage.SCHEMA, safetyRows);
    small.write("time_to_mcid", RegistryTables.TIME_TO_MCID, timeToMcid.curves());
    small.write("time_to_mcid_median", RegistryTables.TIME_TO_MCID_MEDIAN, timeToMcid.medians());
    small.write("benefit_harm", RegistryTables.BENEFIT_HARM, benefitHarm);
    small.write("therapist_performance", TherapistStage.SCHEMA, therapists);
    MonthlyStage.Result monthly = MonthlyStage.run(derived.monthly());
    small.write("monthly", MonthlyStage.SCHEMA, monthly.rows());
    small.write("claims", ClaimsTable.SCHEMA, ClaimsTable.of(claims));
    small.write(
        "claims_untestable", ClaimsTable.UNTESTABLE, ClaimsTable.untestable(req.untestable()));
    progress.done(null);

    String refused = null;
    if ((req.monthlyReport() || req.caseStudy()) && rows.get("episode_outcomes") == 0) {
      progress.stage("reports");
      progress.done("none: no episode of care has an outcome to show (see rejects)");
    } else if (req.monthlyReport() || req.caseStudy()) {
      progress.stage("reports");
      // From what the run holds: the tables' rows and counts, the reasons counted in rejects.csv.
      // writeRejects (above, always) counted them
      Map<String, Long> topReasons = ReportData.topReasons(tables.rejectReasons());
      ReportData data =
          ReportData.of(
              small.rows(),
              topReasons,
              rows.get("sessions"),
              monthly.clients(),
              rows.get("episodes"));
      refused =
          ReportStage.write(
              data,
              spark,
              folder.tables(),
              folder.temp(),
              settings,
              req.month(),
              v.accounting(),
              req.monthlyReport(),
              req.caseStudy());
      progress.done(
          (req.monthlyReport() ? "report.html charts/ " : "")
              + (req.caseStudy()
                  ? (refused == null ? "publish/case-study.html " : "") + "case_study_cells"
                  : ""));
    }

    spark.catalog().clearCache();
    folder.deleteStaging();
    Map<String, Double> timings = progress.timings();
    RunManifest.write(
        folder.temp().resolve("run.json"),
        req,
        settings,
        staged.all(),
        v.accounting(),
        rows,
        timings,
        progress.work(),
        spark.version());
    return new Result(folder.target(), asOf, v.accounting(), rows, timings, claims, refused);
  }

  private static String summary(Map<String, Accounting> acc) {
    long accepted = acc.values().stream().mapToLong(Accounting::accepted).sum();
    long rejected = acc.values().stream().mapToLong(Accounting::rejected).sum();
    return accepted + " accepted, " + rejected + " rejected";
  }
}
