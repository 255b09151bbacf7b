package clinic.outcomes.report;

import org.apache.spark.sql.Row;

/**
 * One row of the {@code stats} table (docs/analysis.md, "Per group").
 *
 * @param analysis analysis name
 * @param measure measure code
 * @param groupBy grouping
 * @param group group label
 * @param n episodes
 * @param nIncomplete episodes without a usable pair
 * @param smallN fewer than min_group_n episodes
 * @param change mean change with its 95 % CI
 * @param median median change
 * @param tQ Benjamini-Hochberg q of the paired t-test
 * @param wilcoxonP Wilcoxon signed-rank p
 * @param effectDz effect size d_z
 * @param sd SD of the changes
 * @param mcid responders by the MCID
 * @param r30 responders with at least 30 % improvement
 * @param r50 responders with at least 50 % improvement
 * @param followupRate follow-up rate (follow-up analyses)
 */
public record StatRow(
    String analysis,
    String measure,
    String groupBy,
    String group,
    long n,
    Long nIncomplete,
    boolean smallN,
    Interval change,
    Double median,
    Double tQ,
    Double wilcoxonP,
    Double effectDz,
    Double sd,
    Responders mcid,
    Responders r30,
    Responders r50,
    Double followupRate) {

  /**
   * Responder counts of one rule.
   *
   * @param n denominator
   * @param count responders
   * @param rate rate with its Wilson 95 % interval
   */
  public record Responders(Long n, Long count, Interval rate) {}

  static StatRow of(Row r) {
    Long n = Cols.lng(r, "n");
    return new StatRow(
        Cols.str(r, "analysis"),
        Cols.str(r, "measure"),
        Cols.str(r, "group_by"),
        Cols.str(r, "group"),
        n == null ? 0 : n,
        Cols.lng(r, "n_incomplete"),
        Boolean.TRUE.equals(Cols.bool(r, "small_n")),
        new Interval(Cols.dbl(r, "mean_change"), Cols.dbl(r, "ci_low"), Cols.dbl(r, "ci_high")),
        Cols.dbl(r, "median_change"),
        Cols.dbl(r, "t_q"),
        Cols.dbl(r, "wilcoxon_p"),
        Cols.dbl(r, "effect_dz"),
        Cols.dbl(r, "sd_change"),
        responders(r, "mcid"),
        responders(r, "r30"),
        responders(r, "r50"),
        Cols.dbl(r, "followup_rate"));
  }

  private static Responders responders(Row r, String rule) {
    return new Responders(
        Cols.lng(r, rule + "_n"),
        Cols.lng(r, rule + "_count"),
        new Interval(
            Cols.dbl(r, rule + "_rate"),
            Cols.dbl(r, rule + "_ci_low"),
            Cols.dbl(r, rule + "_ci_high")));
  }
}
