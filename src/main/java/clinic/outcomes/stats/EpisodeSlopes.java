package clinic.outcomes.stats;

/**
 * Dose-response within episodes by the summary-measure method (SPEC "Dose-response", models {@code
 * within_episode} and {@code within_episode_late}; Matthews, Altman, Campbell, Royston, BMJ
 * 1990;300:230-5): each episode is reduced to one number, the least-squares slope of its scores on
 * the session number, and the slopes are then summarized like any one-sample data.
 *
 * <p>Use: per episode (in a Spark task), {@link #slope(double[], double[])} over the episode's
 * sessions in the window that have a score; keep the non-null slopes, signed so that a positive
 * slope means improving (negate for a lower-is-better measure); collect them into a {@link
 * Histogram} per (measure, model) and call {@link #summarize(Histogram, double)} on the driver.
 */
public final class EpisodeSlopes {

  /** Fewest points an episode needs for its slope (SPEC: at least 3 sessions with a score). */
  public static final int MIN_POINTS = 3;

  private EpisodeSlopes() {}

  /**
   * Summary of the episodes' slopes.
   *
   * @param n number of episodes (slopes)
   * @param slope mean of the slopes (points per session), null when n = 0
   * @param sd sample SD of the slopes (n - 1 denominator), null when n &lt; 2
   * @param ciLow lower bound of the Student t interval of the mean slope, {@code mean -
   *     t_{1-alpha/2, n-1} sd / sqrt(n)}; null when n &lt; 2 or SD = 0
   * @param ciHigh upper bound; null when n &lt; 2 or SD = 0
   * @param p two-sided p of the one-sample t-test of mean slope = 0, n - 1 df; null when n &lt; 2
   *     or SD = 0
   */
  public record Summary(long n, Double slope, Double sd, Double ciLow, Double ciHigh, Double p) {}

  /**
   * Ordinary least-squares slope of y on x, {@code sum((x - xbar)(y - ybar)) / sum((x - xbar)^2)}
   * (as {@code scipy.stats.linregress(x, y).slope} and R's {@code coef(lm(y ~ x))[2]}), computed
   * with centred sums (two passes, the mean corrected by its residual sum).
   *
   * @param x predictor values (session numbers), aligned with {@code y}
   * @param y responses (scores)
   * @return the slope in units of y per unit of x, or null when there are fewer than {@link
   *     #MIN_POINTS} points or all x are equal (slope undefined)
   * @throws IllegalArgumentException when an array is null, the lengths differ, or a value is NaN
   *     or infinite
   */
  public static Double slope(double[] x, double[] y) {
    if (x == null || y == null) {
      throw new IllegalArgumentException("x and y must not be null");
    }
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "x and y differ in length: " + x.length + " vs " + y.length);
    }
    int n = x.length;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException(
            "point " + i + " is not finite: (" + x[i] + ", " + y[i] + ")");
      }
    }
    if (n < MIN_POINTS) {
      return null;
    }
    double mx = mean(x);
    double my = mean(y);
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - mx;
      sxx += dx * dx;
      sxy += dx * (y[i] - my);
    }
    if (!(sxx > 0)) {
      return null;
    }
    return sxy / sxx;
  }

  /**
   * The summary-measure estimate: the mean of the episodes' slopes with its Student t confidence
   * interval and the two-sided one-sample t-test of mean = 0 (as {@code
   * scipy.stats.ttest_1samp(slopes, 0)} and R's {@code t.test(slopes)}). Same rules and accuracy as
   * {@link PairedStats#of(Histogram, double)}, whose one-sample part it is.
   *
   * @param slopes one slope per episode (null slopes left out beforehand); may be empty
   * @param confidence two-sided confidence level, e.g. 0.95
   * @return the summary, never null; see {@link Summary} for the null rules
   * @throws IllegalArgumentException when {@code slopes} is null or {@code confidence} is not
   *     strictly between 0 and 1
   */
  public static Summary summarize(Histogram slopes, double confidence) {
    if (slopes == null) {
      throw new IllegalArgumentException("slopes must not be null");
    }
    PairedStats s = PairedStats.of(slopes, confidence);
    return new Summary(s.n(), s.meanChange(), s.sdChange(), s.ciLow(), s.ciHigh(), s.tP());
  }

  /** Mean with the correction pass of the two-pass algorithm; n &gt; 0. */
  private static double mean(double[] v) {
    double s = 0;
    for (double a : v) {
      s += a;
    }
    double m = s / v.length;
    double c = 0;
    for (double a : v) {
      c += a - m;
    }
    return m + c / v.length;
  }
}
