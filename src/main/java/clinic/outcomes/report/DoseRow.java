package clinic.outcomes.report;

import org.apache.spark.sql.Row;

/**
 * One row of the {@code dose_response} table.
 *
 * @param measure measure code
 * @param model {@code between_episodes}, {@code within_episode} or {@code within_episode_late}
 * @param n episodes
 * @param slope OLS slope per session with its 95 % CI
 * @param slopeP p of the slope
 * @param rho Spearman rho
 * @param rhoP p of rho
 */
public record DoseRow(
    String measure, String model, Long n, Interval slope, Double slopeP, Double rho, Double rhoP) {
  /** The model across episodes of different length (course improvement on session count). */
  static final String BETWEEN = "between_episodes";

  static DoseRow of(Row r) {
    return new DoseRow(
        Cols.str(r, "measure"),
        Cols.str(r, "model"),
        Cols.lng(r, "n"),
        new Interval(
            Cols.dbl(r, "slope"), Cols.dbl(r, "slope_ci_low"), Cols.dbl(r, "slope_ci_high")),
        Cols.dbl(r, "slope_p"),
        Cols.dbl(r, "spearman_rho"),
        Cols.dbl(r, "spearman_p"));
  }
}
