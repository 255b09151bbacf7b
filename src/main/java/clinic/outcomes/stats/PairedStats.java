package clinic.outcomes.stats;

/**
 * Paired (one-sample) summary of a group's differences (SPEC "Statistics": one difference per
 * episode, e.g. improvement = earlier - later for a lower-is-better measure).
 *
 * <p>All figures are in the unit of the differences (points, degrees), except p-values and the
 * effect size. Undefined figures are null, never NaN:
 *
 * <ul>
 *   <li>n = 0: everything except {@code n} is null (the Wilcoxon fields too);
 *   <li>n = 1: mean and median defined; SD, CI, t-test p and d_z null;
 *   <li>SD = 0 (all differences equal, n &ge; 2): SD is 0.0, but the CI (degenerate), the t-test p
 *       and d_z (division by zero) are null;
 *   <li>Wilcoxon fields: see {@link WilcoxonSignedRank}; null when all differences are 0.
 * </ul>
 *
 * @param n number of differences
 * @param meanChange mean difference, null when n = 0
 * @param sdChange sample SD (n - 1 denominator), null when n &lt; 2
 * @param ciLow lower bound of the Student t confidence interval of the mean, {@code mean -
 *     t_{1-alpha/2, n-1} sd / sqrt(n)}; null when n &lt; 2 or SD = 0
 * @param ciHigh upper bound of that interval; null when n &lt; 2 or SD = 0
 * @param median median difference (average of the two middle values for even n); null when n = 0
 * @param tP two-sided p of the one-sample t-test of mean = 0 with n - 1 df; null when n &lt; 2 or
 *     SD = 0
 * @param wilcoxonP two-sided Wilcoxon signed-rank p, null when no non-zero difference
 * @param wilcoxonStatistic W+ after discarding zeros, null when no non-zero difference
 * @param wilcoxonMethod {@code "exact"} or {@code "normal"}, null when no non-zero difference
 * @param effectDz standardized mean difference d_z = mean / SD; null when n &lt; 2 or SD = 0
 */
public record PairedStats(
    long n,
    Double meanChange,
    Double sdChange,
    Double ciLow,
    Double ciHigh,
    Double median,
    Double tP,
    Double wilcoxonP,
    Double wilcoxonStatistic,
    String wilcoxonMethod,
    Double effectDz) {

  /**
   * Computes the paired summary of a histogram of differences.
   *
   * @param differences the differences; may be empty
   * @param confidence two-sided confidence level of the interval, e.g. 0.95
   * @return the summary, never null
   * @throws IllegalArgumentException when {@code differences} is null or {@code confidence} is not
   *     strictly between 0 and 1
   */
  public static PairedStats of(Histogram differences, double confidence) {
    if (differences == null) {
      throw new IllegalArgumentException("differences must not be null");
    }
    Support.checkConfidence(confidence);
    long n = differences.n();
    WilcoxonSignedRank.Result w = WilcoxonSignedRank.test(differences);
    if (n == 0) {
      return new PairedStats(0, null, null, null, null, null, null, null, null, null, null);
    }
    double mean = differences.meanOf(n);
    Double median = differences.median();
    Double sd = null;
    Double ciLow = null;
    Double ciHigh = null;
    Double tP = null;
    Double dz = null;
    if (n >= 2) {
      double s = Math.sqrt(differences.sumSquaredDeviations(mean) / (n - 1));
      sd = s;
      if (s > 0) {
        double se = s / Math.sqrt(n);
        double df = n - 1;
        double q = Support.tQuantile(confidence, df);
        ciLow = mean - q * se;
        ciHigh = mean + q * se;
        tP = Support.tTwoSidedP(mean / se, df);
        dz = mean / s;
      }
    }
    return new PairedStats(
        n, mean, sd, ciLow, ciHigh, median, tP, w.p(), w.statistic(), w.method(), dz);
  }
}
