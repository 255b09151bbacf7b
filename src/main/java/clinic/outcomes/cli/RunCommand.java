package clinic.outcomes.cli;

import clinic.outcomes.claims.ClaimsFile;
import clinic.outcomes.core.Settings;
import clinic.outcomes.core.SettingsException;
import clinic.outcomes.core.Technique;
import clinic.outcomes.ingest.RowRules;
import clinic.outcomes.output.OutputGuard;
import clinic.outcomes.output.OutputLock;
import clinic.outcomes.output.SqlRunner;
import clinic.outcomes.pipeline.JobFile;
import clinic.outcomes.pipeline.Pipeline;
import clinic.outcomes.pipeline.RunRequest;
import clinic.outcomes.spark.LocalFiles;
import clinic.outcomes.stage.InputFolder;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code outcomes run}: the whole pipeline. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole job: validate the input, build episodes, compute outcomes, write the tables.",
      "With no options it reads sample-data/ and writes out/."
    })
final class RunCommand implements Callable<Integer> {
  @Option(
      names = "--job",
      paramLabel = "FILE",
      description =
          "A job file (jobs/*.yaml: input, output, settings, report, claims, queries); options given here override it. See docs/jobs.md.")
  Path job;

  @Option(
      names = "--input",
      paramLabel = "DIR",
      description =
          "Input folder: a path or a Hadoop URI such as hdfs://nn/clinic/in (default: the job's, else sample-data).")
  String input;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Output folder, a path or a Hadoop URI, replaced only when the run completes (default: the job's, else out).")
  String out;

  @Option(
      names = "--month",
      paramLabel = "YYYY-MM",
      description =
          "Month of the monthly report (default: the job's, else the latest month in the data).")
  String month;

  @Option(
      names = "--as-of",
      paramLabel = "YYYY-MM-DD",
      description =
          "As-of date: the last valid input date and the reference for open/closed episodes (default: the run date for validity, the latest accepted date for closing).")
  String asOf;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description =
          "Spark master (default: the one spark-submit gives, else the job's, else local[*]).")
  String master;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description =
          "A Spark setting, as spark-submit's --conf (repeatable), e.g. --conf spark.sql.shuffle.partitions=48.")
  List<String> conf = List.of();

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      description =
          "auto (default): CSV inputs on this machine of 64 MiB at most (less with a heap below 2 GB) run without a Spark session, everything else in Spark; spark: always in Spark. Both write the same tables.")
  String engine = System.getProperty(ENGINE_PROPERTY, "auto");

  /**
   * The default of {@code --engine}: the launcher sets it to {@code spark} for the run that writes
   * its class-data-sharing archive, so that the archive holds Spark's classes for every later run.
   */
  static final String ENGINE_PROPERTY = "outcomes.engine";

  @Option(
      names = "--claims",
      paramLabel = "FILE",
      description =
          "Claims file to judge (default: jobs/claims.yaml when it exists; see docs/claims.md).")
  Path claims;

  @Option(
      names = "--fail-on",
      paramLabel = "VERDICT",
      split = ",",
      description =
          "Exit with code 4 when any claim gets one of these verdicts (contradicted, inconclusive, insufficient_data), e.g. --fail-on contradicted.")
  List<String> failOn = List.of();

  @Override
  public Integer call() {
    PrintStream out = System.out;
    OutputLock lock = null;
    try {
      JobFile jobFile = job == null ? JobFile.none() : JobFile.load(job);
      input = input != null ? input : jobFile.input() != null ? jobFile.input() : "sample-data";
      this.out = this.out != null ? this.out : jobFile.out() != null ? jobFile.out() : "out";
      // Under spark-submit its --master is a system property by now, and wins over the job file's.
      boolean masterFromJob =
          master == null && System.getProperty("spark.master") == null && jobFile.master() != null;
      master =
          master != null
              ? master
              : System.getProperty("spark.master") != null ? null : jobFile.master();
      if (!jobFile.queries().isEmpty() && localPath(this.out) == null) {
        throw new SettingsException(
            "the job's queries need a local output folder, not "
                + this.out
                + " (run them with `outcomes sql` where the folder is)");
      }
      Masters.check(master, masterFromJob ? job + ": key 'master'" : "--master");
      if (ServeCommand.serving() && (master != null || !conf.isEmpty())) {
        throw new SettingsException(
            (master != null ? (masterFromJob ? job + ": key 'master'" : "--master") : "--conf")
                + ": the server (./outcomes serve) runs on this machine's Spark session with the"
                + " project's settings; run apart from it with OUTCOMES_SERVER=off ./outcomes run"
                + " ...");
      }
      if (!List.of("auto", "spark").contains(engine)) {
        throw new SettingsException("--engine is auto or spark, not '" + engine + "'");
      }
      claims = claims != null ? claims : jobFile.claims();
      YearMonth reportMonth = month != null ? parseMonth(month) : jobFile.month();
      Settings settings = jobFile.settings();
      if (asOf != null) {
        settings = settings.withAsOf(parseDate("--as-of", asOf));
      }
      checkAsOf(settings.asOf(), asOf != null ? "--as-of" : job + ": key 'settings.as_of'");
      Set<String> failVerdicts = failVerdicts();
      ClaimsFile.Contents claimFile = loadClaims(settings);
      String report = jobFile.report() != null ? jobFile.report() : "both";
      RunRequest req =
          new RunRequest(
              input,
              this.out,
              settings,
              LocalDate.now(),
              claimFile.claims(),
              report,
              reportMonth,
              claimFile.untestable());
      // The output folder and the input are checked before Spark starts when they are local; on
      // another file system (HDFS, S3) with Spark's Hadoop configuration, before any work.
      Configuration local = LocalFiles.use(new Configuration());
      if (OutputGuard.isLocal(input, local)) {
        InputFolder.requireInputs(local, input);
      }
      if (OutputGuard.isLocal(this.out, local)) {
        lock = OutputGuard.prepare(input, this.out, local, out);
      }
      out.println("outcomes: reading " + input + " into " + this.out);
      if (runsLocally(local)) {
        // Small CSV inputs on this machine: no Spark session to start (docs/performance.md).
        Pipeline.Result r = Pipeline.runLocally(local, req, out);
        return finish(r, req, jobFile, failVerdicts, out);
      }
      Path scratch = scratchFolder(this.out);
      boolean ownSession = SparkSession.getActiveSession().isEmpty();
      SparkSession spark = Masters.start(master, scratch, conf);
      Pipeline.Result r;
      try {
        if (lock == null) {
          lock =
              OutputGuard.prepare(input, this.out, spark.sparkContext().hadoopConfiguration(), out);
        }
        r = Pipeline.run(spark, req, out);
      } finally {
        if (ownSession) {
          spark.stop();
          clinic.outcomes.output.RunFolder.deleteTree(scratch);
        }
      }
      return finish(r, req, jobFile, failVerdicts, out);
    } catch (Exception
        | Error e) { // Exception too: Spark throws its checked SparkException undeclared
      return Errors.report(e, System.err, this.out);
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }

  /**
   * Whether this run goes without a Spark session: {@code --engine auto}, no master (neither {@code
   * --master}, the job's, nor spark-submit's), no {@code --conf}, no session already running in
   * this JVM, input and output on this machine, and the input small CSV files ({@link
   * Pipeline#runsLocally}).
   */
  private boolean runsLocally(Configuration local) {
    return "auto".equals(engine)
        && master == null
        && System.getProperty("spark.master") == null
        && conf.isEmpty()
        && SparkSession.getActiveSession().isEmpty()
        && OutputGuard.isLocal(this.out, local)
        && Pipeline.runsLocally(local, input);
  }

  /** The summary, the job's queries and the exit code of a finished run. */
  private int finish(
      Pipeline.Result r,
      RunRequest req,
      JobFile jobFile,
      Set<String> failVerdicts,
      PrintStream out) {
    RunSummary.print(r, req, out);
    runQueries(jobFile, out);
    if (r.caseStudyRefused() != null) {
      System.err.println("outcomes: " + r.caseStudyRefused());
      return Main.EXIT_FAILED;
    }
    List<String> failing =
        r.claims().stream()
            .filter(c -> failVerdicts.contains(c.verdict().name().toLowerCase(Locale.ROOT)))
            .map(c -> c.claim().id())
            .toList();
    if (!failing.isEmpty()) {
      System.err.println(
          "outcomes: --fail-on: claims " + failing + " have a verdict in " + failVerdicts);
      return Main.EXIT_CLAIM_FAILED;
    }
    return Main.EXIT_OK;
  }

  /**
   * Dates are valid from 2000-01-01 (SPEC), so an earlier as-of date would make every row invalid.
   */
  private static void checkAsOf(LocalDate asOf, String source) {
    if (asOf != null && asOf.isBefore(RowRules.MIN_DATE)) {
      throw new SettingsException(
          source
              + " is "
              + asOf
              + ", but dates must be from "
              + RowRules.MIN_DATE
              + " (every row would be out of range)");
    }
  }

  private static YearMonth parseMonth(String v) {
    try {
      return YearMonth.parse(v);
    } catch (java.time.format.DateTimeParseException e) {
      throw new SettingsException("--month must be YYYY-MM, not '" + v + "'");
    }
  }

  /** The job's ad-hoc queries, over the finished run: printed and written to OUT/adhoc/NAME.csv. */
  private void runQueries(JobFile jobFile, PrintStream console) {
    if (jobFile.queries().isEmpty()) {
      return;
    }
    Path local = localPath(this.out);
    Path scratch = scratchFolder(this.out);
    boolean own = SparkSession.getActiveSession().isEmpty();
    SparkSession spark = Masters.start(master, scratch, conf);
    try {
      SqlRunner runner = new SqlRunner(spark, local);
      for (Map.Entry<String, Path> q : jobFile.queries().entrySet()) {
        Dataset<Row> result = runner.query(SqlRunner.readQuery(q.getValue()));
        console.println();
        console.println("Query " + q.getKey() + " (" + q.getValue() + "):");
        SqlRunner.print(result, 50, console);
        Path target = local.resolve("adhoc");
        Files.createDirectories(target);
        SqlRunner.write(result, target.resolve(q.getKey() + ".csv"));
        console.println("written to " + target.resolve(q.getKey() + ".csv"));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      if (own) {
        spark.stop();
        clinic.outcomes.output.RunFolder.deleteTree(scratch);
      }
    }
  }

  private Set<String> failVerdicts() {
    Set<String> allowed = Set.of("contradicted", "inconclusive", "insufficient_data", "supported");
    Set<String> out = new TreeSet<>();
    for (String v : failOn) {
      String x = v.trim().toLowerCase(Locale.ROOT);
      if (!allowed.contains(x)) {
        throw new SettingsException(
            "--fail-on: '" + v + "' is not a verdict (one of " + new TreeSet<>(allowed) + ")");
      }
      out.add(x);
    }
    return out;
  }

  /** Loads and checks the claims before any Spark work. */
  private ClaimsFile.Contents loadClaims(Settings settings) {
    Path file = claims;
    if (file == null) {
      file = Path.of("jobs", "claims.yaml");
      if (!Files.isRegularFile(file)) {
        System.out.println(
            "outcomes: no claims file (jobs/claims.yaml not found); no claims judged");
        return new ClaimsFile.Contents(List.of(), List.of());
      }
    } else if (!Files.isRegularFile(file)) {
      throw new SettingsException("--claims: " + file + " does not exist");
    }
    Set<String> techniques = new TreeSet<>(Technique.CODES);
    techniques.add("all");
    techniques.add(settings.referenceTechnique());
    settings
        .techniqueGroups()
        .forEach(
            (g, members) -> {
              techniques.add(g);
              techniques.addAll(members);
            });
    return ClaimsFile.loadAll(file, techniques);
  }

  static LocalDate parseDate(String option, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new SettingsException(option + " must be a date YYYY-MM-DD, not '" + value + "'");
    }
  }

  /**
   * The local form of a location (a plain path or a {@code file:} URI), or null for another file
   * system.
   */
  static Path localPath(String location) {
    int colon = location.indexOf(':');
    int slash = location.indexOf('/');
    boolean hasScheme = colon > 0 && (slash < 0 || colon < slash);
    if (!hasScheme) {
      return Path.of(location);
    }
    if (location.regionMatches(true, 0, "file:", 0, 5)) {
      return Path.of(new org.apache.hadoop.fs.Path(location).toUri().getPath());
    }
    return null;
  }

  /**
   * Spark's scratch folder for an embedded run: beside a local output folder, else in the system's
   * temporary folder.
   */
  private static Path scratchFolder(String out) {
    Path local = localPath(out);
    if (local != null && local.toAbsolutePath().getParent() != null) {
      Path abs = local.toAbsolutePath();
      return abs.resolveSibling("." + abs.getFileName() + ".spark");
    }
    return Path.of(
        System.getProperty("java.io.tmpdir"),
        "outcomes-" + ProcessHandle.current().pid() + ".spark");
  }
}
