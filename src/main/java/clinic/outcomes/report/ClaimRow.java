package clinic.outcomes.report;

import org.apache.spark.sql.Row;

/**
 * One row of the {@code claims} table (SPEC "Claims").
 *
 * @param id claim id
 * @param statement the sentence as published by the clinic
 * @param statistic what the estimate is
 * @param value estimate with its (Bonferroni-adjusted) interval
 * @param confidence confidence level of the interval
 * @param n episodes behind the estimate
 * @param operator comparison operator of the testable form
 * @param threshold claimed threshold
 * @param minN minimum n of the claim
 * @param verdict supported, contradicted, inconclusive or insufficient_data
 * @param explanation the plain-English sentence of the verdict
 */
public record ClaimRow(
    String id,
    String statement,
    String statistic,
    Interval value,
    Double confidence,
    Long n,
    String operator,
    Double threshold,
    Long minN,
    String verdict,
    String explanation) {
  static ClaimRow of(Row r) {
    return new ClaimRow(
        Cols.str(r, "claim_id"),
        Cols.str(r, "statement"),
        Cols.str(r, "statistic"),
        new Interval(Cols.dbl(r, "estimate"), Cols.dbl(r, "ci_low"), Cols.dbl(r, "ci_high")),
        Cols.dbl(r, "confidence"),
        Cols.lng(r, "n"),
        Cols.str(r, "operator"),
        Cols.dbl(r, "threshold"),
        Cols.lng(r, "min_n"),
        Cols.str(r, "verdict"),
        Cols.str(r, "explanation"));
  }
}
