package clinic.outcomes.report;

import clinic.outcomes.core.Settings;
import clinic.outcomes.core.SettingsException;
import clinic.outcomes.validate.Validated.Accounting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * The report stage: from a finished run folder's tables, writes {@code charts/} (PNG and SVG) and
 * {@code report.html} (the monthly review), and for publishing, in a folder of their own, {@code
 * publish/case-study.html} (anonymized), its charts {@code publish/charts/} and {@code
 * publish/case_study_cells.csv} (the table {@code case_study_cells} is also written among the run's
 * tables). Both pages are single self-contained files with the charts embedded.
 */
public final class ReportStage {
  /** The folder of the run's output that holds what may be published, and nothing else. */
  public static final String PUBLISH = "publish";

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private ReportStage() {}

  /**
   * Writes charts/ (PNG+SVG) and report.html into runFolder, and publish/ (case-study.html, its
   * charts, case_study_cells.csv) unless the case study fails its disclosure audit.
   *
   * @param spark the session to read the tables with
   * @param runFolder a folder holding the run's tables
   * @param settings the run's settings
   * @param month the month to review; null = the latest month in {@code monthly}
   * @param accounting read/accepted/rejected/duplicate per input file (run.json is not written yet)
   * @return null, or the one-line reason {@code case-study.html} was not written (it fails its own
   *     disclosure audit); everything else is written
   * @throws SettingsException when {@code month} has no data
   */
  public static String write(
      SparkSession spark,
      Path runFolder,
      Settings settings,
      YearMonth month,
      Map<String, Accounting> accounting) {
    return write(spark, runFolder, settings, month, accounting, true, true);
  }

  /**
   * Writes the chosen reports (each with its charts) into runFolder.
   *
   * @param monthly write report.html and the run's charts
   * @param caseStudy write case-study.html and the case_study_* charts
   * @see #write(SparkSession, Path, Settings, YearMonth, Map)
   */
  public static String write(
      SparkSession spark,
      Path runFolder,
      Settings settings,
      YearMonth month,
      Map<String, Accounting> accounting,
      boolean monthly,
      boolean caseStudy) {
    return write(
        spark,
        new org.apache.hadoop.fs.Path("file", null, runFolder.toAbsolutePath().toString()),
        runFolder,
        settings,
        month,
        accounting,
        monthly,
        caseStudy);
  }

  /**
   * Writes the chosen reports, reading the tables of a run folder on any file system and writing
   * the pages and charts into a local folder (see {@code RunFolder}).
   *
   * @param tables the run folder holding the tables
   * @param runFolder the local folder to write report.html, case-study.html and charts/ into
   * @see #write(SparkSession, Path, Settings, YearMonth, Map, boolean, boolean)
   */
  public static String write(
      SparkSession spark,
      org.apache.hadoop.fs.Path tables,
      Path runFolder,
      Settings settings,
      YearMonth month,
      Map<String, Accounting> accounting,
      boolean monthly,
      boolean caseStudy) {
    if (!monthly && !caseStudy) {
      return null;
    }
    return write(
        ReportData.load(spark, tables),
        spark.sparkContext().hadoopConfiguration(),
        tables,
        runFolder,
        settings,
        month,
        accounting,
        monthly,
        caseStudy);
  }

  /**
   * Writes the chosen reports from figures the run already holds (see {@link ReportData#of}),
   * without reading its tables back; {@code case_study_cells} is written into {@code tables}
   * without a Spark job.
   *
   * @param data the report's figures
   * @param conf the Hadoop configuration that reaches {@code tables}
   * @see #write(SparkSession, org.apache.hadoop.fs.Path, Path, Settings, YearMonth, Map, boolean,
   *     boolean)
   */
  public static String write(
      ReportData data,
      Configuration conf,
      org.apache.hadoop.fs.Path tables,
      Path runFolder,
      Settings settings,
      YearMonth month,
      Map<String, Accounting> accounting,
      boolean monthly,
      boolean caseStudy) {
    Path charts = runFolder.resolve("charts");
    // The two pages share no chart and no mutable state: the monthly review is drawn on a thread
    // of its own while the case study is drawn here (chart drawing and PNG encoding are most of
    // the stage's time, all on the driver). The month is checked first, before anything is drawn.
    YearMonth m = monthly ? reviewMonth(data, month) : null;
    ExecutorService review = null;
    Future<?> reviewDone = null;
    if (monthly && caseStudy) {
      review = Executors.newSingleThreadExecutor(ReportStage::reviewThread);
      reviewDone =
          review.submit(() -> writeReview(runFolder, charts, data, settings, m, accounting));
    } else if (monthly) {
      writeReview(runFolder, charts, data, settings, m, accounting);
    }
    try {
      return caseStudy ? writeCaseStudy(data, conf, tables, runFolder, settings) : null;
    } finally {
      if (review != null) {
        review.shutdown();
        await(reviewDone); // also when the case study failed: nothing may still write after
      }
    }
  }

  private static void writeReview(
      Path runFolder,
      Path charts,
      ReportData data,
      Settings settings,
      YearMonth month,
      Map<String, Accounting> accounting) {
    write(
        runFolder.resolve("report.html"),
        new MonthlyReview(data, settings, month, accounting).render(charts));
  }

  private static String writeCaseStudy(
      ReportData data,
      Configuration conf,
      org.apache.hadoop.fs.Path tables,
      Path runFolder,
      Settings settings) {
    Path publish = runFolder.resolve(PUBLISH);
    CaseStudy.Page page = new CaseStudy(data, settings).render(publish.resolve("charts"));
    CaseStudyCells.parquet(
        conf, new org.apache.hadoop.fs.Path(tables, "case_study_cells"), page.cells());
    if (page.refusal() != null) {
      return page.refusal();
    }
    write(publish.resolve("case-study.html"), page.html());
    CaseStudyCells.csv(publish.resolve("case_study_cells.csv"), page.cells());
    return null;
  }

  private static Thread reviewThread(Runnable r) {
    Thread t = new Thread(r, "outcomes-monthly-review");
    t.setDaemon(true);
    return t;
  }

  /** Waits for the monthly review; its failure is thrown as it was thrown on its thread. */
  private static void await(Future<?> done) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          done.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true; // the review must finish before the run folder may be abandoned
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          if (c instanceof RuntimeException r) {
            throw r;
          }
          if (c instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(c);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The month to review: the one asked for, which must have data, or the latest in the data. */
  static YearMonth reviewMonth(ReportData data, YearMonth asked) {
    List<MonthRow> months = data.months();
    if (asked == null) {
      return months.isEmpty()
          ? YearMonth.of(2000, 1)
          : YearMonth.parse(months.get(months.size() - 1).month());
    }
    if (months.stream().noneMatch(r -> r.month().equals(asked.toString()))) {
      throw new SettingsException(
          "--month "
              + asked
              + ": no sessions in that month"
              + (months.isEmpty()
                  ? ""
                  : "; the data cover "
                      + months.get(0).month()
                      + " to "
                      + months.get(months.size() - 1).month()));
    }
    return asked;
  }

  private static void write(Path file, String html) {
    try {
      Files.writeString(file, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
