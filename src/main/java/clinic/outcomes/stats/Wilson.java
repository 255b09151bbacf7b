package clinic.outcomes.stats;

/**
 * Wilson score confidence interval for a binomial proportion, without continuity correction (as R's
 * {@code prop.test(x, n, correct = FALSE)$conf.int}).
 */
public final class Wilson {

  private Wilson() {}

  /**
   * A closed interval of proportions.
   *
   * @param low lower bound in [0, 1]
   * @param high upper bound in [low, 1]
   */
  public record Interval(double low, double high) {}

  /**
   * The Wilson score interval {@code (p + z^2/(2n) -/+ z sqrt(p(1-p)/n + z^2/(4n^2))) / (1 +
   * z^2/n)} with {@code z = z_{1-alpha/2}}. The bound is exactly 0 when {@code successes = 0} and
   * exactly 1 when {@code successes = n}; bounds are clamped to [0, 1] against rounding.
   *
   * @param successes number of successes, {@code 0 <= successes <= n}
   * @param n number of trials
   * @param confidence two-sided confidence level, e.g. 0.95
   * @return the interval, or null when n = 0 (the proportion is undefined)
   * @throws IllegalArgumentException when n &lt; 0, successes is outside [0, n], or {@code
   *     confidence} is not strictly between 0 and 1
   */
  public static Interval interval(long successes, long n, double confidence) {
    Support.checkConfidence(confidence);
    if (n < 0 || successes < 0 || successes > n) {
      throw new IllegalArgumentException("need 0 <= successes <= n: " + successes + "/" + n);
    }
    if (n == 0) {
      return null;
    }
    double z = Support.zQuantile(confidence);
    double nd = n;
    double p = successes / nd;
    double z2 = z * z;
    double denom = 1 + z2 / nd;
    double centre = (p + z2 / (2 * nd)) / denom;
    double half = z * Math.sqrt(p * (1 - p) / nd + z2 / (4 * nd * nd)) / denom;
    double low = successes == 0 ? 0.0 : Math.max(0.0, centre - half);
    double high = successes == n ? 1.0 : Math.min(1.0, centre + half);
    return new Interval(low, high);
  }
}
