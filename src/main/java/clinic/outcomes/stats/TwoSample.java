package clinic.outcomes.stats;

/**
 * Two independent samples given as histograms: Welch's t-test and the Mann-Whitney U test (SPEC
 * "Comparisons": a level of a factor against its reference level).
 */
public final class TwoSample {

  private TwoSample() {}

  /**
   * Welch two-sample comparison of means.
   *
   * @param nLevel size of the level sample
   * @param nReference size of the reference sample
   * @param meanLevel mean of the level sample, null when it is empty
   * @param meanReference mean of the reference sample, null when it is empty
   * @param diff {@code meanLevel - meanReference} in the unit of the data, null when either sample
   *     is empty
   * @param df Welch-Satterthwaite degrees of freedom, null when undefined (see {@link #welch})
   * @param ciLow lower bound of the Welch confidence interval of {@code diff}, null when undefined
   * @param ciHigh upper bound, null when undefined
   * @param p two-sided p of the Welch t-test of equal means, null when undefined
   */
  public record Welch(
      long nLevel,
      long nReference,
      Double meanLevel,
      Double meanReference,
      Double diff,
      Double df,
      Double ciLow,
      Double ciHigh,
      Double p) {}

  /**
   * Welch's unequal-variance t-test and interval for mean(level) - mean(reference), as R's {@code
   * t.test(level, reference, var.equal = FALSE, conf.level = confidence)}: standard error {@code
   * sqrt(v1/n1 + v2/n2)}, Welch-Satterthwaite df {@code (v1/n1 + v2/n2)^2 / ((v1/n1)^2/(n1-1) +
   * (v2/n2)^2/(n2-1))}, interval {@code diff -/+ t_{1-alpha/2, df} se}.
   *
   * <p>{@code df}, the interval and {@code p} are null when either sample has fewer than 2
   * observations or both sample variances are 0 (R stops with "not enough observations" or "data
   * are essentially constant"). One zero variance alone is fine.
   *
   * @param level the compared level's values
   * @param reference the reference level's values
   * @param confidence two-sided confidence level, e.g. 0.95
   * @return the comparison, never null
   * @throws IllegalArgumentException when a histogram is null or {@code confidence} is not strictly
   *     between 0 and 1
   */
  public static Welch welch(Histogram level, Histogram reference, double confidence) {
    if (level == null || reference == null) {
      throw new IllegalArgumentException("histograms must not be null");
    }
    Support.checkConfidence(confidence);
    long n1 = level.n();
    long n2 = reference.n();
    Double m1 = n1 == 0 ? null : level.meanOf(n1);
    Double m2 = n2 == 0 ? null : reference.meanOf(n2);
    Double diff = m1 == null || m2 == null ? null : m1 - m2;
    if (n1 < 2 || n2 < 2) {
      return new Welch(n1, n2, m1, m2, diff, null, null, null, null);
    }
    double a = level.sumSquaredDeviations(m1) / (n1 - 1) / n1;
    double b = reference.sumSquaredDeviations(m2) / (n2 - 1) / n2;
    if (a == 0 && b == 0) {
      return new Welch(n1, n2, m1, m2, diff, null, null, null, null);
    }
    double se2 = a + b;
    double df = se2 * se2 / (a * a / (n1 - 1) + b * b / (n2 - 1));
    double se = Math.sqrt(se2);
    double q = Support.tQuantile(confidence, df);
    double p = Support.tTwoSidedP(diff / se, df);
    return new Welch(n1, n2, m1, m2, diff, df, diff - q * se, diff + q * se, p);
  }

  /**
   * Mann-Whitney U statistic of {@code a}: the rank sum of {@code a} in the pooled sample (midranks
   * for ties) minus {@code n_a (n_a + 1) / 2}; R's {@code W} in {@code wilcox.test(a, b)}.
   *
   * @param a the first sample
   * @param b the second sample
   * @return U in [0, n_a n_b], or null when either sample is empty
   * @throws IllegalArgumentException when a histogram is null
   */
  public static Double mannWhitneyU(Histogram a, Histogram b) {
    double[] r = rankSums(a, b);
    return r == null ? null : r[0];
  }

  /**
   * Two-sided Mann-Whitney U (Wilcoxon rank-sum) p-value by the normal approximation with tie
   * correction and a continuity correction of 0.5 toward the mean, as R's {@code wilcox.test(a, b,
   * exact = FALSE, correct = TRUE)}: z = (U - n_a n_b / 2 -/+ 0.5) / sqrt(n_a n_b / 12 (n + 1 -
   * sum(t^3 - t) / (n (n - 1)))), t the sizes of tie groups in the pooled sample. Computed from the
   * merged distinct values, so memory does not depend on n.
   *
   * @param a the first sample
   * @param b the second sample
   * @return p in [0, 1], or null when either sample is empty or all pooled values are equal (zero
   *     variance of U)
   * @throws IllegalArgumentException when a histogram is null
   */
  public static Double mannWhitneyP(Histogram a, Histogram b) {
    double[] r = rankSums(a, b);
    if (r == null) {
      return null;
    }
    double na = a.n();
    double nb = b.n();
    double n = na + nb;
    double var = na * nb / 12 * ((n + 1) - r[1] / (n * (n - 1)));
    if (!(var > 0)) {
      return null;
    }
    double z = r[0] - na * nb / 2;
    double correction = Math.signum(z) * 0.5;
    return Support.zTwoSidedP((z - correction) / Math.sqrt(var));
  }

  /** {U of a, sum(t^3 - t)} over the pooled distinct values, or null if a or b is empty. */
  private static double[] rankSums(Histogram a, Histogram b) {
    if (a == null || b == null) {
      throw new IllegalArgumentException("histograms must not be null");
    }
    long na = a.n();
    long nb = b.n();
    if (na == 0 || nb == 0) {
      return null;
    }
    double rankSumA = 0;
    double tieSum = 0;
    double cum = 0;
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      double va = i < a.size() ? a.value(i) : Double.POSITIVE_INFINITY;
      double vb = j < b.size() ? b.value(j) : Double.POSITIVE_INFINITY;
      double v = Math.min(va, vb);
      double ca = va == v ? a.count(i++) : 0;
      double cb = vb == v ? b.count(j++) : 0;
      double t = ca + cb;
      double midrank = cum + (t + 1) / 2;
      rankSumA += ca * midrank;
      tieSum += t * t * t - t;
      cum += t;
    }
    double na0 = na;
    return new double[] {rankSumA - na0 * (na0 + 1) / 2, tieSum};
  }
}
