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
    ReportData data = ReportData.load(spark, tables);
    Path charts = runFolder.resolve("charts");
    if (monthly) {
      YearMonth m = reviewMonth(data, month);
      write(
          runFolder.resolve("report.html"),
          new MonthlyReview(data, settings, m, accounting).render(charts));
    }
    if (caseStudy) {
      Path publish = runFolder.resolve(PUBLISH);
      CaseStudy.Page page = new CaseStudy(data, settings).render(publish.resolve("charts"));
      CaseStudyCells.parquet(spark, tables.toString() + "/case_study_cells", page.cells());
      if (page.refusal() != null) {
        return page.refusal();
      }
      write(publish.resolve("case-study.html"), page.html());
      CaseStudyCells.csv(publish.resolve("case_study_cells.csv"), page.cells());
    }
    return null;
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
