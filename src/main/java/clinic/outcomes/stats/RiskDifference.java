package clinic.outcomes.stats;

/**
 * Difference of two independent proportions with Newcombe's hybrid score interval, and the number
 * needed to treat (or harm) with its interval (SPEC "Benefit and harm").
 *
 * <p>References: Newcombe RG, Interval estimation for the difference between independent
 * proportions: comparison of eleven methods, Stat Med 1998;17:873-890, method 10; Altman DG,
 * Confidence intervals for the number needed to treat, BMJ 1998;317:1309-12.
 */
public final class RiskDifference {

  private RiskDifference() {}

  /**
   * A difference of proportions {@code p1 - p2} with its interval.
   *
   * @param diff {@code x1/n1 - x2/n2}, in [-1, 1]
   * @param ciLow lower bound, in [-1, diff]
   * @param ciHigh upper bound, in [diff, 1]
   */
  public record Difference(double diff, double ciLow, double ciHigh) {}

  /**
   * A number needed to treat (benefit) or harm, {@code 1 / diff}, with its interval.
   *
   * @param value {@code 1 / diff}; null when diff = 0. Negative when the difference is negative
   *     (the level is worse than the reference on this outcome)
   * @param ciLow {@code 1 / ciHigh} of the difference, null unless the difference's interval
   *     excludes 0
   * @param ciHigh {@code 1 / ciLow} of the difference, null unless the difference's interval
   *     excludes 0
   */
  public record NumberNeeded(Double value, Double ciLow, Double ciHigh) {}

  /**
   * Newcombe's hybrid score interval (method 10) for {@code p1 - p2}, from the Wilson score
   * intervals {@code [l_i, u_i]} of each proportion (no continuity correction, see {@link Wilson}):
   * {@code d - sqrt((p1 - l1)^2 + (u2 - p2)^2)} to {@code d + sqrt((u1 - p1)^2 + (p2 - l2)^2)}.
   * Bounds are clamped to [-1, 1] against rounding.
   *
   * @param x1 successes of the level (e.g. responders), {@code 0 <= x1 <= n1}
   * @param n1 size of the level
   * @param x2 successes of the reference, {@code 0 <= x2 <= n2}
   * @param n2 size of the reference
   * @param confidence two-sided confidence level, e.g. 0.95
   * @return the difference with its interval, or null when n1 = 0 or n2 = 0 (a proportion is
   *     undefined)
   * @throws IllegalArgumentException when a count is outside its range or {@code confidence} is not
   *     strictly between 0 and 1
   */
  public static Difference newcombe(long x1, long n1, long x2, long n2, double confidence) {
    Wilson.Interval w1 = Wilson.interval(x1, n1, confidence);
    Wilson.Interval w2 = Wilson.interval(x2, n2, confidence);
    if (w1 == null || w2 == null) {
      return null;
    }
    double p1 = (double) x1 / n1;
    double p2 = (double) x2 / n2;
    double d = p1 - p2;
    double below = Math.hypot(p1 - w1.low(), w2.high() - p2);
    double above = Math.hypot(w1.high() - p1, p2 - w2.low());
    return new Difference(d, Math.max(-1.0, d - below), Math.min(1.0, d + above));
  }

  /**
   * The number needed to treat (for a difference in a good outcome) or to harm (for a difference in
   * an adverse outcome), {@code 1 / diff}, with Altman's interval: the reciprocals of the
   * difference's bounds, {@code [1 / ciHigh, 1 / ciLow]}, when the difference's interval excludes 0
   * (both bounds strictly of one sign); otherwise the interval would run through infinity (Altman's
   * "NNTB x to infinity to NNTH y") and is null here, as the SPEC asks.
   *
   * @param d the difference with its interval; may be null
   * @return the number needed, never null; all fields null when {@code d} is null
   */
  public static NumberNeeded numberNeeded(Difference d) {
    if (d == null) {
      return new NumberNeeded(null, null, null);
    }
    Double value = d.diff() == 0 ? null : 1 / d.diff();
    boolean excludesZero = d.ciLow() > 0 || d.ciHigh() < 0;
    if (!excludesZero) {
      return new NumberNeeded(value, null, null);
    }
    return new NumberNeeded(value, 1 / d.ciHigh(), 1 / d.ciLow());
  }
}
