package clinic.outcomes.report;

import clinic.outcomes.pipeline.Settings;
import clinic.outcomes.pipeline.SettingsException;
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
 * The report stage: from a finished run folder's tables, writes {@code charts/} (PNG and SVG),
 * {@code report.html} (the monthly review) and {@code case-study.html} (anonymized, for
 * publishing). Both pages are single self-contained files with the charts embedded.
 */
public final class ReportStage {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private ReportStage() {}

  /**
   * Writes charts/ (PNG+SVG), report.html and case-study.html into runFolder.
   *
   * @param spark the session to read the tables with
   * @param runFolder a folder holding the run's tables
   * @param settings the run's settings
   * @param month the month to review; null = the latest month in {@code monthly}
   * @param accounting read/accepted/rejected/duplicate per input file (run.json is not written yet)
   * @throws SettingsException when {@code month} has no data
   */
  public static void write(SparkSession spark, Path runFolder, Settings settings, YearMonth month,
      Map<String, Accounting> accounting) {
    write(spark, runFolder, settings, month, accounting, true, true);
  }

  /**
   * Writes the chosen reports (each with its charts) into runFolder.
   *
   * @param monthly write report.html and the run's charts
   * @param caseStudy write case-study.html and the case_study_* charts
   * @see #write(SparkSession, Path, Settings, YearMonth, Map)
   */
  public static void write(SparkSession spark, Path runFolder, Settings settings, YearMonth month,
      Map<String, Accounting> accounting, boolean monthly, boolean caseStudy) {
    write(spark, new org.apache.hadoop.fs.Path("file", null, runFolder.toAbsolutePath().toString()), runFolder,
        settings, month, accounting, monthly, caseStudy);
  }

  /**
   * Writes the chosen reports, reading the tables of a run folder on any file system and writing
   * the pages and charts into a local folder (see {@code RunFolder}).
   *
   * @param tables the run folder holding the tables
   * @param runFolder the local folder to write report.html, case-study.html and charts/ into
   * @see #write(SparkSession, Path, Settings, YearMonth, Map, boolean, boolean)
   */
  public static void write(SparkSession spark, org.apache.hadoop.fs.Path tables, Path runFolder, Settings settings,
      YearMonth month, Map<String, Accounting> accounting, boolean monthly, boolean caseStudy) {
    if (!monthly && !caseStudy) {
      return;
    }
    ReportData data = ReportData.load(spark, tables);
    Path charts = runFolder.resolve("charts");
    if (monthly) {
      YearMonth m = reviewMonth(data, month);
      write(runFolder.resolve("report.html"), new MonthlyReview(data, settings, m, accounting).render(charts));
    }
    if (caseStudy) {
      write(runFolder.resolve("case-study.html"), new CaseStudy(data, settings).render(charts));
    }
  }

  /** The month to review: the one asked for, which must have data, or the latest in the data. */
  static YearMonth reviewMonth(ReportData data, YearMonth asked) {
    List<MonthRow> months = data.months();
    if (asked == null) {
      return months.isEmpty() ? YearMonth.of(2000, 1) : YearMonth.parse(months.get(months.size() - 1).month());
    }
    if (months.stream().noneMatch(r -> r.month().equals(asked.toString()))) {
      throw new SettingsException("--month " + asked + ": no sessions in that month"
          + (months.isEmpty() ? "" : "; the data cover " + months.get(0).month() + " to "
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
