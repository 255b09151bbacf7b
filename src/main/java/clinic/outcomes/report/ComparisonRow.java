package clinic.outcomes.report;

import org.apache.spark.sql.Row;

/**
 * One row of the {@code comparisons} table.
 *
 * @param measure measure code
 * @param factor technique, technique_group or adherence
 * @param level compared level
 * @param reference reference level
 * @param nLevel episodes of the level
 * @param nReference episodes of the reference
 * @param welch difference of means with the Welch 95 % CI
 * @param holmP Holm-adjusted Welch p
 * @param mannWhitneyP Mann-Whitney p
 * @param ancova baseline-adjusted difference with its CI
 * @param riskAdjusted risk-adjusted difference with its CI (null parts when not fitted)
 */
public record ComparisonRow(
    String measure,
    String factor,
    String level,
    String reference,
    Long nLevel,
    Long nReference,
    Interval welch,
    Double holmP,
    Double mannWhitneyP,
    Interval ancova,
    Interval riskAdjusted) {

  static ComparisonRow of(Row r) {
    return new ComparisonRow(
        Cols.str(r, "measure"),
        Cols.str(r, "factor"),
        Cols.str(r, "level"),
        Cols.str(r, "reference"),
        Cols.lng(r, "n_level"),
        Cols.lng(r, "n_reference"),
        new Interval(
            Cols.dbl(r, "diff"), Cols.dbl(r, "welch_ci_low"), Cols.dbl(r, "welch_ci_high")),
        Cols.dbl(r, "holm_p"),
        Cols.dbl(r, "mannwhitney_p"),
        new Interval(
            Cols.dbl(r, "ancova_diff"),
            Cols.dbl(r, "ancova_ci_low"),
            Cols.dbl(r, "ancova_ci_high")),
        new Interval(
            Cols.dbl(r, "risk_adjusted_diff"),
            Cols.dbl(r, "risk_adjusted_ci_low"),
            Cols.dbl(r, "risk_adjusted_ci_high")));
  }
}
