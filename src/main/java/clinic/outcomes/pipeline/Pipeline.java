package clinic.outcomes.pipeline;

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
import clinic.outcomes.spark.Sparks;
import clinic.outcomes.stage.IngestStage;
import clinic.outcomes.stage.Ingested;
import clinic.outcomes.stage.InputFolder;
import clinic.outcomes.validate.Validated.Accounting;
import clinic.outcomes.validate.ValidationStage;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
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
    return run(Engine.spark(spark), req, log);
  }

  /**
   * Runs the job without a Spark session, every step in this JVM (the local engine, for small CSV
   * inputs on this machine: {@link #runsLocally}); the same tables as {@link #run(SparkSession,
   * RunRequest, PrintStream)}.
   *
   * @param conf the Hadoop configuration of the local file system
   */
  public static Result runLocally(Configuration conf, RunRequest req, PrintStream log) {
    InputFolder.requireInputs(conf, req.input());
    return run(Engine.local(conf), req, log);
  }

  /**
   * Whether a run of {@code input} can do without a Spark session: every input file is CSV, on this
   * machine's file system, {@value Engine#LOCAL_MAX_BYTES} bytes at most in all and at most a 32nd
   * of the heap. The caller decides the rest (no cluster, no Spark settings given).
   */
  public static boolean runsLocally(Configuration conf, String input) {
    return InputFolder.smallLocalCsv(conf, input, Engine.localMaxBytes());
  }

  private static Result run(Engine engine, RunRequest req, PrintStream log) {
    // A bar redrawn in place only when the run prints to a terminal; plain lines in a log.
    Progress progress = new Progress(log, log == System.out && System.console() != null);
    progress.countWorkWith(engine::work);
    if (engine.tasks() != null) {
      progress.tasksWith(engine::tasks);
    }
    RunFolder folder = RunFolder.create(req.out(), engine.conf());
    try {
      Result r = runInto(engine, req, folder, progress);
      folder.commit();
      return r;
    } catch (Exception
        | Error e) { // Exception too: Spark throws its checked SparkException undeclared
      // A failed job's other tasks may still be writing into the temporary folder: stop them
      // first, so that none creates it again after it is deleted.
      if (engine.session() != null) {
        Sparks.quiesce(engine.session(), 30_000);
      }
      folder.abandon();
      throw e;
    } finally {
      engine.detach();
    }
  }

  private static Result runInto(
      Engine engine, RunRequest req, RunFolder folder, Progress progress) {
    progress.stage("read inputs");
    Ingested staged = engine.ingest(req, folder);
    progress.done(staged.summary());

    progress.stage("check ids");
    TableWriter tables = new TableWriter(folder.tables(), folder.temp());
    Map<String, Long> rows = new LinkedHashMap<>();
    // The lean global check (session ids across clients); every other rule is judged by client,
    // in the pass below. Its input: every staged row, to be shuffled once by client.
    ClientPass pass = engine.clientPass(req.settings(), staged);
    LocalDate assumed =
        req.settings().asOf() == null ? ValidationStage.latestValidDate(staged) : null;
    progress.done(null);

    progress.stage("client pass");
    // One pass by client judges each client's records, then derives sessions, episodes, outcomes
    // and the statistics' totals from the accepted ones, each task writing every table once.
    ClientPass.Result derived =
        pass.run(
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
    rows.put("rejects", engine.writeRejects(tables, staged, derived, accounting));
    staged.held().release(); // the local engine's records: no step below reads them
    rows.putAll(derived.rows());
    boolean withClients = staged.clients() != null;
    progress.done(rows.get("rejects") + " rejected rows");

    progress.stage("statistics");
    StatsStage.Result stats = new StatsStage(engine.session(), settings).run(derived.totals());
    ComparisonStage.Result comparisons =
        new ComparisonStage(engine.session(), settings)
            .run(stats.histograms(), derived.cells(), withClients, derived.totals().slopes());
    RegistryTables.TimeToMcid timeToMcid = RegistryTables.timeToMcid(derived.totals().survival());
    List<Row> benefitHarm =
        RegistryTables.benefitHarm(settings, stats.rows(), derived.totals().harm());
    List<Row> therapists = comparisons.therapistRows();
    List<Row> safetyRows = SafetyStage.run(derived.totals(), withClients);
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
    SmallTables small = new SmallTables(engine.conf(), tables, rows);
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
              engine.conf(),
              folder.tables(),
              folder.temp(),
              settings,
              req.month(),
              accounting,
              req.monthlyReport(),
              req.caseStudy());
      progress.done(
          (req.monthlyReport() ? "report.html charts/ " : "")
              + (req.caseStudy()
                  ? (refused == null ? "publish/case-study.html " : "") + "case_study_cells"
                  : ""));
    }

    if (engine.session() != null) {
      engine.session().catalog().clearCache();
    }
    folder.deleteStaging();
    Map<String, Double> timings = progress.timings();
    RunManifest.write(
        folder.temp().resolve("run.json"),
        req,
        settings,
        staged.all(),
        accounting,
        rows,
        timings,
        progress.work(),
        engine.sparkVersion());
    return new Result(folder.target(), asOf, accounting, rows, timings, claims, refused);
  }

  private static String summary(Map<String, Accounting> acc) {
    long accepted = acc.values().stream().mapToLong(Accounting::accepted).sum();
    long rejected = acc.values().stream().mapToLong(Accounting::rejected).sum();
    return accepted + " accepted, " + rejected + " rejected";
  }
}
