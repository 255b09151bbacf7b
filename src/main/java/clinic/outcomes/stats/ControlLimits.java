package clinic.outcomes.stats;

import java.util.Arrays;

/**
 * Limits that tell a signal from chance: funnel limits for observed minus expected per unit (SPEC
 * "Expected against actual", {@code therapist_performance}) and p-chart limits for a monthly rate
 * (SPEC "Outputs", {@code monthly}).
 */
public final class ControlLimits {

  /** The funnel's inner multiplier (95 %), literally as the SPEC gives it. */
  public static final double Z95 = 1.96;

  /** The funnel's outer multiplier (99.8 %), literally as the SPEC gives it. */
  public static final double Z998 = 3.09;

  /** Flag of a value above the limits. */
  public static final String ABOVE = "above";

  /** Flag of a value below the limits. */
  public static final String BELOW = "below";

  /** Trailing calendar months a p-chart centre pools. */
  public static final int P_CHART_WINDOW = 12;

  /** Fewest trailing months with data a p-chart needs. */
  public static final int P_CHART_MIN_MONTHS = 3;

  private ControlLimits() {}

  /**
   * One unit's (therapist's) position in the funnel.
   *
   * @param n the unit's number of episodes
   * @param diff observed minus expected mean
   * @param ciLow {@code diff - 1.96 s / sqrt(n)}
   * @param ciHigh {@code diff + 1.96 s / sqrt(n)}
   * @param limit95Low {@code -1.96 s / sqrt(n)}
   * @param limit95High {@code +1.96 s / sqrt(n)}
   * @param limit998Low {@code -3.09 s / sqrt(n)}
   * @param limit998High {@code +3.09 s / sqrt(n)}
   * @param flag {@link #ABOVE} when diff &gt; limit998High, {@link #BELOW} when diff &lt;
   *     limit998Low, null inside (on a limit counts as inside) or when s = 0
   */
  public record Funnel(
      long n,
      double diff,
      double ciLow,
      double ciHigh,
      double limit95Low,
      double limit95High,
      double limit998Low,
      double limit998High,
      String flag) {}

  /**
   * Funnel limits around 0 on the observed - expected scale (Spiegelhalter, Funnel plots for
   * comparing institutional performance, Stat Med 2005;24:1185-1202): a unit of n episodes whose
   * observed mean minus its risk-adjusted expected mean lies outside {@code +/- 3.09 s / sqrt(n)}
   * is flagged. s is the risk model's residual SD, {@code sqrt(RSS / (N - p))} (e.g. {@code
   * Ols.Fit}'s residual SD).
   *
   * @param n the unit's number of episodes
   * @param observedMinusExpected the unit's observed mean minus the mean of its fitted values; null
   *     when undefined
   * @param residualSd s, finite and &ge; 0; null when the model is undefined
   * @return the funnel row, or null when n &lt; 1, the difference is null or s is null. With s = 0
   *     (an exact fit) the limits are 0 and the flag null: there is no variation to judge a
   *     difference against
   * @throws IllegalArgumentException when the difference is not finite or s is negative or not
   *     finite
   */
  public static Funnel funnel(long n, Double observedMinusExpected, Double residualSd) {
    if (n < 1 || observedMinusExpected == null || residualSd == null) {
      return null;
    }
    if (!Double.isFinite(observedMinusExpected)) {
      throw new IllegalArgumentException("difference is not finite: " + observedMinusExpected);
    }
    if (!(residualSd >= 0) || !Double.isFinite(residualSd)) {
      throw new IllegalArgumentException("residual SD must be finite and >= 0: " + residualSd);
    }
    double d = observedMinusExpected;
    double se = residualSd / Math.sqrt(n);
    double w95 = Z95 * se;
    double w998 = Z998 * se;
    String flag = null;
    if (se > 0) {
      flag = d > w998 ? ABOVE : d < -w998 ? BELOW : null;
    }
    return new Funnel(n, d, d - w95, d + w95, -w95, w95, -w998, w998, flag);
  }

  /**
   * One month's p-chart.
   *
   * @param center pooled rate of the trailing months with data; null with fewer than {@value
   *     #P_CHART_MIN_MONTHS} such months
   * @param low {@code max(0, center - 3 sqrt(center (1 - center) / n))}; null when the centre is
   *     null or the month's own n is 0
   * @param high {@code min(1, center + 3 sqrt(center (1 - center) / n))}; null likewise
   * @param flag {@link #ABOVE} when the month's rate &gt; high, {@link #BELOW} when &lt; low, null
   *     inside (on a limit counts as inside) or when the limits are null
   */
  public record PChart(Double center, Double low, Double high, String flag) {}

  private static final PChart NONE = new PChart(null, null, null, null);

  /**
   * The p-chart of one month: centre = the pooled rate {@code sum(count) / sum(n)} of the trailing
   * months that have data ({@code n > 0}); the caller passes the {@value #P_CHART_WINDOW} calendar
   * months before this one (months without data may be passed with n = 0 or left out). Limits
   * 3-sigma binomial, clipped to [0, 1].
   *
   * @param count the month's events (numerator)
   * @param n the month's denominator, &ge; 0
   * @param priorCounts the trailing months' numerators
   * @param priorNs the trailing months' denominators, aligned with {@code priorCounts}
   * @return the p-chart, never null; all null with fewer than {@value #P_CHART_MIN_MONTHS} trailing
   *     months with data; the centre alone when n = 0
   * @throws IllegalArgumentException when an array is null, the lengths differ, or a count is
   *     negative or above its denominator
   */
  public static PChart pChart(long count, long n, long[] priorCounts, long[] priorNs) {
    if (priorCounts == null || priorNs == null) {
      throw new IllegalArgumentException("arrays must not be null");
    }
    if (priorCounts.length != priorNs.length) {
      throw new IllegalArgumentException("arrays differ in length");
    }
    check(count, n, "this month");
    long months = 0;
    long sumCount = 0;
    long sumN = 0;
    for (int i = 0; i < priorNs.length; i++) {
      check(priorCounts[i], priorNs[i], "prior month " + i);
      if (priorNs[i] > 0) {
        months++;
        sumCount += priorCounts[i];
        sumN += priorNs[i];
      }
    }
    if (months < P_CHART_MIN_MONTHS) {
      return NONE;
    }
    double center = (double) sumCount / sumN;
    if (n == 0) {
      return new PChart(center, null, null, null);
    }
    double half = 3 * Math.sqrt(center * (1 - center) / n);
    double low = Math.max(0.0, center - half);
    double high = Math.min(1.0, center + half);
    double rate = (double) count / n;
    String flag = rate > high ? ABOVE : rate < low ? BELOW : null;
    return new PChart(center, low, high, flag);
  }

  /**
   * p-charts of a series of consecutive calendar months (index i is the month after i - 1; a month
   * without data has n = 0): month i pools months max(0, i - 12) .. i - 1.
   *
   * @param counts numerators per month
   * @param ns denominators per month, aligned with {@code counts}
   * @return one p-chart per month, aligned with the input
   * @throws IllegalArgumentException as {@link #pChart}
   */
  public static PChart[] pCharts(long[] counts, long[] ns) {
    if (counts == null || ns == null) {
      throw new IllegalArgumentException("arrays must not be null");
    }
    if (counts.length != ns.length) {
      throw new IllegalArgumentException("arrays differ in length");
    }
    PChart[] out = new PChart[counts.length];
    for (int i = 0; i < counts.length; i++) {
      int from = Math.max(0, i - P_CHART_WINDOW);
      out[i] =
          pChart(
              counts[i],
              ns[i],
              Arrays.copyOfRange(counts, from, i),
              Arrays.copyOfRange(ns, from, i));
    }
    return out;
  }

  private static void check(long count, long n, String what) {
    if (n < 0 || count < 0 || count > n) {
      throw new IllegalArgumentException(what + ": need 0 <= count <= n: " + count + "/" + n);
    }
  }
}
