package clinic.outcomes.pipeline;

import clinic.outcomes.claims.Claim;
import clinic.outcomes.claims.ClaimsFile;
import clinic.outcomes.core.Settings;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * What a run reads, writes and assumes.
 *
 * @param input folder with sessions.csv, pain_scores.csv, optional clients.csv: a local path or any
 *     Hadoop file-system URI ({@code hdfs://...}, {@code s3a://...}, {@code file:///...})
 * @param out output folder (replaced atomically when the run completes), a path or URI as {@code
 *     input}
 * @param settings analysis settings; {@code settings.asOf()} null = the latest accepted date
 * @param runDate today's date: the last valid input date when no as-of date is given
 * @param claims the claims to judge (already loaded and checked), possibly empty
 * @param report which reports to write: monthly, case_study, both or none
 * @param month the monthly report's month; null = the latest month in the data
 * @param untestable the claims file's published sentences that these records cannot test
 */
public record RunRequest(
    String input,
    String out,
    Settings settings,
    LocalDate runDate,
    List<Claim> claims,
    String report,
    YearMonth month,
    List<ClaimsFile.Untestable> untestable) {

  /** A request whose claims file lists no untestable sentences. */
  public RunRequest(
      String input,
      String out,
      Settings settings,
      LocalDate runDate,
      List<Claim> claims,
      String report,
      YearMonth month) {
    this(input, out, settings, runDate, claims, report, month, List.of());
  }

  /** A request for local folders. */
  public RunRequest(
      Path input,
      Path out,
      Settings settings,
      LocalDate runDate,
      List<Claim> claims,
      String report,
      YearMonth month) {
    this(input.toString(), out.toString(), settings, runDate, claims, report, month);
  }

  /** A request without claims, writing both reports for the latest month. */
  public RunRequest(Path input, Path out, Settings settings, LocalDate runDate) {
    this(input, out, settings, runDate, List.of(), "both", null);
  }

  /** True when the monthly review is written. */
  public boolean monthlyReport() {
    return "monthly".equals(report) || "both".equals(report);
  }

  /** True when the anonymized case study is written. */
  public boolean caseStudy() {
    return "case_study".equals(report) || "both".equals(report);
  }

  /** The last date an input row may carry: the as-of date when given, else the run date. */
  public LocalDate maxInputDate() {
    return settings.asOf() != null ? settings.asOf() : runDate;
  }
}
